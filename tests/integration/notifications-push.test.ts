/**
 * Web Push end to end against a real push service (web-push-testing: it verifies the
 * VAPID JWT and decrypts aes128gcm): subscriptions, the payload in the user's language,
 * 404/410 pruning, retries on 5xx/429, sign-out ending the device's subscriptions.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { makePushKit, pushService } from './push-kit';
import { shardRows } from './shard-queries';
import { expectConsole } from '../shared/console-guard';

const { h, announced, transport, deliverPushes, subscribedUser, inbox } = makePushKit();

const login = (email: string, password: string, userAgent = 'Phone B') =>
  h.call('POST', '/api/auth/login', { body: { email, password }, key: false, headers: { 'User-Agent': userAgent } });

const deliveriesOf = (notificationId: string) => shardRows<{ subscription_id: string; attempts: number; next_attempt_at: string }>('SELECT subscription_id, attempts, next_attempt_at FROM push_deliveries WHERE notification_id = ?', notificationId);

describe('the application server key', () => {
  it('is public and is the configured VAPID key', async () => {
    const res = await h.call('GET', '/api/push/key');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ public_key: env.VAPID_PUBLIC_KEY });
  });
});

describe('push subscriptions', () => {
  it('registers a browser subscription once per endpoint, lists it and removes it', async () => {
    const u = await h.signUp();
    const sub = await pushService.subscribe();
    const body = { endpoint: sub.endpoint, keys: sub.keys };
    const first = await h.call('POST', '/api/me/push-subscriptions', { token: u.token, body, headers: { 'User-Agent': 'Phone A' } });
    expect(first.status).toBe(201);
    expect(first.json.subscription).toEqual({ id: expect.any(String), created_at: '2026-11-15T10:00:00.000Z', user_agent: 'Phone A' });
    const again = await h.call('POST', '/api/me/push-subscriptions', { token: u.token, body });
    expect(again.status).toBe(200);
    expect(again.json.subscription).toEqual(first.json.subscription);
    expect((await h.call('GET', '/api/me/push-subscriptions', { token: u.token })).json.items).toEqual([first.json.subscription]);
    const other = await h.signUp();
    expect((await h.call('DELETE', `/api/me/push-subscriptions/${first.json.subscription.id}`, { token: other.token })).status).toBe(404);
    expect((await h.call('DELETE', `/api/me/push-subscriptions/${first.json.subscription.id}`, { token: u.token })).status).toBe(204);
    expect((await h.call('GET', '/api/me/push-subscriptions', { token: u.token })).json.items).toEqual([]);
  });

  it('refuses endpoints that are not https (only a local push service is allowed here), and keys that are not keys', async () => {
    const u = await h.signUp();
    const keys = (await pushService.subscribe()).keys;
    for (const endpoint of ['http://push.example.com/x', 'ftp://push.example.com/x', 'not a url', 'https://user:pw@push.example.com/x']) {
      const res = await h.call('POST', '/api/me/push-subscriptions', { token: u.token, body: { endpoint, keys } });
      expect(res.status, endpoint).toBe(422);
      expect(res.json.error.details.fields).toHaveProperty('endpoint');
    }
    const bad = await h.call('POST', '/api/me/push-subscriptions', { token: u.token, body: { endpoint: 'https://push.example.com/x', keys: { p256dh: 'short', auth: keys.auth } } });
    expect(bad.status).toBe(422);
    expect((await h.call('POST', '/api/me/push-subscriptions', { body: { endpoint: 'https://push.example.com/x', keys } })).status).toBe(401);
    expect((await h.call('POST', '/api/me/push-subscriptions', { token: u.token, body: { endpoint: 'https://push.example.com/x', keys } })).status).toBe(201);
  });

  it('signing out on a device deletes the subscriptions that session registered, not the others', async () => {
    const u = await subscribedUser();
    const other = await login(u.email, u.password);
    const sub2 = await pushService.subscribe();
    expect((await h.call('POST', '/api/me/push-subscriptions', { token: other.json.token, body: { endpoint: sub2.endpoint, keys: sub2.keys } })).status).toBe(201);
    expect((await h.call('POST', '/api/auth/logout', { token: other.json.token })).status).toBe(204);
    const left = (await h.call('GET', '/api/me/push-subscriptions', { token: u.token })).json.items;
    expect(left.map((s) => s.id)).toEqual([u.subscriptionId]);
  });
});

describe('a push', () => {
  it('reaches the push service encrypted and signed, decrypts to the notification in the user language, with TTL and Topic', async () => {
    const u = await subscribedUser();
    expect((await h.call('PATCH', '/api/me', { token: u.token, body: { lang: 'ar' } })).json.user.lang).toBe('ar');
    announced.length = 0;
    const res = await login(u.email, u.password);
    expect(res.status).toBe(200);
    const [notification] = (await inbox(u.token)).items;
    expect(notification).toMatchObject({ kind: 'new_sign_in', title: 'تسجيل دخول جديد إلى TopUp', read_at: null });
    expect(announced).toEqual([{ shard: expect.any(Number), notification_id: notification!.id }]);
    transport.requests.length = 0;
    const result = await deliverPushes();
    expect(result.explicitAcks).toHaveLength(1);
    const request = transport.requests[0]!;
    expect(request.headers.get('TTL')).toBe('86400');
    expect(request.headers.get('Topic')).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(request.headers.get('Content-Encoding')).toBe('aes128gcm');
    expect(request.headers.get('Authorization')).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=/);
    expect(await pushService.received(u.sub)).toEqual([
      {
        notification: {
          id: notification!.id,
          kind: 'new_sign_in',
          data: { session_id: expect.any(String), method: 'password', user_agent: 'Phone B' },
          title: notification!.title,
          body: notification!.body,
          lang: 'ar',
          dir: 'rtl',
        },
      },
    ]);
    expect(await deliveriesOf(notification!.id)).toEqual([]);
    // Delivered at least once: the same message again sends nothing more.
    await deliverPushes([{ shard: announced[0]?.shard ?? 0, notification_id: notification!.id }]);
    expect(await pushService.received(u.sub)).toHaveLength(1);
  });

  it('a subscription the push service says is gone (410 from the real service, 404 scripted) is deleted', async () => {
    const u = await subscribedUser();
    await pushService.expire(u.sub);
    announced.length = 0;
    await login(u.email, u.password);
    expect((await deliverPushes()).explicitAcks).toHaveLength(1);
    expect((await h.call('GET', '/api/me/push-subscriptions', { token: u.token })).json.items).toEqual([]);

    const v = await subscribedUser();
    transport.script = () => new Response(null, { status: 404 });
    try {
      announced.length = 0;
      await login(v.email, v.password);
      await deliverPushes();
    } finally {
      transport.script = null;
    }
    expect((await h.call('GET', '/api/me/push-subscriptions', { token: v.token })).json.items).toEqual([]);
  });

  it('is retried after a 5xx and after a 429 (its Retry-After), then delivered once', async () => {
    const u = await subscribedUser();
    announced.length = 0;
    await login(u.email, u.password);
    const [message] = announced.splice(0);
    const answers = [new Response(null, { status: 503 }), new Response(null, { status: 429, headers: { 'Retry-After': '120' } })];
    transport.script = (request) => answers.shift() ?? fetch(request);
    try {
      const first = await deliverPushes([message!]);
      // Retried (the message, after the same delay that the outbox row records).
      expect(first.retryMessages).toHaveLength(1);
      expect(await deliveriesOf(message!.notification_id)).toMatchObject([{ attempts: 1, next_attempt_at: '2026-11-15T10:00:30.000Z' }]);
      // Too early (the queue never redelivers before the delay, but a duplicate could come): nothing is sent.
      const early = await deliverPushes([message!]);
      expect(early.explicitAcks).toHaveLength(1);
      h.clock.now = new Date('2026-11-15T10:00:30.000Z');
      const second = await deliverPushes([message!]);
      expect(second.retryMessages).toHaveLength(1);
      expect(await deliveriesOf(message!.notification_id)).toMatchObject([{ attempts: 2, next_attempt_at: '2026-11-15T10:02:30.000Z' }]);
      h.clock.now = new Date('2026-11-15T10:02:30.000Z');
      expect((await deliverPushes([message!])).explicitAcks).toHaveLength(1);
    } finally {
      transport.script = null;
      h.clock.now = new Date('2026-11-15T10:00:00.000Z');
    }
    expect(await pushService.received(u.sub)).toHaveLength(1);
    expect(await deliveriesOf(message!.notification_id)).toEqual([]);
  });

  it('is given up (and logged) after a refusal that retrying cannot fix', async () => {
    expectConsole(/push dropped/);
    const u = await subscribedUser();
    announced.length = 0;
    await login(u.email, u.password);
    transport.script = () => new Response(null, { status: 400 });
    try {
      expect((await deliverPushes()).explicitAcks).toHaveLength(1);
    } finally {
      transport.script = null;
    }
    expect((await h.call('GET', '/api/me/push-subscriptions', { token: u.token })).json.items).toHaveLength(1);
    expect(await pushService.received(u.sub)).toEqual([]);
  });
});
