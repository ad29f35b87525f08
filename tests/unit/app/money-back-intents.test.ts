import { describe, expect, it } from 'vitest';
import { classify } from '../../../app/offline/writes';
import { describeIntent, foldSuccess, project, refusalOutcome, toRequest } from '../../../app/offline/intents';
import type { OutboxEntry } from '../../../app/offline/model';
import { snapshot, user } from './fixtures';

describe('a withdrawal and a problem report, queued like every change', () => {
  it('are sent as the contract says and described for a person', () => {
    const withdrawal = toRequest({ type: 'withdraw', amount: 2500 });
    expect([withdrawal.method, withdrawal.path, withdrawal.body]).toEqual(['POST', '/api/wallet/withdrawals', { amount: 2500 }]);
    const report = toRequest({ type: 'reportProblem', topupId: 't1', reason: 'not_received', message: 'nothing came' });
    expect([report.method, report.path, report.body]).toEqual(['POST', '/api/topups/t1/problems', { reason: 'not_received', message: 'nothing came' }]);
    expect(toRequest({ type: 'reportProblem', topupId: 't1', reason: 'other' }).body).toEqual({ reason: 'other' });
    expect(describeIntent({ type: 'withdraw', amount: 2500 }, () => undefined).replace(/\s/g, ' ')).toBe('Withdraw AED 25.00 to your bank');
    expect(describeIntent({ type: 'reportProblem', topupId: 't1', reason: 'other' }, () => undefined)).toBe('Report a problem with a top-up');
  });

  it('shows a queued withdrawal as pending money off the balance, and takes the balance from the answer', () => {
    const base = snapshot(user('u', 10_000));
    const entry = { seq: 1, key: 'k1', createdAt: '2026-12-07T10:00:00.000Z', intent: { type: 'withdraw', amount: 2500 } } as unknown as OutboxEntry;
    const view = project(base, [entry]);
    expect(view.balance).toBe(7_500);
    expect(view.pendingMoney).toEqual([{ key: 'k1', kind: 'withdrawal', amount: 2500, fee: 0, beneficiaryId: null, createdAt: '2026-12-07T10:00:00.000Z' }]);
    expect(foldSuccess(base, { type: 'withdraw', amount: 2500 }, { withdrawal: {}, balance: 7_500 }).user.balance).toBe(7_500);
    expect(foldSuccess(base, { type: 'withdraw', amount: 2500 }, { balance: 'x' })).toBe(base);
  });

  it('treats a refused withdrawal as needing attention, and a report already open as done', () => {
    const err = (code: string) => ({ error: { code, message: code } });
    expect(classify({ type: 'withdraw', amount: 2500 }, 409, err('INSUFFICIENT_BALANCE'))).toBe('refused');
    expect(refusalOutcome({ type: 'withdraw', amount: 2500 }, 'INSUFFICIENT_BALANCE', 409)).toBe('attention');
    expect(refusalOutcome({ type: 'reportProblem', topupId: 't', reason: 'other' }, 'DUPLICATE_PROBLEM', 409)).toBe('done');
    expect(refusalOutcome({ type: 'reportProblem', topupId: 't', reason: 'other' }, 'NOT_FOUND', 404)).toBe('attention');
  });
});
