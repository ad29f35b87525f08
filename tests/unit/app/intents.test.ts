import { describe, expect, it } from 'vitest';
import { classify } from '../../../app/offline/writes';
import { INTENTS, describeIntent, foldSuccess, toRequest, type IntentBook } from '../../../app/offline/intents';
import { client, type BodyOf } from '../../../app/lib/api';
import { share } from '../../../app/state/wallet';
import { beneficiary, snapshot, topupAnswer, user } from './fixtures';

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
    const topup = (status: 'completed' | 'failed') => topupAnswer('b', 2000, status, status === 'completed' ? 7900 : 10_000);
    const done = foldSuccess(base, { type: 'topup', beneficiaryId: 'b', amount: 2000 }, topup('completed'));
    expect(done.user.balance).toBe(7900);
    expect(done.limits?.total.used).toBe(2000);
    expect(done.beneficiaries[0]?.month_used).toBe(2000);
    const failed = foldSuccess(base, { type: 'topup', beneficiaryId: 'b', amount: 2000 }, topup('failed'));
    expect(failed.user.balance).toBe(10_000);
    expect(failed.limits?.total.used).toBe(0);
    expect(failed.beneficiaries[0]?.month_used).toBe(0);
  });
});

describe('one definition per intent', () => {
  it('makes a kind without one of its pieces a compile error', () => {
    const { verify: _left, ...withoutVerify } = INTENTS;
    // @ts-expect-error the book must define every kind of intent
    const missingKind: IntentBook = withoutVerify;
    const { fold: _fold, ...noFold } = INTENTS.deposit;
    // @ts-expect-error every definition needs its success fold
    const missingFold: IntentBook = { ...INTENTS, deposit: noFold };
    expect([missingKind, missingFold]).toHaveLength(2);
  });

  it("builds requests from the server's own route types", () => {
    // @ts-expect-error money is an integer of fils, not text: the top-up route's validator says so
    const wrongBody: BodyOf<typeof client.api.topups.$post> = { beneficiary_id: 'b', amount: '20' };
    // @ts-expect-error there is no such route
    // eslint-disable-next-line @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- the point: the type does not exist
    const noRoute = () => client.api.topup.$path();
    expect([wrongBody, typeof noRoute]).toHaveLength(2);
  });

  it.each([
    [{ type: 'deposit', amount: 5000 } as const, 'POST /api/wallet/deposits', { amount: 5000 }, 'Add funds AED 50.00'],
    [{ type: 'addBeneficiary', id: 'b1', nickname: 'Dad', phone: '+971521234567' } as const, 'POST /api/beneficiaries', { id: 'b1', nickname: 'Dad', phone: '+971521234567' }, 'Add beneficiary Dad'],
    [{ type: 'renameBeneficiary', id: 'b', nickname: 'Mother' } as const, 'PATCH /api/beneficiaries/b', { nickname: 'Mother' }, 'Rename Mum to Mother'],
    [{ type: 'setActive', id: 'b', active: false } as const, 'PATCH /api/beneficiaries/b', { active: false }, 'Deactivate Mum'],
    [{ type: 'setActive', id: 'b', active: true } as const, 'PATCH /api/beneficiaries/b', { active: true }, 'Activate Mum'],
    [{ type: 'deleteBeneficiary', id: 'b' } as const, 'DELETE /api/beneficiaries/b', undefined, 'Delete Mum'],
    [{ type: 'topup', beneficiaryId: 'b', amount: 2000 } as const, 'POST /api/topups', { beneficiary_id: 'b', amount: 2000 }, 'Top up Mum AED 20.00'],
    [{ type: 'verify' } as const, 'POST /api/me/verification', undefined, 'Verify identity'],
  ])('%j is sent as the contract says and described for a person', (intent, route, body, text) => {
    const request = toRequest(intent);
    expect(`${request.method} ${request.path}`).toBe(route);
    expect(request.body).toEqual(body);
    // formatAed separates currency and amount with a no-break space.
    expect(describeIntent(intent, (id) => (id === 'b' ? 'Mum' : undefined)).replace(/\s/g, ' ')).toBe(text);
  });

  it('takes the verified user from the answer, and nothing from an answer of the wrong shape', () => {
    const base = snapshot(user('u'));
    expect(foldSuccess(base, { type: 'verify' }, { user: { ...user('u'), verified: true } }).user.verified).toBe(true);
    expect(foldSuccess(base, { type: 'verify' }, { user: null })).toBe(base);
    expect(foldSuccess(base, { type: 'deposit', amount: 100 }, { balance: '10100' })).toBe(base);
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
