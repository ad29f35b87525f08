/**
 * Sessions a person can see and end, and the password change (API.md "Sessions and
 * password"). That ended sessions are 401 on every route is in access.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { fieldsOf } from './answer';
import { shardSum } from './shard-queries';
import type { ApiSession } from '../../worker/contract/types';

const h = makeHarness();
const PASSWORD = 'correct horse battery';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

async function login(email: string, password = PASSWORD, userAgent = IPHONE) {
  return h.call('POST', '/api/auth/login', { body: { email, password }, key: false, headers: { 'User-Agent': userAgent } });
}

async function signUpFrom(userAgent: string) {
  const email = `s-${crypto.randomUUID()}@example.com`;
  const res = await h.call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name: 'Sara' }, key: false, headers: { 'User-Agent': userAgent } });
  expect(res.status).toBe(201);
  return { email, token: res.json.token, id: res.json.user.id };
}

const sessionsOf = async (token: string) => (await h.call('GET', '/api/me/sessions', { token })).json.items as ApiSession[];

describe('GET /api/me/sessions', () => {
  it('lists the live sessions, newest first, this one marked, with method, user agent and times', async () => {
    const u = await signUpFrom(CHROME);
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const phone = await login(u.email);
    expect(phone.status).toBe(200);
    const items = await sessionsOf(u.token);
    expect(items).toEqual([
      { id: expect.any(String), current: false, method: 'password', user_agent: IPHONE, created_at: h.clock.now.toISOString(), last_used_at: h.clock.now.toISOString() },
      { id: expect.any(String), current: true, method: 'password', user_agent: CHROME, created_at: new Date(h.clock.now.getTime() - 60_000).toISOString(), last_used_at: expect.any(String) },
    ]);
    expect((await sessionsOf(phone.json.token)).map((s) => s.current)).toEqual([true, false]);
    // Logged out sessions are not listed.
    expect((await h.call('POST', '/api/auth/logout', { token: phone.json.token })).status).toBe(204);
    expect((await sessionsOf(u.token)).map((s) => s.current)).toEqual([true]);
  });

  it('leaves out sessions that expired (30 days), as well as ended ones', async () => {
    const local = makeHarness({ now: new Date('2026-11-01T08:00:00.000Z') });
    const email = `x-${crypto.randomUUID()}@example.com`;
    expect((await local.call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name: 'Old' }, key: false })).status).toBe(201);
    local.clock.now = new Date('2026-11-20T08:00:00.000Z');
    const later = await local.call('POST', '/api/auth/login', { body: { email, password: PASSWORD }, key: false });
    const list = async () => ((await local.call('GET', '/api/me/sessions', { token: later.json.token })).json.items as ApiSession[]).map((i) => i.created_at);
    expect(await list()).toEqual(['2026-11-20T08:00:00.000Z', '2026-11-01T08:00:00.000Z']);
    local.clock.now = new Date('2026-12-01T08:00:01.000Z');
    expect(await list()).toEqual(['2026-11-20T08:00:00.000Z']);
  });

  it('notes when a session was last used (at most once a minute): when the app opens (bootstrap) or writes', async () => {
    const u = await signUpFrom(CHROME);
    const start = h.clock.now.getTime();
    h.clock.now = new Date(start + 30_000);
    await h.call('GET', '/api/bootstrap', { token: u.token });
    expect((await sessionsOf(u.token))[0]?.last_used_at).toBe(new Date(start).toISOString());
    h.clock.now = new Date(start + 120_000);
    await h.call('GET', '/api/bootstrap', { token: u.token });
    expect((await sessionsOf(u.token))[0]?.last_used_at).toBe(new Date(start + 120_000).toISOString());
    // A write notes it inside its own batch; a plain read does not write at all.
    h.clock.now = new Date(start + 240_000);
    await h.call('GET', '/api/me', { token: u.token });
    expect((await sessionsOf(u.token))[0]?.last_used_at).toBe(new Date(start + 120_000).toISOString());
    expect((await h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1000 } })).status).toBe(201);
    expect((await sessionsOf(u.token))[0]?.last_used_at).toBe(new Date(start + 240_000).toISOString());
  });
});

describe('DELETE /api/me/sessions/:id', () => {
  it('ends that session: its token is refused from then on; the current one stays', async () => {
    const u = await signUpFrom(CHROME);
    const other = await login(u.email);
    const otherId = (await sessionsOf(u.token)).find((s) => !s.current)!.id;
    expect((await h.call('DELETE', `/api/me/sessions/${otherId}`, { token: u.token })).status).toBe(204);
    expect((await h.call('GET', '/api/me', { token: other.json.token })).status).toBe(401);
    expect((await h.call('GET', '/api/me', { token: u.token })).status).toBe(200);
    expect((await h.call('DELETE', `/api/me/sessions/${otherId}`, { token: u.token })).status).toBe(404);
  });

  it('another user’s session is 404 (like an unknown id) and keeps working', async () => {
    const victim = await signUpFrom(CHROME);
    const victimSession = (await sessionsOf(victim.token))[0]!.id;
    const attacker = await signUpFrom(CHROME);
    const theirs = await h.call('DELETE', `/api/me/sessions/${victimSession}`, { token: attacker.token });
    const none = await h.call('DELETE', `/api/me/sessions/${crypto.randomUUID()}`, { token: attacker.token });
    expect([theirs.status, theirs.json]).toEqual([404, none.json]);
    expect((await h.call('GET', '/api/me', { token: victim.token })).status).toBe(200);
    expect(JSON.stringify(await sessionsOf(attacker.token))).not.toContain(victimSession);
  });

  it('ending the current session signs this client out (cookie cleared)', async () => {
    const u = await signUpFrom(CHROME);
    const mine = (await sessionsOf(u.token))[0]!.id;
    const res = await h.call('DELETE', `/api/me/sessions/${mine}`, { token: u.token });
    expect(res.status).toBe(204);
    expect(res.headers.get('Set-Cookie')).toMatch(/^__Host-topup_session=; Max-Age=0/);
    expect((await h.call('GET', '/api/me', { token: u.token })).status).toBe(401);
  });
});

describe('POST /api/me/password', () => {
  it('changes the password and ends every other session; this one stays', async () => {
    const u = await signUpFrom(CHROME);
    const a = await login(u.email);
    const b = await login(u.email);
    const res = await h.call('POST', '/api/me/password', { token: u.token, body: { current_password: PASSWORD, new_password: 'a brand new secret' } });
    expect(res.status, res.text).toBe(204);
    for (const other of [a, b]) expect((await h.call('GET', '/api/me', { token: other.json.token })).status).toBe(401);
    expect((await sessionsOf(u.token)).map((s) => s.current)).toEqual([true]);
    expect((await login(u.email)).status).toBe(401);
    expect((await login(u.email, 'a brand new secret')).status).toBe(200);
  });

  it('a wrong current password is 401 INVALID_CREDENTIALS, changes nothing, and counts as a failed sign-in', async () => {
    const u = await signUpFrom(CHROME);
    const other = await login(u.email);
    const wrong = () => h.call('POST', '/api/me/password', { token: u.token, body: { current_password: 'not my password', new_password: 'whatever else' } });
    const res = await wrong();
    expect([res.status, res.json.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect((await h.call('GET', '/api/me', { token: other.json.token })).status).toBe(200);
    expect((await h.call('GET', '/api/me', { token: u.token })).status).toBe(200);
    // 1 above + 9 = 10 failures: the account is now throttled for password sign-in, even the right one.
    for (let i = 0; i < 9; i++) expect((await wrong()).status).toBe(401);
    const locked = await login(u.email);
    expect([locked.status, locked.json.error.code]).toEqual([429, 'RATE_LIMITED']);
    const alsoHere = await h.call('POST', '/api/me/password', { token: u.token, body: { current_password: PASSWORD, new_password: 'whatever else' } });
    expect([alsoHere.status, alsoHere.json.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(alsoHere.headers.get('Retry-After')).toMatch(/^\d+$/);
  });

  it('validates the new password (8–128) and needs a session', async () => {
    const u = await signUpFrom(CHROME);
    const short = await h.call('POST', '/api/me/password', { token: u.token, body: { current_password: PASSWORD, new_password: 'short' } });
    expect([short.status, Object.keys(fieldsOf(short.json))]).toEqual([422, ['new_password']]);
    expect((await h.call('POST', '/api/me/password', { body: { current_password: PASSWORD, new_password: 'long enough!' } })).status).toBe(401);
    expect((await login(u.email)).status).toBe(200);
  });

  it('a repeated key replays the 204 rather than judging the old password again', async () => {
    const u = await signUpFrom(CHROME);
    const body = { current_password: PASSWORD, new_password: 'rotated password' };
    expect((await h.call('POST', '/api/me/password', { token: u.token, body, key: 'pw-1' })).status).toBe(204);
    const replay = await h.call('POST', '/api/me/password', { token: u.token, body, key: 'pw-1' });
    expect([replay.status, replay.headers.get('Idempotent-Replayed')]).toEqual([204, 'true']);
    const failures = await shardSum<{ n: number }>(`SELECT COUNT(*) AS n FROM login_failures WHERE email = ?`, u.email);
    expect(failures?.n).toBe(0);
  });
});
