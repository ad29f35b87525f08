import { render } from 'solid-js/web';
import './styles.css';
import { App } from './App';
import { boot } from './state/boot';
import { captureInstallPrompt } from './lib/install';
import { registerServiceWorker } from './lib/pwa';

// Listen before anything else: the browser may offer installation right away.
captureInstallPrompt();
void boot();
render(() => <App />, document.getElementById('app')!);
// The service worker is not needed to paint: register it once the page has loaded.
window.addEventListener('load', () => void registerServiceWorker().catch(() => undefined), { once: true });
