import { render } from 'solid-js/web';
import './styles.css';
import { App } from './App';
import { boot } from './state/boot';
import { captureInstallPrompt } from './lib/install';
import { registerServiceWorker } from './lib/pwa';
import { allWords, initialLocale, startLocale } from './i18n';
import { handOver, onFirstInteraction, SCREEN_SHOWN, standInPainted } from './first-paint/first-screen';
import { maybeSignedIn } from './offline/session';
import { whenIdle } from './lib/idle';

// Listen before anything else: the browser may offer installation right away.
captureInstallPrompt();
void boot();
// Only the chosen language's words load (in parallel with IndexedDB opening); the
// static screen of index.html stays painted until they are in.
void startLocale(initialLocale()).then(() => {
  const root = document.getElementById('app')!;
  if (standInPainted()) {
    // The app renders beside index.html's stand-in, unseen, and takes its place once drawn, or after 1 s
    // (the screen may not be coming, e.g. when the session has ended).
    const live = document.createElement('div');
    live.hidden = true;
    root.parentNode!.insertBefore(live, root.nextSibling);
    const swap = () => {
      if (!live.hidden) return;
      handOver(root);
      root.remove();
      live.id = 'app';
      live.hidden = false;
    };
    addEventListener(SCREEN_SHOWN, swap, { once: true });
    setTimeout(swap, 1000);
    render(() => <App />, live);
  } else {
    root.textContent = ''; // the static header of index.html, painted before any script ran
    render(() => <App />, root);
  }
  // The rest of the words (every screen after sign-in): for a returning person once the first screen is
  // up; on a first visit when the person starts using the page (not needed to read or fill in sign-in).
  if (maybeSignedIn()) setTimeout(() => void allWords(), 0);
  else onFirstInteraction(() => void allWords());
});
// The service worker registers when the browser is idle: its precache downloads never compete with the first screen.
const register = () => void registerServiceWorker().catch(() => undefined);
whenIdle(register, 3000, 1000);
