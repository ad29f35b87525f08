/** Service worker registration in prompt mode (ADR 103, 116): registerSW's job without workbox-window's 2 KB on the first load. */
import { createSignal } from 'solid-js';

const [waiting, setWaiting] = createSignal<ServiceWorker | null>(null);
export const updateWaiting = waiting;

const UPDATE_CHECK_MS = 60 * 60 * 1000;
/** After a first install that did not happen: try again when the network is back, or after these waits. */
const RETRY_MS = [15_000, 60_000, 5 * 60_000];

/** A failed first install leaves the page without offline support until its next full load, maybe days away: it is retried. */
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
 * "Reload": once the new worker controls the page, or is active if this page never hears of it
 * (another tab chose Reload first). A newer one arriving meanwhile is asked too (offer above).
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
