import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { userDb } from './shard-queries';
import { prng } from './workload/prng';
import type { ApiStatement } from '../../worker/contract/types';

const DAY = 86_400_000;

describe('GET /api/statements/:month', () => {
  it('gives the month in Asia/Dubai: opening, closing, totals, spend per beneficiary beside its limit, items oldest first', async () => {
    const h = makeHarness({ now: new Date('2026-10-29T08:00:00.000Z') });
    const u = await h.signUp();
    await h.deposit(u.token, 30_000); // October
    const mum = await h.addBeneficiary(u.token, { nickname: 'Mum', phone: freshPhone() });
    const declined = await h.addBeneficiary(u.token, { nickname: 'Old', phone: '+971501110000' });
    h.clock.now = new Date('2026-10-31T20:30:00.000Z'); // 00:30 on 1 November in Dubai
    const topup = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: mum.id, amount: 2000 } });
    h.clock.now = new Date('2026-11-10T08:00:00.000Z');
    await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: declined.id, amount: 1000 } });
    await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: mum.id, amount: 500 } });
    await h.call('POST', '/api/wallet/withdrawals', { token: u.token, body: { amount: 1_000 } });
    h.clock.now = new Date('2026-11-30T20:00:00.000Z'); // December in Dubai
    u.token = (await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false })).json.token;
    await h.deposit(u.token, 700);

    const nov = await h.call('GET', '/api/statements/2026-11', { token: u.token });
    expect(nov.status).toBe(200);
    const s = nov.json as ApiStatement;
    expect(s).toMatchObject({ month: '2026-11', time_zone: 'Asia/Dubai', opening_balance: 30_000, closing_balance: 30_000 - 2_100 - 600 - 1_000 });
    expect(s.totals).toEqual({ deposits: 0, topups: 3_500, fees: 300, refunds: 1_100, withdrawals: 1_000, adjustments: 0 });
    expect(s.items.map((i) => i.kind)).toEqual(['topup', 'topup', 'refund', 'topup', 'withdrawal']);
    expect(s.items[0]).toMatchObject({ id: expect.any(String), amount: -2000, fee: 100, beneficiary_id: mum.id, status: 'completed', created_at: '2026-10-31T20:30:00.000Z' });
    expect(s.items[0]!.balance_after).toBe(27_900);
    expect(s.beneficiaries).toEqual([{ beneficiary_id: mum.id, nickname: 'Mum', phone: mum.phone, count: 2, amount: 2_500, limit: 50_000 }]);
    expect(topup.json.topup.id).toBeTruthy();

    const oct = (await h.call('GET', '/api/statements/2026-10', { token: u.token })).json as ApiStatement;
    expect(oct).toMatchObject({ opening_balance: 0, closing_balance: 30_000, totals: { deposits: 30_000, topups: 0 }, beneficiaries: [] });
    const dec = (await h.call('GET', '/api/statements/2026-12', { token: u.token })).json as ApiStatement;
    expect(dec.opening_balance).toBe(s.closing_balance);
    expect(dec.closing_balance).toBe((await h.call('GET', '/api/me', { token: u.token })).json.user.balance);
  });

  it('gives zeros for a month before the account, 422 for a future month or anything not YYYY-MM, 401 without a session', async () => {
    const h = makeHarness({ now: new Date('2026-11-30T21:00:00.000Z') }); // December in Dubai
    const u = await h.signUp();
    await h.deposit(u.token, 1_000);
    const before = await h.call('GET', '/api/statements/2020-01', { token: u.token });
    expect(before.json).toEqual({
      month: '2020-01',
      time_zone: 'Asia/Dubai',
      opening_balance: 0,
      closing_balance: 0,
      totals: { deposits: 0, topups: 0, fees: 0, refunds: 0, withdrawals: 0, adjustments: 0 },
      beneficiaries: [],
      items: [],
    });
    expect((await h.call('GET', '/api/statements/2026-12', { token: u.token })).json.closing_balance).toBe(1_000);
    for (const month of ['2027-01', '2026-13', '2026-1', 'november', '2026-12-01', '2027-01.csv', 'x.csv']) {
      const res = await h.call('GET', `/api/statements/${month}`, { token: u.token });
      expect(res.status, month).toBe(422);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await h.call('GET', '/api/statements/2026-11')).status).toBe(401);
  });

  it('answers the CSV: attachment, BOM, header, CRLF rows, amounts in AED, neutralised formulas, in the user’s language', async () => {
    const h = makeHarness({ now: new Date('2026-11-15T10:00:00.000Z') });
    const u = await h.signUp();
    await h.deposit(u.token, 10_000);
    const b = await h.addBeneficiary(u.token, { nickname: '=cmd|"x", y', phone: freshPhone() });
    const t = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 } });
    const res = await h.call('GET', '/api/statements/2026-11.csv', { token: u.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="topup-2026-11.csv"');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    // The bytes as sent (a text decoder would swallow the byte order mark).
    const raw = await h.app.request('/api/statements/2026-11.csv', { headers: { Authorization: `Bearer ${u.token}` } }, h.bindings);
    const bytes = new Uint8Array(await raw.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = `\uFEFF${res.text}`;
    const lines = text.slice(1).split('\r\n');
    expect(lines).toEqual([
      'date,kind,description,beneficiary,phone,amount,fee,balance_after,status,reference',
      expect.stringMatching(/^2026-11-15 14:00,Deposit,Money added from your bank,,,100\.00,0\.00,100\.00,completed,[0-9a-f-]{36}$/),
      `2026-11-15 14:00,Top-up,"Top-up for =cmd|""x"", y","'=cmd|""x"", y",${b.phone},-20.00,1.00,79.00,completed,${t.json.topup.provider_ref}`,
      '',
    ]);
    await (await userDb(u.user.id)).prepare(`UPDATE users SET lang = 'ar' WHERE id = ?`).bind(u.user.id).run();
    const ar = (await h.call('GET', '/api/statements/2026-11.csv', { token: u.token })).text.split('\r\n');
    expect(ar[0]).toBe('date,kind,description,beneficiary,phone,amount,fee,balance_after,status,reference');
    expect(ar[1]).toContain(',إيداع,مبلغ مضاف من حسابك المصرفي,');
    expect(ar[2]).toContain(',شحن,');
  });

  it('adds up for a seeded random month of activity (a property over many months and seeds)', async () => {
    for (const seed of [1, 7, 24, 2026]) {
      const rng = prng(seed);
      const h = makeHarness({ now: new Date(Date.UTC(2026, 6, 1 + rng.int(0, 20), rng.int(0, 23))) });
      const u = await h.signUp();
      await h.verify(u.token);
      // Sessions last 30 days: sign in again as the months go by.
      const signIn = async () => {
        u.token = (await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false })).json.token;
      };
      const bens = [
        await h.addBeneficiary(u.token, { phone: freshPhone() }),
        await h.addBeneficiary(u.token, { phone: freshPhone('55') }),
        await h.addBeneficiary(u.token, { phone: `+9715${rng.int(0, 9)}${rng.int(100, 999)}0000` }), // declined: refunds
      ];
      for (let op = 0; op < 60; op++) {
        h.clock.now = new Date(h.clock.now.getTime() + rng.int(1, 2 * DAY));
        if (op % 10 === 0) await signIn();
        const roll = rng.next();
        if (roll < 0.3) await h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: rng.int(100, 20_000) } });
        else if (roll < 0.8) await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: rng.pick(bens).id, amount: rng.pick([500, 1000, 2000, 5000]) } });
        else await h.call('POST', '/api/wallet/withdrawals', { token: u.token, body: { amount: rng.int(100, 5_000) } });
      }
      await signIn();
      const balance = (await h.call('GET', '/api/me', { token: u.token })).json.user.balance;
      const last = new Date(h.clock.now.getTime() + 4 * 3_600_000).toISOString().slice(0, 7);
      let previous: ApiStatement | null = null;
      let itemsSeen = 0;
      for (let m = 6; ; m++) {
        const month = `${2026 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
        const s = (await h.call('GET', `/api/statements/${month}`, { token: u.token })).json as ApiStatement;
        const where = `seed ${seed} ${month}`;
        const t = s.totals;
        expect(s.opening_balance + s.items.reduce((sum, i) => sum + i.amount - i.fee, 0), where).toBe(s.closing_balance);
        expect(s.opening_balance + t.deposits - t.topups - t.fees + t.refunds - t.withdrawals + t.adjustments, where).toBe(s.closing_balance);
        for (const value of [t.deposits, t.topups, t.fees, t.refunds, t.withdrawals]) expect(value).toBeGreaterThanOrEqual(0);
        if (previous) expect(s.opening_balance, where).toBe(previous.closing_balance);
        if (s.items.length > 0) expect(s.items.at(-1)!.balance_after, where).toBe(s.closing_balance);
        const times = s.items.map((i) => i.created_at);
        expect(times, where).toEqual([...times].sort());
        for (const time of times) expect(new Date(Date.parse(time) + 4 * 3_600_000).toISOString().slice(0, 7)).toBe(month);
        const spent = s.items.filter((i) => i.kind === 'topup' && i.status !== 'failed');
        expect(s.beneficiaries.reduce((sum, b) => sum + b.amount, 0), where).toBe(spent.reduce((sum, i) => sum - i.amount, 0));
        expect(s.beneficiaries.reduce((sum, b) => sum + b.count, 0), where).toBe(spent.length);
        for (const b of s.beneficiaries) expect(b.amount).toBeLessThanOrEqual(b.limit);
        itemsSeen += s.items.length;
        previous = s;
        if (month === last) break;
      }
      expect(previous?.closing_balance, `seed ${seed}`).toBe(balance);
      const all = await (await userDb(u.user.id)).prepare(`SELECT COUNT(*) AS n FROM ledger_transactions WHERE user_id = ?`).bind(u.user.id).first<{ n: number }>();
      expect(itemsSeen, `seed ${seed}: every transaction in exactly one month`).toBe(all?.n);
      expect(itemsSeen).toBeGreaterThan(30);
    }
    await expectLedgerConsistent();
  });
});
