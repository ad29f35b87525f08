import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { userDb } from './shard-queries';

const h = makeHarness();

function withdraw(token: string, body: unknown, key?: string | false) {
  return h.call('POST', '/api/wallet/withdrawals', { token, body, ...(key === undefined ? {} : { key }) });
}

async function balanceOf(token: string): Promise<number> {
  return (await h.call('GET', '/api/me', { token })).json.user.balance;
}

describe('POST /api/wallet/withdrawals', () => {
  it('debits the wallet to the bank, free, and shows as a withdrawal transaction', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 10_000);
    const res = await withdraw(u.token, { amount: 2_500 });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ withdrawal: { id: expect.any(String), amount: 2_500, created_at: h.clock.now.toISOString() }, balance: 7_500 });
    expect(await balanceOf(u.token)).toBe(7_500);
    const tx = await h.call('GET', '/api/transactions', { token: u.token });
    expect(tx.json.items[0]).toEqual({
      id: res.json.withdrawal.id,
      kind: 'withdrawal',
      amount: -2_500,
      fee: 0,
      balance_after: 7_500,
      beneficiary_id: null,
      status: 'completed',
      created_at: h.clock.now.toISOString(),
    });
    const d1 = await userDb(u.user.id);
    const legs = await d1.prepare(`SELECT account_id, amount FROM ledger_entries WHERE transaction_id = ? ORDER BY amount`).bind(res.json.withdrawal.id).all();
    expect(legs.results).toEqual([
      { account_id: `wallet:${u.user.id}`, amount: -2_500 },
      { account_id: 'system:bank_withdrawals', amount: 2_500 },
    ]);
    await expectLedgerConsistent();
  });

  it('takes the whole balance, and refuses one fils more with 409 INSUFFICIENT_BALANCE and nothing written', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 5_000);
    const over = await withdraw(u.token, { amount: 5_001 });
    expect(over.status).toBe(409);
    expect(over.json.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(await balanceOf(u.token)).toBe(5_000);
    expect((await withdraw(u.token, { amount: 5_000 })).json.balance).toBe(0);
    const empty = await withdraw(u.token, { amount: 100 });
    expect(empty.json.error.code).toBe('INSUFFICIENT_BALANCE');
    const tx = await h.call('GET', '/api/transactions', { token: u.token });
    expect(tx.json.items.map((t) => t.kind)).toEqual(['withdrawal', 'deposit']);
    await expectLedgerConsistent();
  });

  it('refuses less than 100 fils or anything but integer fils (422), needs a key and a session', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 5_000);
    for (const amount of [99, 0, -100, 100.5, '1000', null, 1e21]) {
      const res = await withdraw(u.token, { amount });
      expect(res.status, String(amount)).toBe(422);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await withdraw(u.token, {})).status).toBe(422);
    expect((await withdraw(u.token, { amount: 100 }, false)).json.error.code).toBe('BAD_REQUEST');
    expect((await h.call('POST', '/api/wallet/withdrawals', { body: { amount: 100 } })).status).toBe(401);
    expect((await withdraw(u.token, { amount: 100 })).status).toBe(201);
    expect(await balanceOf(u.token)).toBe(4_900);
  });

  it('is idempotent: a replay answers the first response, a reused key is refused, a refusal frees the key', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 3_000);
    const first = await withdraw(u.token, { amount: 1_000 }, 'w-1');
    const again = await withdraw(u.token, { amount: 1_000 }, 'w-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    expect((await withdraw(u.token, { amount: 500 }, 'w-1')).json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await withdraw(u.token, { amount: 9_000 }, 'w-2')).json.error.code).toBe('INSUFFICIENT_BALANCE');
    expect((await withdraw(u.token, { amount: 2_000 }, 'w-2')).status).toBe(201);
    expect(await balanceOf(u.token)).toBe(0);
  });

  it('concurrent withdrawals and top-ups never overspend: every success is paid for, the balance is exact', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 20_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const requests = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0
        ? withdraw(u.token, { amount: 3_000 }).then((r) => ({ r, cost: 3_000 }))
        : h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2_000 } }).then((r) => ({ r, cost: 2_100 })),
    );
    const results = await Promise.all(requests);
    const spent = results.filter(({ r }) => r.status === 201).reduce((sum, { cost }) => sum + cost, 0);
    for (const { r } of results) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 409) expect(['INSUFFICIENT_BALANCE', 'BENEFICIARY_MONTHLY_LIMIT', 'MONTHLY_LIMIT']).toContain(r.json.error.code);
    }
    expect(spent).toBeLessThanOrEqual(20_000);
    expect(spent).toBeGreaterThan(20_000 - 3_000);
    expect(await balanceOf(u.token)).toBe(20_000 - spent);
    const d1 = await userDb(u.user.id);
    const low = await d1.prepare(`SELECT MIN(balance_after) AS low FROM ledger_transactions WHERE user_id = ?`).bind(u.user.id).first<{ low: number }>();
    expect(low?.low).toBeGreaterThanOrEqual(0);
    await expectLedgerConsistent();
  });
});
