// Inlined into index.html at build (vite.config.ts). <html lang dir> before the first paint, and whether the static sign-in may show: see docs/decisions/112-first-paint-from-html.md.
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
  if (!signedIn && (path === '/' || path === '/signin')) {
    root.setAttribute('data-static', 'signin');
    // The static sign-in takes typing at once; a press of Sign in before the app is there is kept,
    // and the app signs in with what was typed when it takes over (first-paint/first-screen.ts carryOver).
    document.addEventListener(
      'submit',
      function (event) {
        var form = event.target;
        if (!form || !form.closest || !form.closest('.static-signin')) return;
        event.preventDefault();
        root.setAttribute('data-signin-pending', '');
        var button = form.querySelector('button[type=submit]');
        if (button) button.setAttribute('aria-busy', 'true');
      },
      true,
    );
    // So is a press of "Sign in with a passkey": the app's button is pressed for it when it takes over.
    document.addEventListener('click', function (event) {
      var button = event.target && event.target.closest && event.target.closest('.static-signin .passkey-slot button');
      if (!button) return;
      root.setAttribute('data-passkey-pending', '');
      button.setAttribute('aria-busy', 'true');
    });
  }
  // The app's scripts, fetched once the first screen's paint has been reported (ADR 107, amendment
  // 2026-12-03): nothing competes with the HTML's paint, no script runs before it, and the static
  // screen is not replaced before its paint counts (a node removed before that never counts as the
  // largest paint; the app's twin of it is no larger). Without paint timing: after 500 ms. The
  // build writes the entry, what it imports, and — for a returning person's Home — its words and chunk into the
  // #app-files data block (vite.config.ts); in development there is none and index.html's module
  // tag loads the app.
  var data = document.getElementById('app-files');
  if (!data) return;
  var files = JSON.parse(data.textContent);
  var mine = files[lang];
  var later = signedIn && path === '/' ? mine.first.concat(mine.all, files.home) : [];
  var started = false;
  var preload = function (href) {
    var link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.appendChild(link);
  };
  var go = function () {
    if (started) return;
    started = true;
    // A first visit's sign-in is a chunk of its own (a returning person's Home never carries it).
    var first = files.imports.concat(root.hasAttribute('data-static') ? files.signin : []);
    for (var j = 0; j < first.length; j++) preload(first[j]);
    var script = document.createElement('script');
    script.type = 'module';
    script.src = files.entry;
    document.head.appendChild(script);
    // Home's words and chunk, one per task: each append starts a fetch (about a millisecond of
    // main thread apiece on a fast machine), and the app's own start should not wait behind them.
    var next = function () {
      if (later.length) preload(later.shift());
      if (later.length) setTimeout(next, 0);
    };
    setTimeout(next, 0);
  };
  setTimeout(go, 500);
  try {
    new PerformanceObserver(function (list, observer) {
      if (!list.getEntriesByName('first-contentful-paint').length) return;
      observer.disconnect();
      go();
    }).observe({ type: 'paint', buffered: true });
  } catch (e) {
    // no paint timing: the timer starts the app
  }
})();
