import { describe, expect, it } from 'vitest';
import { project } from '../../../app/offline/intents';
import type { Intent, OutboxEntry } from '../../../app/offline/model';
import { beneficiary, snapshot, user } from './fixtures';

let seq = 0;
const queued = (intent: Intent): OutboxEntry => ({ v: 2, seq: ++seq, key: `k${seq}`, intent, createdAt: `2026-11-25T10:00:0${seq % 10}.000Z`, attempts: 0, lastError: null });

describe('what the screen shows while offline', () => {
  it('lets a beneficiary created offline be topped up offline, all marked pending', () => {
    const view = project(snapshot(user('u', 10_000)), [
      queued({ type: 'addBeneficiary', id: 'new-id', nickname: 'Dad', phone: '+971521234567' }),
      queued({ type: 'topup', beneficiaryId: 'new-id', amount: 2000 }),
    ]);
    expect(view.beneficiaries).toEqual([
      expect.objectContaining({ id: 'new-id', nickname: 'Dad', operator: 'du', active: true, month_used: 2000, month_limit: 50_000, pending: true }),
    ]);
    expect(view.balance).toBe(10_000 - 2000 - 100);
    expect(view.balancePending).toBe(true);
    expect(view.total).toMatchObject({ used: 2000, remaining: 298_000, pending: true });
    expect(view.pendingMoney.map((m) => [m.kind, m.amount, m.fee])).toEqual([['topup', 2000, 100]]);
  });

  it('adds a sixth beneficiary as inactive, like the server would', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((id) => beneficiary(id, id.toUpperCase()));
    const view = project(snapshot(user('u'), five), [queued({ type: 'addBeneficiary', id: 'f', nickname: 'F', phone: '+971509999998' })]);
    expect(view.beneficiaries.find((b) => b.id === 'f')?.active).toBe(false);
    expect(view.beneficiaries.at(-1)?.id).toBe('f'); // active ones first
  });

  it('applies renames, (de)activation and deletion in order, and lists active ones first', () => {
    const base = snapshot(user('u'), [beneficiary('m', 'Mum'), beneficiary('s', 'Sis'), beneficiary('x', 'Old')]);
    const view = project(base, [
      queued({ type: 'setActive', id: 'm', active: false }),
      queued({ type: 'renameBeneficiary', id: 's', nickname: 'Sister' }),
      queued({ type: 'deleteBeneficiary', id: 'x' }),
    ]);
    expect(view.beneficiaries.map((b) => [b.nickname, b.active, b.pending])).toEqual([
      ['Sister', true, true],
      ['Mum', false, true],
    ]);
  });

  it('shows deposits on the balance and nothing pending once the queue is empty', () => {
    const base = snapshot(user('u', 500));
    expect(project(base, [queued({ type: 'deposit', amount: 1000 })])).toMatchObject({ balance: 1500, balancePending: true });
    expect(project(base, [])).toMatchObject({ balance: 500, balancePending: false, pendingMoney: [] });
  });
});
