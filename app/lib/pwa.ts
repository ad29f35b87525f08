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
/** After a first install that did not happen: try again when the network is back, or after these waits. */
const RETRY_MS = [15_000, 60_000, 5 * 60_000];

/**
 * Registers the worker and offers its updates. A first install that fails (the script or
 * a file of the shell could not be fetched: a network that dropped for a moment) leaves
 * the page without offline support until the next full load, which in an app that
 * navigates in place may be days away: it is tried again once the browser is back
 * online, or after a while.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  let registration: ServiceWorkerRegistration;
  try {
    registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  } catch {
    return retry();
  }
  if (followed.has(registration)) return;
  followed.add(registration);
  const offer = (worker: ServiceWorker | null) => {
    // Only an update waits behind an active worker; the very first install just takes over.
    if (!worker || !navigator.serviceWorker.controller) return;
    setWaiting(worker);
    // A newer version that arrived while the person had already chosen Reload takes over at once.
    if (applying) skipWaiting(worker);
  };
  const track = (worker: ServiceWorker | null) => {
    if (!worker || tracked.has(worker)) return;
    tracked.add(worker);
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
      // Its install failed with no worker active: the browser forgot the registration.
      else if (worker.state === 'redundant' && !registration.active) retry();
    });
  };
  // A load that began while the first worker was installing is not among the pages it claimed.
  if (registration.active && !navigator.serviceWorker.controller) registration.active.postMessage({ type: 'CLAIM' });
  offer(registration.waiting);
  track(registration.installing);
  registration.addEventListener('updatefound', () => track(registration.installing));
  if (!checking) checking = setInterval(() => void navigator.serviceWorker.getRegistration().then((r) => r?.update()).catch(() => undefined), UPDATE_CHECK_MS);
}

const followed = new WeakSet<ServiceWorkerRegistration>();
const tracked = new WeakSet<ServiceWorker>();
let checking: ReturnType<typeof setInterval> | undefined;
let retries = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function retry(): void {
  if (retryTimer !== undefined) return;
  const again = () => {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    removeEventListener('online', again);
    void registerServiceWorker();
  };
  retryTimer = setTimeout(again, RETRY_MS[Math.min(retries++, RETRY_MS.length - 1)]);
  addEventListener('online', again);
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
