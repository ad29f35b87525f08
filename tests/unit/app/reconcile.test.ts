import { describe, expect, it } from 'vitest';
import { applySuccess, classify } from '../../../app/offline/reconcile';
import { share } from '../../../app/lib/share';
import { beneficiary, snapshot, user } from './fixtures';

const err = (code: string) => ({ error: { code, message: code } });

describe('how a replayed action is treated', () => {
  it.each([
    [201, null, 'ok'],
    [204, null, 'ok'],
    [401, err('UNAUTHENTICATED'), 'unauthenticated'],
    [403, err('USER_MISMATCH'), 'mismatch'],
    [409, err('IDEMPOTENCY_IN_PROGRESS'), 'transient'],
    [429, err('RATE_LIMITED'), 'transient'],
    [500, null, 'transient'],
    [409, err('MONTHLY_LIMIT'), 'refused'],
    [409, err('ACTIVE_LIMIT_REACHED'), 'refused'],
    [422, err('VALIDATION_FAILED'), 'refused'],
    [422, err('IDEMPOTENCY_KEY_REUSED'), 'refused'],
    [404, err('NOT_FOUND'), 'refused'],
  ])('status %i %j → %s', (status, body, outcome) => {
    expect(classify({ type: 'topup', beneficiaryId: 'b', amount: 500 }, status, body)).toBe(outcome);
  });

  it('counts deleting something already gone as done', () => {
    expect(classify({ type: 'deleteBeneficiary', id: 'b' }, 404, err('NOT_FOUND'))).toBe('ok');
  });
});

describe('folding a server answer into the cached state', () => {
  it('takes the balance and counts a completed top-up against the limits, but not a failed one', () => {
    const base = snapshot(user('u', 10_000), [beneficiary('b', 'Mum')]);
    const topup = (status: 'completed' | 'failed') => ({
      topup: { id: `t-${status}`, beneficiary_id: 'b', phone: '+971501234567', amount: 2000, fee: 100, status, failure_code: null, provider_ref: 'P', created_at: '', completed_at: '' },
      balance: status === 'completed' ? 7900 : 10_000,
    });
    const done = applySuccess(base, { type: 'topup', beneficiaryId: 'b', amount: 2000 }, topup('completed'));
    expect(done.user.balance).toBe(7900);
    expect(done.limits?.total.used).toBe(2000);
    expect(done.beneficiaries[0]?.month_used).toBe(2000);
    const failed = applySuccess(base, { type: 'topup', beneficiaryId: 'b', amount: 2000 }, topup('failed'));
    expect(failed.user.balance).toBe(10_000);
    expect(failed.limits?.total.used).toBe(0);
    expect(failed.beneficiaries[0]?.month_used).toBe(0);
  });
});

describe('structural sharing of screen state', () => {
  it('keeps the identity of unchanged items so their rows are not rebuilt', () => {
    const before = { list: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }], total: { used: 1 } };
    const after = share(before, { list: [{ id: 'b', n: 3 }, { id: 'a', n: 1 }], total: { used: 1 } });
    expect(after.list[1]).toBe(before.list[0]);
    expect(after.list[0]).not.toBe(before.list[1]);
    expect(after.total).toBe(before.total);
    expect(share(before, structuredClone(before))).toBe(before);
  });
});
