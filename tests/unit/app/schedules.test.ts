/** Auto top-up on the device: the schedule intents (request, projection, fold, refusals) and the contact picker's normalisation. */
import { describe, expect, it } from 'vitest';
import type { ApiSchedule } from '../../../worker/contract/types';
import { classify } from '../../../app/offline/writes';
import { describeIntent, foldSuccess, project, toRequest } from '../../../app/offline/intents';
import type { Intent, OutboxEntry } from '../../../app/offline/model';
import { uaeContact } from '../../../app/lib/contacts';
import { beneficiary, snapshot, user } from './fixtures';

const T0 = '2026-11-25T10:00:00.000Z';

function schedule(id: string, beneficiaryId: string, over: Partial<ApiSchedule> = {}): ApiSchedule {
  return {
    id,
    beneficiary_id: beneficiaryId,
    amount: 2000,
    every: 'month',
    starts_at: '2026-10-31T05:00:00.000Z',
    next_run_at: '2026-11-30T05:00:00.000Z',
    status: 'active',
    last_run: null,
    created_at: '2026-10-31T05:00:00.000Z',
    updated_at: '2026-10-31T05:00:00.000Z',
    ...over,
  };
}

const queued = (intent: Intent, n = 1): OutboxEntry => ({ v: 2, seq: n, key: `k${n}`, intent, createdAt: T0, attempts: 0, lastError: null });

describe('the schedule intents', () => {
  it.each([
    [{ type: 'addSchedule', id: 's1', beneficiaryId: 'b', amount: 2000, every: 'week' } as const, 'POST /api/schedules', { id: 's1', beneficiary_id: 'b', amount: 2000, every: 'week' }, 'Auto top-up Mum AED 20.00 every week'],
    [{ type: 'changeSchedule', id: 's1', beneficiaryId: 'b', status: 'paused' } as const, 'PATCH /api/schedules/s1', { status: 'paused' }, 'Pause auto top-up for Mum'],
    [{ type: 'changeSchedule', id: 's1', beneficiaryId: 'b', amount: 5000 } as const, 'PATCH /api/schedules/s1', { amount: 5000 }, 'Change auto top-up for Mum'],
    [{ type: 'deleteSchedule', id: 's1', beneficiaryId: 'b' } as const, 'DELETE /api/schedules/s1', undefined, 'Delete auto top-up for Mum'],
  ])('%j is sent as the contract says (no starts_at from the device) and described for a person', (intent, route, body, text) => {
    const request = toRequest(intent);
    expect(`${request.method} ${request.path}`).toBe(route);
    // Through JSON, as the outbox sends it: fields the person did not change are not sent.
    expect(request.body === undefined ? undefined : JSON.parse(JSON.stringify(request.body))).toEqual(body);
    expect(describeIntent(intent, (id) => (id === 'b' ? 'Mum' : undefined)).replace(/\s/g, ' ')).toBe(text);
  });

  it('shows a schedule made offline at once, pending, with its client id', () => {
    const base = snapshot(user('u'), [beneficiary('b', 'Mum')]);
    const view = project(base, [queued({ type: 'addSchedule', id: 's1', beneficiaryId: 'b', amount: 1000, every: 'week' })]);
    expect(view.schedules).toEqual([expect.objectContaining({ id: 's1', beneficiary_id: 'b', amount: 1000, every: 'week', status: 'active', pending: true, last_run: null })]);
    // Nothing optimistic is written into the snapshot itself.
    expect(base.schedules).toBeUndefined();
  });

  it('projects pause, a change of cadence with the shared calendar, and delete', () => {
    const base = { ...snapshot(user('u'), [beneficiary('b', 'Mum')]), schedules: [schedule('s1', 'b')] };
    const paused = project(base, [queued({ type: 'changeSchedule', id: 's1', beneficiaryId: 'b', status: 'paused' })]);
    expect(paused.schedules[0]).toMatchObject({ status: 'paused', pending: true, next_run_at: '2026-11-30T05:00:00.000Z' });
    // Monthly on the 31st (Dubai) → weekly from the same anchor: the first weekly occurrence not before the planned run.
    const weekly = project(base, [queued({ type: 'changeSchedule', id: 's1', beneficiaryId: 'b', every: 'week' })]);
    expect(weekly.schedules[0]).toMatchObject({ every: 'week', next_run_at: '2026-12-05T05:00:00.000Z' });
    expect(project(base, [queued({ type: 'deleteSchedule', id: 's1', beneficiaryId: 'b' })]).schedules).toEqual([]);
  });

  it('projects a resume before the first run as the server keeps it: the first run still due', () => {
    // Paused with its first run (25 Nov, 09:00Z) not made; resumed at T0, an hour later.
    const first = schedule('s1', 'b', { starts_at: '2026-11-25T09:00:00.000Z', next_run_at: '2026-11-25T09:00:00.000Z', status: 'paused' });
    const resumed = project({ ...snapshot(user('u'), [beneficiary('b', 'Mum')]), schedules: [first] }, [queued({ type: 'changeSchedule', id: 's1', beneficiaryId: 'b', status: 'active' })]);
    expect(resumed.schedules[0]).toMatchObject({ status: 'active', next_run_at: '2026-11-25T09:00:00.000Z' });
    // One that has run moves to the next period after now.
    const ran = { ...first, last_run: { at: '2026-11-25T09:01:00.000Z', result: 'completed' as const, code: null, topup_id: 't' } };
    const later = project({ ...snapshot(user('u'), [beneficiary('b', 'Mum')]), schedules: [ran] }, [queued({ type: 'changeSchedule', id: 's1', beneficiaryId: 'b', status: 'active' })]);
    expect(later.schedules[0]).toMatchObject({ next_run_at: '2026-12-25T09:00:00.000Z' });
  });

  it("hides a deleted beneficiary's schedule, as the server deletes it with them", () => {
    const base = { ...snapshot(user('u'), [beneficiary('b', 'Mum')]), schedules: [schedule('s1', 'b')] };
    expect(project(base, [queued({ type: 'deleteBeneficiary', id: 'b' })]).schedules).toEqual([]);
  });

  it("folds the server's schedule in, and nothing from an answer of the wrong shape", () => {
    const base = { ...snapshot(user('u'), [beneficiary('b', 'Mum')]), schedules: [schedule('s1', 'b')] };
    const server = schedule('s2', 'b', { next_run_at: '2026-11-25T10:00:05.000Z' });
    const folded = foldSuccess(base, { type: 'addSchedule', id: 's2', beneficiaryId: 'b', amount: 2000, every: 'month' }, { schedule: server });
    expect(folded.schedules?.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(foldSuccess(base, { type: 'changeSchedule', id: 's1', beneficiaryId: 'b' }, { schedule: { id: 's1' } })).toBe(base);
    expect(foldSuccess(base, { type: 'deleteSchedule', id: 's1', beneficiaryId: 'b' }, null).schedules).toEqual([]);
  });

  it('counts deleting a schedule that is already gone as done, and a duplicate as needing attention', () => {
    const err = (code: string) => ({ error: { code, message: code } });
    expect(classify({ type: 'deleteSchedule', id: 's', beneficiaryId: 'b' }, 404, err('NOT_FOUND'))).toBe('ok');
    expect(classify({ type: 'addSchedule', id: 's', beneficiaryId: 'b', amount: 500, every: 'week' }, 409, err('DUPLICATE_SCHEDULE'))).toBe('refused');
    expect(classify({ type: 'changeSchedule', id: 's', beneficiaryId: 'b' }, 404, err('NOT_FOUND'))).toBe('refused');
  });
});

describe('a contact picked from the address book', () => {
  it('gives its first UAE mobile in E.164, through the same normalisation as a typed number', () => {
    expect(uaeContact([{ name: [' Mum '], tel: ['+44 20 7946 0000', '050-123 4567'] }])).toEqual({ kind: 'picked', phone: '+971501234567', name: 'Mum' });
    expect(uaeContact([{ tel: ['00971 52 765 4321'] }])).toEqual({ kind: 'picked', phone: '+971527654321', name: null });
  });

  it('says so when the contact has no UAE mobile, and nothing when none was picked', () => {
    expect(uaeContact([{ name: ['Landline'], tel: ['04 123 4567'] }])).toEqual({ kind: 'notUae' });
    expect(uaeContact([])).toEqual({ kind: 'cancelled' });
  });
});
