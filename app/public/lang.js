// <html lang dir> before the first paint, and whether the static sign-in may show: see docs/decisions/107-i18n.md.
(function () {
  var root = document.documentElement;
  var lang = 'en';
  var saved;
  var signedIn = false;
  try {
    saved = localStorage.getItem('topup:locale');
    signedIn = localStorage.getItem('topup:maybe-signed-in') === '1';
  } catch (e) {
    saved = null; // no storage: follow the device
  }
  if (saved === 'ar' || saved === 'en') lang = saved;
  else {
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < prefs.length; i++) {
      var code = String(prefs[i]).slice(0, 2).toLowerCase();
      if (code === 'ar' || code === 'en') {
        lang = code;
        break;
      }
    }
  }
  root.lang = lang;
  root.dir = lang === 'ar' ? 'rtl' : 'ltr';
  var path = location.pathname;
  if (!signedIn && (path === '/' || path === '/signin')) root.setAttribute('data-static', 'signin');
})();
