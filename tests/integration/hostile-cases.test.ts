/**
 * Hostile shapes and mass assignment, case by case (the properties are in
 * hostile.test.ts): deeply nested JSON, oversized bodies, fields a client must
 * never set, prototype pollution, text that must stay text. At the end the ledger
 * is consistent and the wallet holds exactly what the answers said was moved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { fieldsOf } from './answer';
import { allShards, shardRow } from './shard-queries';
import { UNICODE_EDGES, INJECTIONS } from './hostile/arbitraries';
import { expectedWallet } from './hostile/ledger';
import { hit } from './hostile/probe';
import { encode } from './hostile/requests';
import type { ApiBeneficiary } from '../../worker/contract/types';

const h = makeHarness();
let token = '';
let userId = '';
let other = { token: '', id: '' };
const wallet = expectedWallet();

beforeAll(async () => {
  const a = await h.signUp('Mass Tester');
  token = a.token;
  userId = a.user.id;
  wallet.add(await h.deposit(token, 1_000_000));
  await h.addBeneficiary(token, { phone: freshPhone(), nickname: 'Own' });
  const b = await h.signUp('Other');
  other = { token: b.token, id: b.user.id };
  await h.addBeneficiary(b.token, { phone: freshPhone(), nickname: 'Theirs' });
});

describe('hostile shapes, one by one', () => {
  const deep = [`${'['.repeat(8000)}${']'.repeat(8000)}`, `{"amount":${'['.repeat(5000)}${']'.repeat(5000)}}`, `${'{"a":'.repeat(2700)}1${'}'.repeat(2700)}`];
  it.each(['/api/wallet/deposits', '/api/beneficiaries', '/api/topups', '/api/sync', '/api/auth/signup', `/api/beneficiaries/x`])('deeply nested JSON to %s is refused cleanly', async (path) => {
    for (const raw of deep) {
      const res = await hit(h, { method: path.endsWith('/x') ? 'PATCH' : 'POST', path, raw, type: 'application/json', token, key: crypto.randomUUID() });
      expect([400, 404, 422]).toContain(res.status);
    }
  });

  it('bodies over 16 KiB are 413, even as valid JSON to a money route', async () => {
    const res = await hit(h, { method: 'POST', path: '/api/wallet/deposits', raw: JSON.stringify({ amount: 100, pad: 'x'.repeat(16 * 1024) }), type: 'application/json', token, key: crypto.randomUUID() });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('mass assignment is ignored, never applied', () => {
  it('signup cannot set verified, balance or ids', async () => {
    const email = `mass-${crypto.randomUUID()}@example.com`;
    const res = await hit(h, {
      method: 'POST',
      path: '/api/auth/signup',
      type: 'application/json',
      raw: JSON.stringify({ email, password: 'long enough pw', name: 'M', verified: true, balance: 1_000_000, id: 'chosen', user_id: 'chosen', created_at: '2000-01-01T00:00:00.000Z' }),
    });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ verified: false, balance: 0 });
    expect(res.json.user.id).not.toBe('chosen');
    expect(res.json.user.created_at).not.toBe('2000-01-01T00:00:00.000Z');
  });

  it('a deposit lands in the caller’s wallet for the amount, whatever user_id, balance or fee say', async () => {
    const theirsBefore = (await h.call('GET', '/api/me', { token: other.token })).json.user.balance;
    const res = await hit(h, {
      method: 'POST',
      path: '/api/wallet/deposits',
      type: 'application/json',
      key: crypto.randomUUID(),
      token,
      raw: JSON.stringify({ amount: 1000, user_id: other.id, userId: other.id, balance: 999_999_999, fee: -50, id: 'dep-chosen', kind: 'refund' }),
    });
    expect(res.status).toBe(201);
    wallet.answer('mass-deposit', res.json);
    expect(res.json.balance).toBe(wallet.get());
    expect(res.json.deposit.id).not.toBe('dep-chosen');
    expect((await h.call('GET', '/api/me', { token: other.token })).json.user.balance).toBe(theirsBefore);
  });

  it('a beneficiary cannot be created for someone else, pre-deleted, backdated or with another cap', async () => {
    const res = await hit(h, {
      method: 'POST',
      path: '/api/beneficiaries',
      type: 'application/json',
      key: crypto.randomUUID(),
      token,
      raw: JSON.stringify({ nickname: 'Mass', phone: freshPhone(), active: false, user_id: other.id, deleted_at: '2020-01-01', created_at: '2000-01-01', active_cap: 100, month_used: -5, operator: 'du' }),
    });
    expect(res.status).toBe(201);
    const row = await shardRow(`SELECT user_id, deleted_at, created_at, active_cap FROM beneficiaries WHERE id = ?`, res.json.beneficiary.id);
    expect(row).toMatchObject({ user_id: userId, deleted_at: null, active_cap: 5 });
    expect(row?.created_at).not.toBe('2000-01-01');
  });

  it('PATCH changes nickname/active only: id, owner, phone, deletion and cap are not writable', async () => {
    const target = await h.addBeneficiary(token, { phone: freshPhone(), nickname: 'Before', active: false });
    const res = await hit(h, {
      method: 'PATCH',
      path: `/api/beneficiaries/${target.id}`,
      type: 'application/json',
      key: crypto.randomUUID(),
      token,
      raw: JSON.stringify({ nickname: 'After', id: 'new-id', user_id: other.id, phone: '+971501112222', deleted_at: '2020-01-01', created_at: '2000-01-01', active_cap: 100, month_limit: 1e9 }),
    });
    expect(res.status).toBe(200);
    expect(res.json.beneficiary).toMatchObject({ id: target.id, nickname: 'After', phone: target.phone, created_at: target.created_at });
    expect([50_000, 100_000]).toContain(res.json.beneficiary.month_limit);
    const row = await shardRow(`SELECT user_id, phone, deleted_at, active_cap FROM beneficiaries WHERE id = ?`, target.id);
    expect(row).toEqual({ user_id: userId, phone: target.phone, deleted_at: null, active_cap: 5 });
  });

  it('a top-up always costs amount + the configured fee and starts from the provider, not the body', async () => {
    // Its own beneficiary: the properties above may have deactivated or used up the others.
    const listed = (await h.call('GET', '/api/beneficiaries', { token })).json.items as ApiBeneficiary[];
    for (const b of listed.filter((x) => x.active)) await h.call('PATCH', `/api/beneficiaries/${b.id}`, { token, body: { active: false } });
    const target = await h.addBeneficiary(token, { phone: freshPhone(), nickname: 'Mass top-up', active: true });
    const res = await hit(h, {
      method: 'POST',
      path: '/api/topups',
      type: 'application/json',
      key: crypto.randomUUID(),
      token,
      raw: JSON.stringify({ beneficiary_id: target.id, amount: 500, fee: 0, status: 'completed', provider_ref: 'FAKE', user_id: other.id, phone: '+971500000001', balance: 1e9 }),
    });
    expect(res.status).toBe(201);
    wallet.answer('mass-topup', res.json);
    expect(res.json.topup).toMatchObject({ amount: 500, fee: 100, phone: target.phone, beneficiary_id: target.id });
    expect(res.json.topup.provider_ref).not.toBe('FAKE');
    expect(res.json.balance).toBe(wallet.get());
  });

  it('verification ignores verified: false, balance and email in its body', async () => {
    const res = await hit(h, { method: 'POST', path: '/api/me/verification', type: 'application/json', token, raw: JSON.stringify({ verified: false, balance: 1e9, email: 'x@evil.example', id: other.id }) });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ id: userId, verified: true, balance: wallet.get() });
    expect(res.json.user.email).not.toBe('x@evil.example');
  });

  it('__proto__ and constructor keys neither apply nor pollute prototypes', async () => {
    const email = `proto-${crypto.randomUUID()}@example.com`;
    const signup = await hit(h, {
      method: 'POST',
      path: '/api/auth/signup',
      type: 'application/json',
      raw: `{"email":"${email}","password":"long enough pw","name":"P","__proto__":{"verified":true,"balance":5000},"constructor":{"prototype":{"verified":true}}}`,
    });
    expect(signup.status).toBe(201);
    expect(signup.json.user).toMatchObject({ verified: false, balance: 0 });
    const deposit = await hit(h, {
      method: 'POST',
      path: '/api/wallet/deposits',
      type: 'application/json',
      key: crypto.randomUUID(),
      token: signup.json.token,
      raw: '{"__proto__":{"amount":5000000},"amount":100}',
    });
    expect(deposit.status).toBe(201);
    expect(deposit.json.balance).toBe(100);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).verified).toBeUndefined();
  });
});

describe('text stays text', () => {
  it.each(['<b>hi</b>', '<script>x</script>', '<img src=x>', '&lt;b&gt;', "'; DROP TABLE x;--", `${UNICODE_EDGES[5]} ok`])('nickname %j is stored and listed exactly as sent', async (nickname) => {
    const created = await h.addBeneficiary(token, { phone: freshPhone(), nickname, active: false });
    expect(created.nickname).toBe(nickname);
    const listed = (await h.call('GET', '/api/beneficiaries', { token })).json.items.find((b) => b.id === created.id);
    expect(listed?.nickname).toBe(nickname);
    const row = await shardRow<{ nickname: string }>(`SELECT nickname FROM beneficiaries WHERE id = ?`, created.id);
    expect(row?.nickname).toBe(nickname);
    await h.call('DELETE', `/api/beneficiaries/${created.id}`, { token });
  });

  it('bidi overrides, lone surrogates and control characters are refused in nicknames', async () => {
    for (const nickname of ['\u202Eevil', 'a\u2066b', '\uD800x', 'x\uDFFF', 'a\u0000b', 'a\u0007', 'a\u2028b']) {
      const res = await hit(h, { method: 'POST', path: '/api/beneficiaries', type: 'application/json', key: crypto.randomUUID(), token, raw: JSON.stringify({ nickname, phone: freshPhone() }) });
      expect(res.status, JSON.stringify(nickname)).toBe(422);
      expect(fieldsOf(res.json).nickname).toBeTruthy();
    }
  });

  it('SQL in every string field is data, not SQL', async () => {
    for (const injection of INJECTIONS.slice(0, 6)) {
      await hit(h, { method: 'POST', path: '/api/auth/login', type: 'application/json', raw: JSON.stringify({ email: injection, password: injection }) });
      await hit(h, { method: 'GET', path: `/api/topups?beneficiary_id=${encode(injection)}`, token });
      await hit(h, { method: 'PATCH', path: `/api/beneficiaries/${encode(injection)}`, type: 'application/json', token, key: crypto.randomUUID(), raw: '{"nickname":"x"}' });
    }
    for (const d1 of allShards()) {
      const tables = await d1.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'accounts', 'sessions')`).first<{ n: number }>();
      expect(tables?.n).toBe(3);
    }
  });
});


afterAll(async () => {
  await expectLedgerConsistent();
  expect((await h.call('GET', '/api/me', { token })).json.user.balance).toBe(wallet.get());
});
