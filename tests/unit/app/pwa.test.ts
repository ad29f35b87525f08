import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fake ServiceWorkerContainer with one registration whose workers we drive by hand. */
function fakeBrowser(options: { controlled: boolean }) {
  const listeners: Record<string, (() => void)[]> = {};
  const worker = (state: string) => {
    const events: (() => void)[] = [];
    return {
      state,
      postMessage: vi.fn(),
      addEventListener: (_: string, fn: () => void) => events.push(fn),
      become(next: string) {
        this.state = next;
        for (const fn of events) fn();
      },
    };
  };
  const registration = {
    waiting: null as ReturnType<typeof worker> | null,
    installing: null as ReturnType<typeof worker> | null,
    update: vi.fn(async () => undefined),
    addEventListener: (type: string, fn: () => void) => (listeners[type] ??= []).push(fn),
  };
  const container = {
    controller: options.controlled ? {} : null,
    register: vi.fn(async () => registration),
    addEventListener: (type: string, fn: () => void) => (listeners[type] ??= []).push(fn),
  };
  const reload = vi.fn();
  vi.useFakeTimers(); // the hourly update check
  vi.stubGlobal('navigator', { serviceWorker: container });
  vi.stubGlobal('window', { location: { reload } });
  return {
    registration,
    reload,
    emit: (type: string) => listeners[type]?.forEach((fn) => fn()),
    newVersion() {
      registration.installing = worker('installing');
      this.emit('updatefound');
      registration.installing.become('installed');
      return registration.installing;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('update prompt (prompt mode)', () => {
  it('offers a new version that waits behind the active one, and reloads into it on request', async () => {
    const browser = fakeBrowser({ controlled: true });
    const pwa = await import('../../../app/lib/pwa');
    await pwa.registerServiceWorker();
    expect(pwa.updateWaiting()).toBeNull();

    const next = browser.newVersion();
    expect(pwa.updateWaiting()).toBe(next);

    pwa.applyUpdate();
    expect(next.postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' });
    expect(browser.reload).not.toHaveBeenCalled();
    browser.emit('controllerchange');
    expect(browser.reload).toHaveBeenCalledOnce();
  });

  it('does not prompt for the very first install', async () => {
    const browser = fakeBrowser({ controlled: false });
    const pwa = await import('../../../app/lib/pwa');
    await pwa.registerServiceWorker();
    browser.newVersion();
    expect(pwa.updateWaiting()).toBeNull();
  });
});
