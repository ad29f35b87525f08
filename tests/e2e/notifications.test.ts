/**
 * Notifications in Chromium against the real server (`npm start`): turn push on for
 * this device from Account (pushManager.subscribe stubbed to answer a subscription of a
 * real local push service, web-push-testing, since headless Chromium has no push
 * service of its own), a sign-in elsewhere makes a notification that the server's queue
 * pushes to that service (which verifies VAPID and decrypts it), the decrypted push is
 * delivered into the service worker with the DevTools protocol
 * (ServiceWorker.deliverPushMessage), shown (registration.getNotifications()), and a
 * tap opens its screen; the inbox with its bell in English and Arabic, screenshots at 375 px.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { launch } from './chromium';
import { baseURL, newUser, signInAs, waitForServiceWorker, watchConsole, type Browser, type Page } from './helpers';
import { startPushService } from '../shared/push-service';

let browser: Browser;
let pushService: string;
beforeAll(async () => {
  browser = await launch();
  pushService = await startPushService();
  mkdirSync('test-results/screenshots', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

type ServiceSubscription = { endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string };

async function subscribeOnService(): Promise<ServiceSubscription> {
  const key = (await (await fetch(`${baseURL()}/api/push/key`)).json()) as { public_key: string };
  const res = await fetch(`${pushService}/subscribe`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userVisibleOnly: 'true', applicationServerKey: key.public_key }) });
  return ((await res.json()) as { data: ServiceSubscription }).data;
}

async function received(sub: ServiceSubscription): Promise<string[]> {
  const res = await fetch(`${pushService}/get-notifications`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ clientHash: sub.clientHash }) });
  return ((await res.json()) as { data: { messages: string[] } }).data.messages;
}

/** pushManager.subscribe answers the push service's subscription, as a browser's would. */
async function stubPushManager(page: Page, sub: ServiceSubscription): Promise<void> {
  await page.addInitScript((s: ServiceSubscription) => {
    const fake = { endpoint: s.endpoint, expirationTime: null, options: {}, toJSON: () => ({ endpoint: s.endpoint, expirationTime: null, keys: s.keys }), unsubscribe: () => Promise.resolve(true) };
    let subscribed = false;
    PushManager.prototype.subscribe = function () {
      subscribed = true;
      return Promise.resolve(fake as unknown as PushSubscription);
    };
    PushManager.prototype.getSubscription = () => Promise.resolve(subscribed ? (fake as unknown as PushSubscription) : null);
  }, sub);
}

const signInElsewhere = (user: { email: string; password: string }, userAgent: string) =>
  fetch(`${baseURL()}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': userAgent }, body: JSON.stringify(user) });

/** Hands a push's bytes to the page's service worker, as the browser's push service would. */
async function deliverPush(page: Page, data: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const registration = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
      const found = event.registrations.find((r) => !r.isDeleted && r.scopeURL.startsWith(baseURL()));
      if (found) resolve(found.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: new URL(baseURL()).origin, registrationId: await registration, data });
}

async function shown(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, lang: n.lang, dir: n.dir, tag: n.tag, badge: (n as Notification & { badge?: string }).badge }));
  });
}

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('notifications', () => {
  it('push turned on from Account reaches the service worker, is shown in the user language, and a tap opens its screen', async () => {
    const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 375, height: 812 }, serviceWorkers: 'allow' });
    await context.grantPermissions(['notifications'], { origin: baseURL() });
    const page = await context.newPage();
    const console = watchConsole(page);
    const sub = await subscribeOnService();
    await stubPushManager(page, sub);
    const user = newUser('Layla Haddad');
    await signInAs(page, user);
    await waitForServiceWorker(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    const settings = page.getByTestId('push-settings');
    await settings.getByText('Get a notification on this device').waitFor();
    await page.screenshot({ path: 'test-results/screenshots/en-push-off-light.png', fullPage: true });
    await settings.getByRole('button', { name: 'Turn on notifications' }).click();
    await settings.getByText('On for this device.').waitFor();

    // Arabic from the switch on: the server learns it through the queue.
    const token = await tokenOf(user);
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect.poll(async () => ((await (await fetch(`${baseURL()}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { user: { lang: string } }).user.lang, { timeout: 15_000 }).toBe('ar');
    // The token's own sign-in was pushed in English, before the switch.
    await expect.poll(() => received(sub), { timeout: 30_000 }).toHaveLength(1);

    expect((await signInElsewhere(user, 'Tablet')).status).toBe(200);
    // The server's queue consumer pushed it to the push service, which verified and decrypted it.
    await expect.poll(() => received(sub), { timeout: 30_000 }).toHaveLength(2);
    const payload = (await received(sub))[1];
    const pushed = (JSON.parse(payload!) as { notification: { id: string; title: string; body: string; lang: string; dir: string; kind: string } }).notification;
    expect(pushed).toMatchObject({ kind: 'new_sign_in', title: 'تسجيل دخول جديد إلى TopUp', lang: 'ar', dir: 'rtl' });

    await deliverPush(page, payload!);
    await expect.poll(() => shown(page)).toEqual([{ title: pushed.title, body: pushed.body, lang: 'ar', dir: 'rtl', tag: pushed.id, badge: `${baseURL()}/icons/badge-96.png` }]);

    // The tap: the notification's click in the service worker takes the open window to the screen it is about.
    await page.goto('/');
    await page.getByRole('button', { name: 'إضافة رصيد' }).waitFor();
    const worker = context.serviceWorkers()[0]!;
    await worker.evaluate(async () => {
      const sw = self as unknown as ServiceWorkerGlobalScope;
      const [notification] = await sw.registration.getNotifications();
      sw.dispatchEvent(new NotificationEvent('notificationclick', { notification: notification! }));
    });
    await expect.poll(() => new URL(page.url()).pathname).toBe('/account');
    expect(console.errors).toEqual([]);
    await context.close();
  });

  for (const lang of ['en', 'ar'] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`the inbox (${lang}, ${scheme}): the bell counts unread, the list is newest first, opening one marks it read`, async () => {
        const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 375, height: 812 }, colorScheme: scheme, serviceWorkers: 'allow' });
        const page = await context.newPage();
        const console = watchConsole(page);
        const user = newUser('Omar Saeed');
        await signInAs(page, user);
        const token = await tokenOf(user);
        if (lang === 'ar') {
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
          await page.getByRole('button', { name: 'العربية' }).click();
          await expect.poll(async () => ((await (await fetch(`${baseURL()}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { user: { lang: string } }).user.lang, { timeout: 15_000 }).toBe('ar');
        }
        for (const agent of ['Phone', 'Laptop']) expect((await signInElsewhere(user, agent)).status).toBe(200);
        const words = lang === 'ar' ? { title: 'تسجيل دخول جديد إلى TopUp', all: 'تعليم الكل كمقروء' } : { title: 'New sign-in to TopUp', all: 'Mark all read' };
        await page.goto('/');
        // Two sign-ins (the tokens above are sign-ins too), newest first.
        const bell = page.getByRole('link', { name: /^(Notifications|الإشعارات)/ });
        await expect.poll(() => page.getByTestId('unread-count').textContent()).toMatch(/^[2-9]$/);
        await page.screenshot({ path: `test-results/screenshots/${lang}-home-bell-${scheme}.png` });
        await bell.click();
        const list = page.getByRole('list', { name: lang === 'ar' ? 'الإشعارات' : 'Notifications' });
        await list.getByRole('button').first().waitFor();
        expect(await list.getByRole('button').first().textContent()).toContain(words.title);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: `test-results/screenshots/${lang}-inbox-${scheme}.png`, fullPage: true });
        const unreadBefore = Number(await page.evaluate(async () => ((await (await fetch('/api/notifications')).json()) as { unread: number }).unread));
        await list.getByRole('button').first().click();
        await expect.poll(() => new URL(page.url()).pathname).toBe('/account');
        await expect.poll(async () => ((await page.evaluate(async () => (await (await fetch('/api/notifications')).json()) as { unread: number })).unread)).toBe(unreadBefore - 1);
        await page.goto('/notifications');
        await page.getByRole('button', { name: words.all }).click();
        await expect.poll(() => page.getByRole('button', { name: words.all }).count()).toBe(0);
        // Offline, the inbox is what this device saved.
        await waitForServiceWorker(page);
        await context.setOffline(true);
        await page.reload();
        await list.getByRole('button').first().waitFor();
        await context.setOffline(false);
        expect(console.errors).toEqual([]);
        await context.close();
      });
    }
  }
});

async function tokenOf(user: { email: string; password: string }): Promise<string> {
  const login = await fetch(`${baseURL()}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(user) });
  return ((await login.json()) as { token: string }).token;
}
