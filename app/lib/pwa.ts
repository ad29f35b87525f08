/**
 * Service worker registration in prompt mode: a new version installs in the
 * background and waits; the person chooses when to reload into it. (What
 * vite-plugin-pwa's registerSW does with workbox-window, in 30 lines instead of
 * 2 KB of first-load JavaScript.)
 */
import { createSignal } from 'solid-js';

const [waiting, setWaiting] = createSignal<ServiceWorker | null>(null);
export const updateWaiting = waiting;

const UPDATE_CHECK_MS = 60 * 60 * 1000;

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  const offer = (worker: ServiceWorker | null) => {
    // Only an update waits behind an active worker; the very first install just takes over.
    if (!worker || !navigator.serviceWorker.controller) return;
    setWaiting(worker);
    // A newer version that arrived while the person had already chosen Reload takes over at once.
    if (applying) skipWaiting(worker);
  };
  offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offer(installing);
    });
  });
  setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
}

let applying = false;
let reloading = false;
const reload = () => {
  if (reloading) return;
  reloading = true;
  window.location.reload();
};

/** Asks `worker` to take over; the page reloads once it is active. */
function skipWaiting(worker: ServiceWorker): void {
  worker.addEventListener('statechange', () => worker.state === 'activated' && reload());
  if (worker.state === 'activated' || navigator.serviceWorker.controller === worker) return reload();
  worker.postMessage({ type: 'SKIP_WAITING' });
}

/**
 * "Reload": let the waiting worker take over, then load the page from it. The page reloads
 * once the new worker controls it, or once it is active if the browser never says this page's
 * controller changed (another tab chose Reload first). A newer version that replaces the
 * waiting one before it took over is asked too (offer above).
 */
export function applyUpdate(): void {
  const worker = waiting();
  if (!worker) return;
  if (!applying) navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
  applying = true;
  skipWaiting(worker);
}

export function dismissUpdate(): void {
  setWaiting(null);
}
