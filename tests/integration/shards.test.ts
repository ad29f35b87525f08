/**
 * Users spread over two shards (docs/decisions/010-shards.md): placement by the
 * directory, one account per email whatever the races or crashes, and a token's
 * shard claim that must agree with its session.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { freshPhone, makeHarness } from './harness';
import { allShards, shardIdOf, shardSum } from './shard-queries';
import { reserveEmail } from '../../worker/db/directory';
import { signToken } from '../../worker/auth/tokens';
import { SESSION_COOKIE } from '../../worker/auth/cookie';

const h = makeHarness();
const PASSWORD = 'correct horse battery';

const directoryRows = async (email: string) =>
  (await env.DIRECTORY.prepare(`SELECT user_id, shard, state FROM users_directory WHERE email = ?`).bind(email).all<{ user_id: string; shard: number; state: string }>()).results;
const accountsWith = async (email: string) => (await shardSum<{ n: number }>(`SELECT COUNT(*) AS n FROM users WHERE email = ?`, email)).n;

function claimsOf(token: string): { sub: string; sid: string; shd: number } {
  const part = token.split('.')[1]!;
  return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string; sid: string; shd: number };
}

describe('placement', () => {
  it('spreads new users over both shards, by least users, and each lives only on its own', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => h.signUp()));
    const shards = await Promise.all(users.map((u) => shardIdOf(u.user.id)));
    expect(new Set(shards)).toEqual(new Set([0, 1]));
    const counts = (await env.DIRECTORY.prepare(`SELECT shard, users FROM shard_counts ORDER BY shard`).all<{ shard: number; users: number }>()).results;
    expect(Math.abs(counts[0]!.users - counts[1]!.users)).toBeLessThanOrEqual(1);
    for (const [i, u] of users.entries()) {
      expect(claimsOf(u.token).shd).toBe(shards[i]);
      const perShard = await Promise.all(allShards().map((d1) => d1.prepare(`SELECT COUNT(*) AS n FROM users WHERE id = ?`).bind(u.user.id).first<{ n: number }>()));
      expect(perShard.map((r) => r?.n)).toEqual(shards[i] === 0 ? [1, 0] : [0, 1]);
      // Everything works on either shard: money in, a beneficiary, a top-up, sign-in again.
      await h.deposit(u.token, 10_000);
      const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
      expect((await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 500 } })).status).toBe(201);
      const login = await h.call('POST', '/api/auth/login', { body: { email: u.email.toUpperCase(), password: PASSWORD } });
      expect(login.status).toBe(200);
      expect(claimsOf(login.json.token).shd).toBe(shards[i]);
    }
  });

  it('places on the open shards only (SHARDS_OPEN): a closed shard keeps serving its users', async () => {
    const only1 = makeHarness({ env: { SHARDS_OPEN: '1' } });
    const placed = await Promise.all(Array.from({ length: 3 }, () => only1.signUp()));
    expect(await Promise.all(placed.map((u) => shardIdOf(u.user.id)))).toEqual([1, 1, 1]);
  });
});

describe('one account per email', () => {
  it('20 concurrent sign-ups of one email (any case, no key) → exactly one account anywhere', async () => {
    const email = `race-${crypto.randomUUID()}@example.com`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.call('POST', '/api/auth/signup', { body: { email: i % 2 ? email.toUpperCase() : email, password: `password-${i}`, name: 'Race' }, key: false })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.json.error.code === 'EMAIL_TAKEN')).toHaveLength(19);
    expect(await accountsWith(email)).toBe(1);
    expect(await directoryRows(email)).toEqual([{ user_id: results.find((r) => r.status === 201)!.json.user.id, shard: expect.any(Number), state: 'active' }]);
  });

  it('20 concurrent sign-ups with one key → one account; the others replay it or are told to wait', async () => {
    const email = `same-key-${crypto.randomUUID()}@example.com`;
    const body = { email, password: PASSWORD, name: 'Same' };
    const results = await Promise.all(Array.from({ length: 20 }, () => h.call('POST', '/api/auth/signup', { body, key: 'one-key' })));
    expect(results.every((r) => r.status === 201 || (r.status === 409 && r.json.error.code === 'IDEMPOTENCY_IN_PROGRESS'))).toBe(true);
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.json.user.id));
    expect(ids.size).toBe(1);
    expect(await accountsWith(email)).toBe(1);
  });

  it('a sign-up killed between the directory and the shard is retried with its key to exactly one account', async () => {
    const email = `killed-${crypto.randomUUID()}@example.com`;
    // The first attempt got as far as the directory row, then died.
    const reserved = await reserveEmail(env.DIRECTORY, { email, userId: crypto.randomUUID(), open: [0, 1], at: h.clock.now.toISOString() });
    expect(reserved.state).toBe('pending');
    expect(await accountsWith(email)).toBe(0);
    const retry = await h.call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name: 'Retry' }, key: 'killed-1' });
    expect(retry.status).toBe(201);
    expect(retry.json.user.id).toBe(reserved.userId);
    const again = await h.call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name: 'Retry' }, key: 'killed-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.json.user.id).toBe(reserved.userId);
    expect(await accountsWith(email)).toBe(1);
    expect(await directoryRows(email)).toEqual([{ user_id: reserved.userId, shard: reserved.shard, state: 'active' }]);
    expect(claimsOf(retry.json.token).shd).toBe(reserved.shard);
  });

  it('a stale reservation never blocks its email: the next sign-up (another key, or none) repairs it', async () => {
    const email = `stale-${crypto.randomUUID()}@example.com`;
    await reserveEmail(env.DIRECTORY, { email, userId: crypto.randomUUID(), open: [0, 1], at: '2026-01-01T00:00:00.000Z' });
    const login = await h.call('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(401);
    const fresh = await h.call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name: 'Fresh' }, key: false });
    expect(fresh.status).toBe(201);
    expect(await accountsWith(email)).toBe(1);
    expect((await directoryRows(email))[0]?.state).toBe('active');
    expect((await h.call('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).status).toBe(200);
  });

  it('a sign-up that died after the shard but before the directory was told is replayed, and settles the row', async () => {
    const email = `late-${crypto.randomUUID()}@example.com`;
    const first = await h.call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name: 'Late' }, key: 'late-1' });
    expect(first.status).toBe(201);
    await env.DIRECTORY.prepare(`UPDATE users_directory SET state = 'pending' WHERE email = ?`).bind(email).run();
    const replay = await h.call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name: 'Late' }, key: 'late-1' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json.user.id).toBe(first.json.user.id);
    expect((await directoryRows(email))[0]?.state).toBe('active');
    expect(await accountsWith(email)).toBe(1);
  });
});

describe('client ids across shards', () => {
  it('an id held by a user on the other shard is 409 ID_CONFLICT, for beneficiaries and schedules', async () => {
    const a = await h.signUp();
    let b = await h.signUp();
    // Least users first: one of the next sign-ups lands on the other shard.
    while ((await shardIdOf(b.user.id)) === (await shardIdOf(a.user.id))) b = await h.signUp();
    expect(await shardIdOf(a.user.id)).not.toBe(await shardIdOf(b.user.id));
    const mine = await h.addBeneficiary(a.token, { phone: freshPhone(), id: crypto.randomUUID() });
    const taken = await h.call('POST', '/api/beneficiaries', { token: b.token, body: { id: mine.id, nickname: 'Mine', phone: freshPhone() } });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('ID_CONFLICT');
    const serverMade = await h.addBeneficiary(a.token, { phone: freshPhone() });
    expect((await h.call('POST', '/api/beneficiaries', { token: b.token, body: { id: serverMade.id, nickname: 'Mine', phone: freshPhone() } })).status).toBe(409);
    const schedule = await h.call('POST', '/api/schedules', { token: a.token, body: { beneficiary_id: mine.id, amount: 500, every: 'week' } });
    expect(schedule.status).toBe(201);
    const own = await h.addBeneficiary(b.token, { phone: freshPhone() });
    const clash = await h.call('POST', '/api/schedules', { token: b.token, body: { id: schedule.json.schedule.id, beneficiary_id: own.id, amount: 500, every: 'week' } });
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('ID_CONFLICT');
  });
});

describe('the shard claim', () => {
  const keys = () => ({ current: new TextEncoder().encode(env.JWT_SECRET!), previous: null });
  const expect401 = (res: { status: number; json: { error: { code: string } } }) => {
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('UNAUTHENTICATED');
  };

  it('edited to another shard (re-signed with the real secret) → 401, by bearer and by cookie, nothing written', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 1000);
    const { sub, sid, shd } = claimsOf(u.token);
    for (const shard of [1 - shd, 7]) {
      const forged = await signToken({ userId: sub, sessionId: sid, shard }, keys(), h.clock.now);
      expect401(await h.call('GET', '/api/me', { token: forged }));
      expect401(await h.call('GET', '/api/me', { headers: { Cookie: `${SESSION_COOKIE}=${forged}` } }));
      expect401(await h.call('POST', '/api/wallet/deposits', { token: forged, body: { amount: 500 } }));
      expect401(await h.call('POST', '/api/sync', { token: forged, body: { actions: [{ key: 'x', method: 'POST', path: '/api/wallet/deposits', body: { amount: 500 } }] } }));
    }
    const me = await h.call('GET', '/api/me', { token: u.token });
    expect(me.status).toBe(200);
    expect(me.json.user.balance).toBe(1000);
  });
});
