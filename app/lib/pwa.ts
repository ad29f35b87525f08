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
    if (worker && navigator.serviceWorker.controller) setWaiting(worker);
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

/** "Reload": let the waiting worker take over, then load the page from it. */
export function applyUpdate(): void {
  const worker = waiting();
  if (!worker) return;
  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  };
  // The page reloads once the new worker controls it, or once it is active if the browser
  // never tells this page that its controller changed (it had already activated, say, when
  // another tab chose Reload first).
  navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
  worker.addEventListener('statechange', () => worker.state === 'activated' && reload());
  if (worker.state === 'activated' || navigator.serviceWorker.controller === worker) return reload();
  worker.postMessage({ type: 'SKIP_WAITING' });
}

export function dismissUpdate(): void {
  setWaiting(null);
}
