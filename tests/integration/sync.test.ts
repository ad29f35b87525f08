import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { shardRow, userDb } from './shard-queries';
import type { AnswerBody } from './answer';

const h = makeHarness();

type Action = { key: string; method: string; path: string; body?: unknown };
/** A sync result: its body is the answer its action's route gave (the harness checks it as one). */
type Result = AnswerBody['results'][number];

function sync(token: string, actions: unknown, headers: Record<string, string> = {}) {
  return h.call('POST', '/api/sync', { token, body: { actions }, headers, key: false });
}

async function balanceOf(token: string): Promise<number> {
  return (await h.call('GET', '/api/me', { token })).json.user.balance;
}

async function topupCount(userId: string): Promise<number> {
  return (await (await userDb(userId)).prepare('SELECT COUNT(*) AS n FROM topups WHERE user_id = ?').bind(userId).first<{ n: number }>())?.n ?? -1;
}

const key = (name: string) => `${name}-${crypto.randomUUID()}`;

describe('POST /api/sync', () => {
  it('runs a mixed queue in order, each action as if sent alone, refusals not stopping the rest', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 10_000);
    const doomed = await h.addBeneficiary(u.token, { phone: freshPhone(), nickname: 'Old number' });
    const id = crypto.randomUUID();
    const phone = freshPhone();
    const actions: Action[] = [
      { key: key('create'), method: 'POST', path: '/api/beneficiaries', body: { id, nickname: 'Sis', phone: `0${phone.slice(4)}` } },
      { key: key('topup'), method: 'POST', path: '/api/topups', body: { beneficiary_id: id, amount: 2000 } },
      { key: key('not-an-option'), method: 'POST', path: '/api/topups', body: { beneficiary_id: id, amount: 2500 } },
      { key: key('too-much'), method: 'POST', path: '/api/topups', body: { beneficiary_id: id, amount: 10_000 } },
      { key: key('rename'), method: 'PATCH', path: `/api/beneficiaries/${id}`, body: { nickname: 'Sister' } },
      { key: key('deposit'), method: 'POST', path: '/api/wallet/deposits', body: { amount: 500 } },
      { key: key('delete'), method: 'DELETE', path: `/api/beneficiaries/${doomed.id}` },
      { key: key('delete-unknown'), method: 'DELETE', path: `/api/beneficiaries/${crypto.randomUUID()}` },
    ];
    const res = await sync(u.token, actions);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['results']);
    const { results } = res.json;
    expect(results.map((r) => r.key)).toEqual(actions.map((a) => a.key));
    expect(results.map((r) => r.status)).toEqual([201, 201, 422, 409, 200, 201, 204, 404]);

    const [created, topup, notOption, tooMuch, renamed, deposit, deleted, unknown] = results as [Result, Result, Result, Result, Result, Result, Result, Result];
    expect(created.body.beneficiary).toMatchObject({ id, nickname: 'Sis', phone, active: true, month_used: 0 });
    expect(topup.body.topup).toMatchObject({ beneficiary_id: id, phone, amount: 2000, fee: 100, status: 'completed' });
    expect(topup.body.balance).toBe(7900);
    expect(notOption.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: { amount: expect.any(String) } } });
    expect(tooMuch.body).toEqual({ error: { code: 'INSUFFICIENT_BALANCE', message: expect.any(String) } });
    expect(renamed.body.beneficiary).toMatchObject({ id, nickname: 'Sister', month_used: 2000 });
    expect(deposit.body).toMatchObject({ deposit: { amount: 500 }, balance: 8400 });
    expect(deleted.body).toBeNull();
    expect(unknown.body.error?.code).toBe('NOT_FOUND');

    expect(await balanceOf(u.token)).toBe(8400);
    const listed = (await h.call('GET', '/api/beneficiaries', { token: u.token })).json.items;
    expect(listed.map((b) => [b.id, b.nickname])).toEqual([[id, 'Sister']]);

    // Sent alone with the same keys: successes replay the very same answer, refusals are refused alike.
    for (const [i, action] of actions.entries()) {
      const alone = await h.call(action.method, action.path, { token: u.token, body: action.body, key: action.key });
      const result = results[i]!;
      expect(alone.status, action.key).toBe(result.status);
      expect(alone.json, action.key).toEqual(result.body);
      expect(alone.headers.get('Idempotent-Replayed'), action.key).toBe(result.status < 300 ? 'true' : null);
    }
    expect(await balanceOf(u.token)).toBe(8400);
    await expectLedgerConsistent();
  });

  it('replaying the same sync replays every action: same bodies, no second debit', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 5000);
    const id = crypto.randomUUID();
    const actions: Action[] = [
      { key: key('create'), method: 'POST', path: '/api/beneficiaries', body: { id, nickname: 'Brother', phone: freshPhone() } },
      { key: key('topup'), method: 'POST', path: '/api/topups', body: { beneficiary_id: id, amount: 1000 } },
      { key: key('topup'), method: 'POST', path: '/api/topups', body: { beneficiary_id: id, amount: 500 } },
      { key: key('deposit'), method: 'POST', path: '/api/wallet/deposits', body: { amount: 250 } },
      { key: key('bad'), method: 'POST', path: '/api/wallet/deposits', body: { amount: 1 } },
    ];
    const first = await sync(u.token, actions);
    expect(first.json.results.map((r) => r.status)).toEqual([201, 201, 201, 201, 422]);
    expect(await balanceOf(u.token)).toBe(5000 - 1100 - 600 + 250);
    const again = await sync(u.token, actions);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(await balanceOf(u.token)).toBe(5000 - 1100 - 600 + 250);
    expect(await topupCount(u.user.id)).toBe(2);
    await expectLedgerConsistent();
  });

  it('treats a queued key reused for another request as 422 IDEMPOTENCY_KEY_REUSED, and goes on', async () => {
    const u = await h.signUp();
    const shared = key('shared');
    const res = await sync(u.token, [
      { key: shared, method: 'POST', path: '/api/wallet/deposits', body: { amount: 1000 } },
      { key: shared, method: 'POST', path: '/api/wallet/deposits', body: { amount: 2000 } },
      { key: key('next'), method: 'POST', path: '/api/wallet/deposits', body: { amount: 300 } },
    ]);
    expect(res.json.results.map((r) => r.status)).toEqual([201, 422, 201]);
    expect(res.json.results[1]!.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await balanceOf(u.token)).toBe(1300);
  });

  it('checks each action body like the route would, exponent literals included', async () => {
    const u = await h.signUp();
    const raw = `{"actions": [{"key": "exp-${crypto.randomUUID()}", "method": "POST", "path": "/api/wallet/deposits", "body": {"amount": 1e3}}]}`;
    const res = await h.call('POST', '/api/sync', { token: u.token, body: raw, key: false });
    expect(res.status).toBe(200);
    expect(res.json.results[0]!.status).toBe(422);
    expect(await balanceOf(u.token)).toBe(0);
  });

  it('answers 404 NOT_FOUND for an action to an unknown route (never a 500, never the auth routes), and goes on', async () => {
    const u = await h.signUp();
    const paths = ['/api/nope', '/api/auth', '/api//auth/login', '/api/AUTH/login', '/api//sync', '/api/wallet/deposits/', '/api/wallet//deposits'];
    const actions: Action[] = paths.map((path) => ({ key: key('odd'), method: 'POST', path, body: { email: u.email, password: u.password, amount: 1000, actions: [] } }));
    actions.push({ key: key('ok'), method: 'POST', path: '/api/wallet/deposits', body: { amount: 1000 } });
    const res = await sync(u.token, actions);
    expect(res.status).toBe(200);
    const { results } = res.json;
    for (const [i, path] of paths.entries()) {
      expect(results[i]!.status, path).toBe(404);
      expect(results[i]!.body, path).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
    expect(results[paths.length]!.status).toBe(201);
    expect(await balanceOf(u.token)).toBe(1000);
  });

  it('takes up to 100 actions', async () => {
    const u = await h.signUp();
    const actions = Array.from({ length: 100 }, (_, i) => ({ key: `bulk-${i}`, method: 'POST', path: '/api/wallet/deposits', body: { amount: 100 } }));
    const res = await sync(u.token, actions);
    expect(res.status).toBe(200);
    expect(res.json.results).toHaveLength(100);
    expect(res.json.results.every((r) => r.status === 201)).toBe(true);
    expect(await balanceOf(u.token)).toBe(10_000);
  });

  it('refuses a malformed queue with 422 and runs none of it', async () => {
    const u = await h.signUp();
    const deposit = (k: string) => ({ key: k, method: 'POST', path: '/api/wallet/deposits', body: { amount: 1000 } });
    const cases: [string, unknown][] = [
      ['no actions', []],
      ['101 actions', Array.from({ length: 101 }, (_, i) => deposit(key(`d${i}`)))],
      ['login', [deposit(key('ok')), { key: key('l'), method: 'POST', path: '/api/auth/login', body: { email: u.email, password: u.password } }]],
      ['signup', [deposit(key('ok')), { key: key('s'), method: 'POST', path: '/api/auth/signup', body: {} }]],
      ['logout', [deposit(key('ok')), { key: key('o'), method: 'POST', path: '/api/auth/logout' }]],
      ['sync', [deposit(key('ok')), { key: key('y'), method: 'POST', path: '/api/sync', body: { actions: [deposit(key('inner'))] } }]],
      ['sync/', [deposit(key('ok')), { key: key('y'), method: 'POST', path: '/api/sync/' }]],
      ['GET', [deposit(key('ok')), { key: key('g'), method: 'GET', path: '/api/me' }]],
      ['PUT', [deposit(key('ok')), { key: key('p'), method: 'PUT', path: '/api/wallet/deposits', body: { amount: 1000 } }]],
      ['outside /api', [deposit(key('ok')), { key: key('x'), method: 'POST', path: '/admin', body: {} }]],
      ['absolute URL', [deposit(key('ok')), { key: key('x'), method: 'POST', path: 'https://evil.example/api/wallet/deposits', body: {} }]],
      ['no key', [{ method: 'POST', path: '/api/wallet/deposits', body: { amount: 1000 } }]],
      ['empty key', [deposit('')]],
      ['key too long', [deposit('k'.repeat(256))]],
      ['not a list', deposit(key('ok'))],
    ];
    for (const [name, actions] of cases) {
      const res = await sync(u.token, actions);
      expect(res.status, name).toBe(422);
      expect(res.json.error.code, name).toBe('VALIDATION_FAILED');
      expect(res.json.error.details.fields, name).toEqual(expect.any(Object));
    }
    expect((await h.call('POST', '/api/sync', { token: u.token, body: {}, key: false })).status).toBe(422);
    expect((await h.call('POST', '/api/sync', { token: u.token, key: false })).status).toBe(400);
    expect(await balanceOf(u.token)).toBe(0);
  });

  it('needs a session (bearer or cookie), and refuses another user’s queue with 403 USER_MISMATCH, running nothing', async () => {
    const u = await h.signUp();
    const other = await h.signUp();
    const actions = [{ key: key('d'), method: 'POST', path: '/api/wallet/deposits', body: { amount: 1000 } }];
    const anonymous = await h.call('POST', '/api/sync', { body: { actions }, key: false });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('UNAUTHENTICATED');

    const mismatch = await sync(u.token, actions, { 'X-TopUp-User': other.user.id });
    expect(mismatch.status).toBe(403);
    expect(mismatch.json.error.code).toBe('USER_MISMATCH');
    expect(await balanceOf(u.token)).toBe(0);
    expect(await balanceOf(other.token)).toBe(0);

    const viaCookie = await h.call('POST', '/api/sync', {
      body: { actions },
      key: false,
      headers: { Cookie: `__Host-topup_session=${u.token}`, 'X-TopUp-User': u.user.id },
    });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.json.results[0]!.status).toBe(201);
    expect(await balanceOf(u.token)).toBe(1000);
  });

  it('a session that ends does not run queued actions', async () => {
    const u = await h.signUp();
    expect((await h.call('POST', '/api/auth/logout', { token: u.token })).status).toBe(204);
    const res = await sync(u.token, [{ key: key('d'), method: 'POST', path: '/api/wallet/deposits', body: { amount: 1000 } }]);
    expect(res.status).toBe(401);
    const row = await shardRow<{ balance: number }>('SELECT balance FROM accounts WHERE id = ?', `wallet:${u.user.id}`);
    expect(row?.balance).toBe(0);
  });
});
