// Runs before the first paint (a classic script in <head>; the CSP allows only
// same-origin scripts, no inline ones): sets <html lang dir> to the remembered
// language, else the first of Arabic/English the device prefers, else English,
// so an Arabic-first visitor never sees a flash of English or left-to-right.
// It also says whether the static sign-in screen in index.html may show: only
// when nobody may be signed in here (the app's own hint, app/offline/session.ts).
(function () {
  var root = document.documentElement;
  var lang = 'en';
  var saved = null;
  var signedIn = false;
  try {
    saved = localStorage.getItem('topup:locale');
    signedIn = localStorage.getItem('topup:maybe-signed-in') === '1';
  } catch (e) {
    // no storage: follow the device
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
