// Inlined into index.html right after #app at build (vite.config.ts): ADR 107, amendment 2026-12-03 (Home).
// A returning person opening Home sees its top — greeting, balance, this month's total — as it last
// was (app/first-paint/home-shot.ts keeps it), painted with the HTML; inert and hidden from assistive
// technology: the app, rendered beside it unseen, takes its place as soon as its Home is there.
(function () {
  try {
    if (location.pathname !== '/' || localStorage.getItem('topup:maybe-signed-in') !== '1') return;
    var shot = JSON.parse(localStorage.getItem('topup:home-shot') || 'null');
    if (!shot || shot.lang !== document.documentElement.lang) return;
    var app = document.getElementById('app');
    app.insertAdjacentHTML('beforeend', shot.html);
    // Style attributes would break the CSP: widths come as data-style, set through the CSSOM.
    var styled = app.querySelectorAll('[data-style]');
    for (var i = 0; i < styled.length; i++) styled[i].style.cssText = styled[i].getAttribute('data-style');
  } catch (e) {
    // no storage, or a record this version cannot read: the app paints Home as before
  }
})();
