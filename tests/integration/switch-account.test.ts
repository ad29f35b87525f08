/**
 * Signing in as B on a device still signed in as A (docs/decisions/013-tests-that-catch.md):
 * sign-up, password sign-in and passkey sign-in are not requests of the signed-in user,
 * so the session they carry is not read at all; whatever shard it names, the answer is
 * B's, never a 5xx. A's session on that device stays live (the device's cookie is
 * replaced by B's; signing out is its own request), and a sign-up that fails after the
 * directory reserved its email gives the reservation and its count back.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { shardIdOf } from './shard-queries';
import { SoftAuthenticator } from './webauthn/authenticator';
import { SESSION_COOKIE } from '../../worker/auth/cookie';

// Placement by configuration: users of `on0` live on shard 0, users of `on1` on shard 1.
const on0 = makeHarness({ env: { SHARDS_OPEN: '0' } });
const on1 = makeHarness({ env: { SHARDS_OPEN: '1' } });
const ORIGIN = 'http://localhost';
const PASSWORD = 'correct horse battery';

type Carrier = { name: string; headers: (token: string) => Record<string, string> };
const CARRIERS: Carrier[] = [
  { name: 'cookie', headers: (token) => ({ Cookie: `${SESSION_COOKIE}=${token}` }) },
  { name: 'bearer', headers: (token) => ({ Authorization: `Bearer ${token}` }) },
];

const shardOfToken = (token: string) => (JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { shd: number }).shd;

async function twoShards() {
  const a = await on0.signUp('Amal');
  const b = await on1.signUp('Badr');
  expect([await shardIdOf(a.user.id), await shardIdOf(b.user.id)]).toEqual([0, 1]);
  return { a, b };
}

describe('signing in as another user on a device signed in on another shard', () => {
  for (const carrier of CARRIERS) {
    it(`password sign-in with A's ${carrier.name} signs in B; A's session stays live`, async () => {
      const { a, b } = await twoShards();
      for (const [from, to] of [
        [a, b],
        [b, a],
      ] as const) {
        const res = await on0.call('POST', '/api/auth/login', { headers: carrier.headers(from.token), body: { email: to.email, password: PASSWORD } });
        expect([res.status, res.json.user?.id], res.text).toEqual([200, to.user.id]);
        expect(shardOfToken(res.json.token)).toBe(shardOfToken(to.token));
        expect(res.headers.get('Set-Cookie')).toContain(`${SESSION_COOKIE}=${res.json.token};`);
        expect((await on0.call('GET', '/api/me', { token: res.json.token })).json.user.id).toBe(to.user.id);
        // A's session is not ended by B's sign-in: it ends when A signs out.
        expect((await on0.call('GET', '/api/me', { token: from.token })).json.user.id).toBe(from.user.id);
      }
      // Wrong credentials stay the ordinary 401, whatever session came along.
      const wrong = await on0.call('POST', '/api/auth/login', { headers: carrier.headers(a.token), body: { email: b.email, password: 'not the password' } });
      expect([wrong.status, wrong.json.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    });

    it(`sign-up with A's ${carrier.name} creates B on the other shard, and the directory settles`, async () => {
      const a = await on0.signUp('Amal');
      const email = `switch-${crypto.randomUUID()}@example.com`;
      const res = await on1.call('POST', '/api/auth/signup', { headers: carrier.headers(a.token), body: { email, password: PASSWORD, name: 'Badr' }, key: false });
      expect([res.status, res.json.user?.email], res.text).toEqual([201, email]);
      expect(await shardIdOf(res.json.user.id)).toBe(1);
      const row = await env.DIRECTORY.prepare(`SELECT state FROM users_directory WHERE email = ?`).bind(email).first<{ state: string }>();
      expect(row?.state).toBe('active');
      expect((await on0.call('GET', '/api/me', { token: a.token })).json.user.id).toBe(a.user.id);
    });

    it(`passkey sign-in with A's ${carrier.name} signs in B`, async () => {
      const { a, b } = await twoShards();
      const authenticator = new SoftAuthenticator(ORIGIN);
      const options = await on1.call('POST', '/api/me/passkeys/options', { token: b.token, body: {} });
      const { json } = await authenticator.register(options.json.options);
      expect((await on1.call('POST', '/api/me/passkeys', { token: b.token, body: { response: json } })).status).toBe(201);
      const challenge = await on0.call('POST', '/api/auth/passkey/options', { headers: carrier.headers(a.token), body: {}, key: false });
      expect(challenge.status, challenge.text).toBe(200);
      const response = await authenticator.assert(challenge.json.options);
      const res = await on0.call('POST', '/api/auth/passkey', { headers: carrier.headers(a.token), body: { response }, key: false });
      expect([res.status, res.json.user?.id], res.text).toEqual([200, b.user.id]);
      expect(shardOfToken(res.json.token)).toBe(1);
    });
  }
});

describe('a sign-up refused after the directory reserved its email', () => {
  const counts = async () =>
    Object.fromEntries((await env.DIRECTORY.prepare(`SELECT shard, users FROM shard_counts`).all<{ shard: number; users: number }>()).results.map((r) => [r.shard, r.users]));

  it('leaves no reservation and no count behind, and the email signs up afterwards', async () => {
    const email = `refused-${crypto.randomUUID()}@example.com`;
    // The key was used for another body of this email on shard 1 (the account was then removed).
    const first = await on1.call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name: 'First' }, key: 'reused-key' });
    expect(first.status).toBe(201);
    await env.DIRECTORY.prepare(`DELETE FROM users_directory WHERE email = ?`).bind(email).run();
    await env.SHARD_1!.prepare(`UPDATE users SET email = ? WHERE id = ?`).bind(`gone-${crypto.randomUUID()}@example.com`, first.json.user.id).run();
    const before = await counts();
    const refused = await on1.call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name: 'Second' }, key: 'reused-key' });
    expect([refused.status, refused.json.error?.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await env.DIRECTORY.prepare(`SELECT * FROM users_directory WHERE email = ?`).bind(email).first()).toBeNull();
    expect(await counts()).toEqual(before);
    const later = await on1.call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name: 'Second' }, key: false });
    expect(later.status, later.text).toBe(201);
    expect(await counts()).toEqual({ ...before, 1: before[1]! + 1 });
  });
});
