/**
 * Access control, table-driven over every route: another user's object is 404
 * (never 403, never a hint it exists, nothing changed), directly and through
 * /api/sync; every authenticated route is 401 without a live session (no
 * credentials, a logged-out token, a logged-out cookie) and changes nothing.
 * JWT forgeries, expiry and login throttling are in auth.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { shardRows } from './shard-queries';
import { fingerprint } from './hostile/probe';
import type { ApiBeneficiary } from '../../worker/contract/types';
import { SoftAuthenticator } from './webauthn/authenticator';

const h = makeHarness();
const COOKIE = '__Host-topup_session';

type Res = Awaited<ReturnType<typeof h.call>>;
let attacker = { token: '', id: '' };
let victim = { token: '', id: '', email: '' };
let active: ApiBeneficiary;
let idle: ApiBeneficiary;
let deleted: ApiBeneficiary;
let victimTopup = '';
let victimPasskey = '';
let victimSession = '';
const victimKey = `victim-key-${crypto.randomUUID()}`;

/** Everything of the victim's a client could see. */
async function victimView(): Promise<string> {
  const answers = await Promise.all(
    ['/api/me', '/api/beneficiaries', '/api/topups?limit=100', '/api/transactions?limit=100', '/api/me/passkeys', '/api/me/sessions'].map((path) =>
      h.call('GET', path, { token: victim.token }),
    ),
  );
  return JSON.stringify(answers.map((a) => a.json));
}

/** No trace of the victim's objects in an answer to the attacker. */
function expectNoLeak(res: Res) {
  for (const secret of [active.phone, idle.phone, active.nickname, victim.email, victimTopup]) expect(res.text).not.toContain(secret);
}

beforeAll(async () => {
  const a = await h.signUp('Attacker');
  attacker = { token: a.token, id: a.user.id };
  await h.deposit(a.token, 100_000);
  const v = await h.signUp('Victim');
  victim = { token: v.token, id: v.user.id, email: v.email };
  await h.deposit(v.token, 50_000);
  active = await h.addBeneficiary(v.token, { phone: freshPhone(), nickname: 'Victim Mum' });
  idle = await h.addBeneficiary(v.token, { phone: freshPhone(), nickname: 'Victim Dad', active: false });
  deleted = await h.addBeneficiary(v.token, { phone: freshPhone(), nickname: 'Victim Old' });
  expect((await h.call('DELETE', `/api/beneficiaries/${deleted.id}`, { token: v.token })).status).toBe(204);
  const topup = await h.call('POST', '/api/topups', { token: v.token, body: { beneficiary_id: active.id, amount: 1000 }, key: victimKey });
  expect(topup.status).toBe(201);
  victimTopup = topup.json.topup.id;
  const options = await h.call('POST', '/api/me/passkeys/options', { token: v.token, body: {} });
  const { json } = await new SoftAuthenticator('http://localhost').register(options.json.options);
  const passkey = await h.call('POST', '/api/me/passkeys', { token: v.token, body: { name: 'Victim phone', response: json } });
  expect(passkey.status).toBe(201);
  victimPasskey = passkey.json.passkey.id;
  victimSession = (await h.call('GET', '/api/me/sessions', { token: v.token })).json.items[0]!.id;
});

type Case = { name: string; send: () => Promise<Res> };
const as = (method: string, path: () => string, body?: () => unknown): Case['send'] => () =>
  h.call(method, path(), { token: attacker.token, ...(body ? { body: body() } : {}) });
const viaSync = (method: string, path: () => string, body?: () => unknown): Case['send'] => async () => {
  const res = await h.call('POST', '/api/sync', { token: attacker.token, key: false, body: { actions: [{ key: crypto.randomUUID(), method, path: path(), ...(body ? { body: body() } : {}) }] } });
  expect(res.status).toBe(200);
  // Judge the action's own answer, as if it had been sent alone.
  const result = res.json.results[0]!;
  return { ...res, status: result.status, json: result.body, text: JSON.stringify(result.body) };
};

const FOREIGN: Case[] = [
  { name: 'PATCH /api/beneficiaries/:id (rename)', send: as('PATCH', () => `/api/beneficiaries/${active.id}`, () => ({ nickname: 'Mine now' })) },
  { name: 'PATCH /api/beneficiaries/:id (deactivate)', send: as('PATCH', () => `/api/beneficiaries/${active.id}`, () => ({ active: false })) },
  { name: 'PATCH /api/beneficiaries/:id (activate an inactive one)', send: as('PATCH', () => `/api/beneficiaries/${idle.id}`, () => ({ active: true })) },
  { name: 'PATCH /api/beneficiaries/:id (a deleted one)', send: as('PATCH', () => `/api/beneficiaries/${deleted.id}`, () => ({ nickname: 'Back' })) },
  { name: 'PATCH /api/beneficiaries/:id (empty body)', send: as('PATCH', () => `/api/beneficiaries/${active.id}`, () => ({})) },
  { name: 'DELETE /api/beneficiaries/:id', send: as('DELETE', () => `/api/beneficiaries/${active.id}`) },
  { name: 'DELETE /api/beneficiaries/:id (inactive)', send: as('DELETE', () => `/api/beneficiaries/${idle.id}`) },
  { name: 'POST /api/topups to their active beneficiary', send: as('POST', () => '/api/topups', () => ({ beneficiary_id: active.id, amount: 500 })) },
  { name: 'POST /api/topups to their inactive beneficiary (not 409: no hint)', send: as('POST', () => '/api/topups', () => ({ beneficiary_id: idle.id, amount: 500 })) },
  { name: 'POST /api/topups to their deleted beneficiary', send: as('POST', () => '/api/topups', () => ({ beneficiary_id: deleted.id, amount: 500 })) },
  { name: 'DELETE /api/me/passkeys/:id', send: as('DELETE', () => `/api/me/passkeys/${victimPasskey}`) },
  { name: 'DELETE /api/me/sessions/:id', send: as('DELETE', () => `/api/me/sessions/${victimSession}`) },
  { name: 'sync: DELETE /api/me/passkeys/:id', send: viaSync('DELETE', () => `/api/me/passkeys/${victimPasskey}`) },
  { name: 'sync: DELETE /api/me/sessions/:id', send: viaSync('DELETE', () => `/api/me/sessions/${victimSession}`) },
  { name: 'sync: PATCH /api/beneficiaries/:id', send: viaSync('PATCH', () => `/api/beneficiaries/${active.id}`, () => ({ nickname: 'Mine now' })) },
  { name: 'sync: DELETE /api/beneficiaries/:id', send: viaSync('DELETE', () => `/api/beneficiaries/${active.id}`) },
  { name: 'sync: POST /api/topups', send: viaSync('POST', () => '/api/topups', () => ({ beneficiary_id: active.id, amount: 500 })) },
];

describe('another user’s objects are 404, and stay untouched', () => {
  it.each(FOREIGN)('$name → 404', async ({ send }) => {
    const before = await victimView();
    const res = await send();
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
    expectNoLeak(res);
    expect(await victimView()).toBe(before);
  });

  it('answers exactly as for an id that does not exist (no existence oracle)', async () => {
    const ghost = crypto.randomUUID();
    for (const [method, body] of [['PATCH', { nickname: 'x' }], ['DELETE', undefined]] as const) {
      const theirs = await h.call(method, `/api/beneficiaries/${active.id}`, { token: attacker.token, ...(body ? { body } : {}) });
      const none = await h.call(method, `/api/beneficiaries/${ghost}`, { token: attacker.token, ...(body ? { body } : {}) });
      expect([theirs.status, theirs.json]).toEqual([none.status, none.json]);
    }
    const topupTheirs = await h.call('POST', '/api/topups', { token: attacker.token, body: { beneficiary_id: active.id, amount: 500 } });
    const topupNone = await h.call('POST', '/api/topups', { token: attacker.token, body: { beneficiary_id: ghost, amount: 500 } });
    expect([topupTheirs.status, topupTheirs.json]).toEqual([topupNone.status, topupNone.json]);
  });

  it('GET /api/topups?beneficiary_id= theirs shows nothing, exactly like an unknown id', async () => {
    for (const id of [active.id, deleted.id]) {
      const theirs = await h.call('GET', `/api/topups?beneficiary_id=${id}`, { token: attacker.token });
      const none = await h.call('GET', `/api/topups?beneficiary_id=${crypto.randomUUID()}`, { token: attacker.token });
      expect(theirs.status).toBe(200);
      expect(theirs.json).toEqual({ items: [], next_cursor: null });
      expect(theirs.json).toEqual(none.json);
    }
  });

  it('lists, limits and bootstrap show only the caller’s own', async () => {
    // A caller of its own: what other tests gave the shared attacker does not matter here.
    const caller = await h.signUp('Lister');
    await h.deposit(caller.token, 10_000);
    const mine = await h.addBeneficiary(caller.token, { phone: freshPhone(), nickname: 'Mine' });
    for (const path of ['/api/beneficiaries', '/api/topups', '/api/transactions', '/api/limits', '/api/bootstrap', '/api/me']) {
      const res = await h.call('GET', path, { token: caller.token });
      expect(res.status, path).toBe(200);
      expectNoLeak(res);
      expect(res.text, path).not.toContain(active.id);
      expect(res.text, path).not.toContain(victim.id);
    }
    expect((await h.call('GET', '/api/beneficiaries', { token: caller.token })).json.items.map((b) => b.id)).toEqual([mine.id]);
  });

  it('a client id taken by someone else is 409 ID_CONFLICT and reveals none of theirs', async () => {
    const before = await victimView();
    const res = await h.call('POST', '/api/beneficiaries', { token: attacker.token, body: { id: active.id, nickname: active.nickname, phone: active.phone } });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('ID_CONFLICT');
    expect(res.text).not.toContain(active.phone);
    expect(await victimView()).toBe(before);
  });

  it('the same phone is the attacker’s own beneficiary, not a duplicate of theirs', async () => {
    const res = await h.call('POST', '/api/beneficiaries', { token: attacker.token, body: { nickname: 'Same number', phone: active.phone, active: false } });
    expect(res.status).toBe(201);
    expect(res.json.beneficiary.id).not.toBe(active.id);
  });

  it('the victim’s Idempotency-Key is just a new key for the attacker: no replay of their answer', async () => {
    const res = await h.call('POST', '/api/topups', { token: attacker.token, body: { beneficiary_id: active.id, amount: 1000 }, key: victimKey });
    expect(res.status).toBe(404);
    expect(res.headers.get('Idempotent-Replayed')).toBeNull();
    const deposit = await h.call('POST', '/api/wallet/deposits', { token: attacker.token, body: { amount: 1000 }, key: victimKey });
    expect(deposit.status).toBe(201);
    expect(deposit.headers.get('Idempotent-Replayed')).toBeNull();
    const stored = { results: await shardRows<{ scope: string }>(`SELECT scope FROM idempotency_keys WHERE key = ? ORDER BY scope`, victimKey) };
    expect(stored.results.map((r) => r.scope).sort()).toEqual([`user:${attacker.id}`, `user:${victim.id}`].sort());
  });
});

type Route = { method: string; label: string; path: () => string; body?: () => unknown };
const AUTHENTICATED: Route[] = [
  { method: 'GET', label: '/api/me', path: () => '/api/me' },
  { method: 'POST', label: '/api/me/verification', path: () => '/api/me/verification' },
  { method: 'POST', label: '/api/auth/logout', path: () => '/api/auth/logout' },
  { method: 'POST', label: '/api/wallet/deposits', path: () => '/api/wallet/deposits', body: () => ({ amount: 1000 }) },
  { method: 'GET', label: '/api/transactions', path: () => '/api/transactions' },
  { method: 'GET', label: '/api/beneficiaries', path: () => '/api/beneficiaries' },
  { method: 'POST', label: '/api/beneficiaries', path: () => '/api/beneficiaries', body: () => ({ nickname: 'X', phone: '0501234567' }) },
  { method: 'PATCH', label: '/api/beneficiaries/:id', path: () => `/api/beneficiaries/${active.id}`, body: () => ({ nickname: 'X' }) },
  { method: 'DELETE', label: '/api/beneficiaries/:id', path: () => `/api/beneficiaries/${active.id}` },
  { method: 'POST', label: '/api/topups', path: () => '/api/topups', body: () => ({ beneficiary_id: active.id, amount: 500 }) },
  { method: 'GET', label: '/api/topups', path: () => '/api/topups' },
  { method: 'GET', label: '/api/topups?beneficiary_id=:id', path: () => `/api/topups?beneficiary_id=${active.id}` },
  { method: 'GET', label: '/api/limits', path: () => '/api/limits' },
  { method: 'GET', label: '/api/bootstrap', path: () => '/api/bootstrap' },
  { method: 'POST', label: '/api/sync', path: () => '/api/sync', body: () => ({ actions: [{ key: 'k1', method: 'POST', path: '/api/wallet/deposits', body: { amount: 1000 } }] }) },
  { method: 'POST', label: '/api/me/passkeys/options', path: () => '/api/me/passkeys/options', body: () => ({}) },
  { method: 'POST', label: '/api/me/passkeys', path: () => '/api/me/passkeys', body: () => ({ response: {} }) },
  { method: 'GET', label: '/api/me/passkeys', path: () => '/api/me/passkeys' },
  { method: 'DELETE', label: '/api/me/passkeys/:id', path: () => `/api/me/passkeys/${victimPasskey}` },
  { method: 'GET', label: '/api/me/sessions', path: () => '/api/me/sessions' },
  { method: 'DELETE', label: '/api/me/sessions/:id', path: () => `/api/me/sessions/${victimSession}` },
  { method: 'POST', label: '/api/me/password', path: () => '/api/me/password', body: () => ({ current_password: 'correct horse battery', new_password: 'taken over!' }) },
];

describe('every authenticated route needs a live session', () => {
  let ended = '';
  let endedElsewhere = '';
  let endedByPassword = '';
  beforeAll(async () => {
    const login = await h.call('POST', '/api/auth/login', { body: { email: victim.email, password: 'correct horse battery' }, key: false });
    expect(login.status).toBe(200);
    ended = login.json.token;
    expect((await h.call('POST', '/api/auth/logout', { token: ended })).status).toBe(204);
    // A user of its own: ends one session from another device, another by changing the password.
    const third = await h.signUp('Third');
    const signIn = async () => (await h.call('POST', '/api/auth/login', { body: { email: third.email, password: third.password }, key: false })).json.token;
    endedElsewhere = await signIn();
    const listed = (await h.call('GET', '/api/me/sessions', { token: endedElsewhere })).json.items;
    expect((await h.call('DELETE', `/api/me/sessions/${listed.find((x) => x.current)!.id}`, { token: third.token })).status).toBe(204);
    endedByPassword = await signIn();
    expect((await h.call('POST', '/api/me/password', { token: third.token, body: { current_password: third.password, new_password: 'another secret' } })).status).toBe(204);
  });

  const credentials: [string, () => Record<string, string>][] = [
    ['no credentials', () => ({})],
    ['a logged-out bearer token', () => ({ Authorization: `Bearer ${ended}` })],
    ['a logged-out session cookie', () => ({ Cookie: `${COOKIE}=${ended}` })],
    ['a session ended from another device', () => ({ Authorization: `Bearer ${endedElsewhere}` })],
    ['a session cookie ended from another device', () => ({ Cookie: `${COOKIE}=${endedElsewhere}` })],
    ['a session ended by a password change', () => ({ Authorization: `Bearer ${endedByPassword}` })],
  ];
  const cases = AUTHENTICATED.flatMap((route) => credentials.map(([how, headers]) => ({ name: `${route.method} ${route.label} with ${how}`, route, headers })));

  it.each(cases)('$name → 401, nothing changes', async ({ route, headers }) => {
    const before = await fingerprint();
    const res = await h.call(route.method, route.path(), { headers: headers(), ...(route.body === undefined ? {} : { body: route.body() }) });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('UNAUTHENTICATED');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expectNoLeak(res);
    expect(await fingerprint()).toBe(before);
  });

  it.each(AUTHENTICATED.filter((r) => r.method !== 'GET'))('$method $label without a session is 401 before its body is even read (malformed JSON)', async (route) => {
    const res = await h.call(route.method, route.path(), { body: '{"amount": ', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(401);
  });

  it('the public routes stay public (the control)', async () => {
    expect((await h.call('GET', '/api/health')).status).toBe(200);
    expect((await h.call('GET', '/api/topups/options')).status).toBe(200);
    expect((await h.call('POST', '/api/auth/login', { body: { email: victim.email, password: 'wrong password!' }, key: false })).status).toBe(401);
  });

  it('the victim’s own session still works, and the books balance', async () => {
    expect((await h.call('GET', '/api/me', { token: victim.token })).json.user.balance).toBe(50_000 - 1100);
    await expectLedgerConsistent();
  });
});
