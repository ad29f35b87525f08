import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, makeHarness } from './harness';
import { fieldsOf } from './answer';
import { userDb } from './shard-queries';

const h = makeHarness();

function deposit(token: string, body: unknown, key?: string | false) {
  return h.call('POST', '/api/wallet/deposits', { token, body, ...(key === undefined ? {} : { key }) });
}

async function balanceOf(token: string): Promise<number> {
  return (await h.call('GET', '/api/me', { token })).json.user.balance;
}

async function depositCount(userId: string): Promise<number> {
  const row = await (await userDb(userId)).prepare(`SELECT COUNT(*) AS n FROM ledger_transactions WHERE user_id = ? AND kind = 'deposit'`).bind(userId).first<{ n: number }>();
  return row?.n ?? -1;
}

describe('POST /api/wallet/deposits', () => {
  it('credits the wallet and answers with the deposit and the new balance', async () => {
    const u = await h.signUp();
    const res = await deposit(u.token, { amount: 12_345 });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      deposit: { id: expect.any(String), amount: 12_345, created_at: h.clock.now.toISOString() },
      balance: 12_345,
    });
    expect((await deposit(u.token, { amount: 655 })).json.balance).toBe(13_000);
    expect(await balanceOf(u.token)).toBe(13_000);
    const tx = await h.call('GET', '/api/transactions', { token: u.token });
    expect(tx.json.items[1]).toEqual({
      id: res.json.deposit.id,
      kind: 'deposit',
      amount: 12_345,
      fee: 0,
      balance_after: 12_345,
      beneficiary_id: null,
      status: 'completed',
      created_at: h.clock.now.toISOString(),
    });
    await expectLedgerConsistent();
  });

  it('requires an Idempotency-Key (1–255 printable ASCII) and a session', async () => {
    const u = await h.signUp();
    const missing = await deposit(u.token, { amount: 1000 }, false);
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('BAD_REQUEST');
    expect((await deposit(u.token, { amount: 1000 }, 'k'.repeat(256))).status).toBe(400);
    expect((await deposit(u.token, { amount: 1000 }, 'k'.repeat(255))).status).toBe(201);
    const anonymous = await h.call('POST', '/api/wallet/deposits', { body: { amount: 1000 } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('UNAUTHENTICATED');
    expect(await balanceOf(u.token)).toBe(1000);
  });

  it('takes 100 to 10,000,000 fils, to the fils', async () => {
    const u = await h.signUp();
    for (const [amount, status] of [
      [99, 422],
      [100, 201],
      [10_000_000, 201],
      [10_000_001, 422],
      [0, 422],
      [-100, 422],
    ] as const) {
      const res = await deposit(u.token, { amount });
      expect(res.status, String(amount)).toBe(status);
      if (status === 422) {
        expect(res.json.error.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(res.json).amount).toEqual(expect.any(String));
      }
    }
    expect(await balanceOf(u.token)).toBe(10_000_100);
  });

  it('refuses anything but an integer number of fils, with nothing stored', async () => {
    const u = await h.signUp();
    const values: unknown[] = [100.5, 1000.01, '1000', '1e3', 'NaN', null, true, [1000], { value: 1000 }];
    for (const amount of values) {
      const res = await deposit(u.token, { amount });
      expect(res.status, JSON.stringify(amount)).toBe(422);
      expect(fieldsOf(res.json).amount).toEqual(expect.any(String));
    }
    // Raw JSON texts: -0, exponents and decimal points are not integer literals.
    for (const raw of ['-0', '1e3', '1E3', '1.5e3', '100.0', '1e400', '-1e400']) {
      const res = await deposit(u.token, `{"amount": ${raw}}`);
      expect(res.status, raw).toBe(422);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    // NaN and Infinity are not JSON at all.
    for (const raw of ['NaN', 'Infinity']) expect((await deposit(u.token, `{"amount": ${raw}}`)).status, raw).toBe(400);
    expect(fieldsOf((await deposit(u.token, {})).json).amount).toEqual(expect.any(String));
    expect((await deposit(u.token, undefined)).status).toBe(400);
    expect(await balanceOf(u.token)).toBe(0);
    expect(await depositCount(u.user.id)).toBe(0);
  });

  it('replays the same key and body: same response, Idempotent-Replayed, one effect', async () => {
    const u = await h.signUp();
    const key = `dep-${crypto.randomUUID()}`;
    const first = await deposit(u.token, { amount: 5000 }, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    await deposit(u.token, { amount: 700 });
    h.clock.now = new Date(h.clock.now.getTime() + 23 * 3600_000);
    try {
      const again = await deposit(u.token, { amount: 5000 }, key);
      expect(again.status).toBe(201);
      expect(again.headers.get('Idempotent-Replayed')).toBe('true');
      expect(again.headers.get('Cache-Control')).toBe('no-store');
      expect(again.json).toEqual(first.json);
    } finally {
      h.clock.now = new Date(h.clock.now.getTime() - 23 * 3600_000);
    }
    expect(await balanceOf(u.token)).toBe(5700);
    expect(await depositCount(u.user.id)).toBe(2);
  });

  it('refuses the same key for another body or route with 422 IDEMPOTENCY_KEY_REUSED, changing nothing', async () => {
    const u = await h.signUp();
    const key = `dep-${crypto.randomUUID()}`;
    expect((await deposit(u.token, { amount: 5000 }, key)).status).toBe(201);
    const other = await deposit(u.token, { amount: 5001 }, key);
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const elsewhere = await h.call('POST', '/api/beneficiaries', { token: u.token, key, body: { nickname: 'Mum', phone: '0501234567' } });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await h.call('GET', '/api/beneficiaries', { token: u.token })).json.items).toEqual([]);
    expect(await balanceOf(u.token)).toBe(5000);
    // Keys belong to a user: another user's same key is a new request.
    const stranger = await h.signUp();
    const theirs = await deposit(stranger.token, { amount: 5000 }, key);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('Idempotent-Replayed')).toBeNull();
    expect(await balanceOf(stranger.token)).toBe(5000);
  });

  it('stores nothing for a refused request: the key works once the body is fixed', async () => {
    const u = await h.signUp();
    const key = `dep-${crypto.randomUUID()}`;
    expect((await deposit(u.token, { amount: 99 }, key)).status).toBe(422);
    expect((await deposit(u.token, { amount: 12.5 }, key)).status).toBe(422);
    const fixed = await deposit(u.token, { amount: 100 }, key);
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('Idempotent-Replayed')).toBeNull();
    expect(fixed.json.balance).toBe(100);
  });

  it('20 concurrent deposits with one key have exactly one effect', async () => {
    const u = await h.signUp();
    const key = `dep-${crypto.randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => deposit(u.token, { amount: 2500 }, key)));
    const ok = results.filter((r) => r.status === 201);
    expect(results.every((r) => r.status === 201 || (r.status === 409 && r.json.error.code === 'IDEMPOTENCY_IN_PROGRESS'))).toBe(true);
    expect(ok.filter((r) => r.headers.get('Idempotent-Replayed') === null)).toHaveLength(1);
    expect(new Set(ok.map((r) => r.json.deposit.id)).size).toBe(1);
    expect(await balanceOf(u.token)).toBe(2500);
    expect(await depositCount(u.user.id)).toBe(1);
    await expectLedgerConsistent();
  });

  it('20 concurrent deposits with distinct keys all land: the balance is exact', async () => {
    const u = await h.signUp();
    const amounts = Array.from({ length: 20 }, (_, i) => 100 + i * 37);
    const results = await Promise.all(amounts.map((amount) => deposit(u.token, { amount })));
    expect(results.map((r) => r.status)).toEqual(amounts.map(() => 201));
    const total = amounts.reduce((a, b) => a + b, 0);
    expect(await balanceOf(u.token)).toBe(total);
    expect(Math.max(...results.map((r) => r.json.balance))).toBe(total);
    expect(await depositCount(u.user.id)).toBe(20);
    // Each deposit's balance_after is a running total: the ledger reads them in order.
    const tx = await h.call('GET', '/api/transactions?limit=100', { token: u.token });
    const oldestFirst = [...tx.json.items].reverse() as { amount: number; balance_after: number }[];
    let running = 0;
    for (const item of oldestFirst) {
      running += item.amount;
      expect(item.balance_after).toBe(running);
    }
    await expectLedgerConsistent();
  });
});

describe('GET /api/transactions', () => {
  it('pages newest first with a cursor: no duplicates, no gaps, null cursor at the end', async () => {
    const u = await h.signUp();
    const amounts = Array.from({ length: 25 }, (_, i) => 1000 + i);
    for (const amount of amounts) await h.deposit(u.token, amount);
    const seen: { id: string; amount: number }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '?limit=10' : `?limit=10&cursor=${encodeURIComponent(cursor)}`;
      const page = await h.call('GET', `/api/transactions${query}`, { token: u.token });
      expect(page.status).toBe(200);
      expect(Object.keys(page.json).sort()).toEqual(['items', 'next_cursor']);
      expect(page.json.items.length).toBe(pages < 2 ? 10 : 5);
      seen.push(...page.json.items);
      cursor = page.json.next_cursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((t) => t.amount)).toEqual([...amounts].reverse());
    expect(new Set(seen.map((t) => t.id)).size).toBe(25);

    const all = await h.call('GET', '/api/transactions', { token: u.token });
    expect(all.json.items).toHaveLength(20);
    expect(all.json.next_cursor).not.toBeNull();
    const exact = await h.call('GET', '/api/transactions?limit=25', { token: u.token });
    expect(exact.json.items).toHaveLength(25);
    expect(exact.json.next_cursor).toBeNull();
    expect((await h.call('GET', '/api/transactions?limit=1', { token: u.token })).json.items).toHaveLength(1);
    expect((await h.call('GET', '/api/transactions?limit=100', { token: u.token })).json.items).toHaveLength(25);
  });

  it('keeps paging through older items while new ones arrive', async () => {
    const u = await h.signUp();
    for (let i = 0; i < 6; i++) await h.deposit(u.token, 200 + i);
    const first = await h.call('GET', '/api/transactions?limit=3', { token: u.token });
    expect(first.json.items.map((t) => t.amount)).toEqual([205, 204, 203]);
    await h.deposit(u.token, 999);
    const second = await h.call('GET', `/api/transactions?limit=3&cursor=${first.json.next_cursor}`, { token: u.token });
    expect(second.json.items.map((t) => t.amount)).toEqual([202, 201, 200]);
    expect(second.json.next_cursor).toBeNull();
  });

  it('refuses a bad limit or cursor with 422, no session with 401', async () => {
    const u = await h.signUp();
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=-1', 'limit=1.5', 'limit=', 'cursor=abc', 'cursor=-5', 'cursor=1e3', "cursor=1'%20OR%201=1"]) {
      const res = await h.call('GET', `/api/transactions?${query}`, { token: u.token });
      expect(res.status, query).toBe(422);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(fieldsOf(res.json))).toHaveLength(1);
    }
    const anonymous = await h.call('GET', '/api/transactions');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('UNAUTHENTICATED');
  });

  it('shows a user only their own transactions', async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    await h.deposit(a.token, 4321);
    const mine = await h.call('GET', '/api/transactions', { token: a.token });
    expect(mine.json.items.map((t) => t.amount)).toEqual([4321]);
    const theirs = await h.call('GET', '/api/transactions', { token: b.token });
    expect(theirs.json).toEqual({ items: [], next_cursor: null });
    // A cursor taken from someone else's list reveals nothing either.
    const page = await h.call('GET', `/api/transactions?limit=1&cursor=999999`, { token: b.token });
    expect(page.json.items).toEqual([]);
    await expectLedgerConsistent();
  });
});
