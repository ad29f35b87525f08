/** The schedule routes (auto top-up): every route's happy path, bad input, other users, no session, client ids, sync. */
import { describe, expect, it } from 'vitest';
import { freshPhone, makeHarness } from './harness';
import { fieldsOf } from './answer';
import { shardRow } from './shard-queries';
import type { ApiSchedule } from '../../worker/contract/types';

const NOW = new Date('2026-11-15T10:00:00.000Z');
const h = makeHarness({ now: NOW });
type Res = Awaited<ReturnType<typeof h.call>>;

const create = (token: string, body: Record<string, unknown>, key?: string) => h.call('POST', '/api/schedules', { token, body, ...(key ? { key } : {}) });
const patch = (token: string, id: string, body: Record<string, unknown>) => h.call('PATCH', `/api/schedules/${id}`, { token, body });
const list = async (token: string): Promise<ApiSchedule[]> => {
  const res = await h.call('GET', '/api/schedules', { token });
  expect(res.status).toBe(200);
  return res.json.items as ApiSchedule[];
};

function expectRefused(res: Res, status: number, code: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(res.json.error.code).toBe(code);
}

async function userWithBeneficiary() {
  const u = await h.signUp();
  const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
  return { u, b };
}

describe('POST /api/schedules and GET /api/schedules', () => {
  it('creates a weekly schedule due at starts_at, lists it, and has the contract shape', async () => {
    const { u, b } = await userWithBeneficiary();
    const res = await create(u.token, { beneficiary_id: b.id, amount: 2000, every: 'week', starts_at: '2026-11-20T05:00:00Z' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const s = res.json.schedule as ApiSchedule;
    expect(Object.keys(s).sort()).toEqual(['amount', 'beneficiary_id', 'created_at', 'every', 'id', 'last_run', 'next_run_at', 'starts_at', 'status', 'updated_at']);
    expect(s).toMatchObject({ beneficiary_id: b.id, amount: 2000, every: 'week', starts_at: '2026-11-20T05:00:00.000Z', next_run_at: '2026-11-20T05:00:00.000Z', status: 'active', last_run: null });
    expect(await list(u.token)).toEqual([s]);
  });

  it('defaults starts_at to now, and accepts up to 5 minutes in the past and a year ahead', async () => {
    const { u, b } = await userWithBeneficiary();
    const res = await create(u.token, { beneficiary_id: b.id, amount: 500, every: 'month' });
    expect(res.status).toBe(201);
    expect(res.json.schedule.starts_at).toBe(NOW.toISOString());
    const b2 = await h.addBeneficiary(u.token, { phone: freshPhone() });
    expect((await create(u.token, { beneficiary_id: b2.id, amount: 500, every: 'month', starts_at: '2026-11-15T09:55:00.000Z' })).status).toBe(201);
    const b3 = await h.addBeneficiary(u.token, { phone: freshPhone() });
    expect((await create(u.token, { beneficiary_id: b3.id, amount: 500, every: 'week', starts_at: '2027-11-15T10:00:00.000Z' })).status).toBe(201);
  });

  it('refuses bad input with 422 and names each field', async () => {
    const { u, b } = await userWithBeneficiary();
    const cases: [Record<string, unknown>, string][] = [
      [{ beneficiary_id: b.id, amount: 123, every: 'week' }, 'amount'],
      [{ beneficiary_id: b.id, amount: '2000', every: 'week' }, 'amount'],
      [{ beneficiary_id: b.id, amount: 2000, every: 'day' }, 'every'],
      [{ beneficiary_id: b.id, amount: 2000 }, 'every'],
      [{ amount: 2000, every: 'week' }, 'beneficiary_id'],
      [{ beneficiary_id: b.id, amount: 2000, every: 'week', starts_at: '2026-11-15T09:54:59.000Z' }, 'starts_at'],
      [{ beneficiary_id: b.id, amount: 2000, every: 'week', starts_at: '2027-11-15T10:00:01.000Z' }, 'starts_at'],
      [{ beneficiary_id: b.id, amount: 2000, every: 'week', starts_at: 'tomorrow' }, 'starts_at'],
      [{ beneficiary_id: b.id, amount: 2000, every: 'week', starts_at: 1795000000000 }, 'starts_at'],
      [{ id: 'not-a-uuid', beneficiary_id: b.id, amount: 2000, every: 'week' }, 'id'],
    ];
    for (const [body, field] of cases) {
      const res = await create(u.token, body);
      expectRefused(res, 422, 'VALIDATION_FAILED');
      expect(Object.keys(fieldsOf(res.json)), JSON.stringify(body)).toContain(field);
    }
    const raw = await h.call('POST', '/api/schedules', { token: u.token, body: `{"beneficiary_id":"${b.id}","amount":2e3,"every":"week"}` });
    expectRefused(raw, 422, 'VALIDATION_FAILED');
    expectRefused(await h.call('POST', '/api/schedules', { token: u.token, body: '{nope' }), 400, 'BAD_REQUEST');
    expect(await list(u.token)).toEqual([]);
  });

  it('404 for an unknown, deleted or another user’s beneficiary; 409 for an inactive one and for a second schedule', async () => {
    const { u, b } = await userWithBeneficiary();
    const other = await userWithBeneficiary();
    expectRefused(await create(u.token, { beneficiary_id: 'nope', amount: 500, every: 'week' }), 404, 'NOT_FOUND');
    expectRefused(await create(u.token, { beneficiary_id: other.b.id, amount: 500, every: 'week' }), 404, 'NOT_FOUND');
    const gone = await h.addBeneficiary(u.token, { phone: freshPhone() });
    expect((await h.call('DELETE', `/api/beneficiaries/${gone.id}`, { token: u.token })).status).toBe(204);
    expectRefused(await create(u.token, { beneficiary_id: gone.id, amount: 500, every: 'week' }), 404, 'NOT_FOUND');
    const inactive = await h.addBeneficiary(u.token, { phone: freshPhone(), active: false });
    expectRefused(await create(u.token, { beneficiary_id: inactive.id, amount: 500, every: 'week' }), 409, 'BENEFICIARY_INACTIVE');
    const first = await create(u.token, { beneficiary_id: b.id, amount: 500, every: 'week' });
    expect(first.status).toBe(201);
    expectRefused(await create(u.token, { beneficiary_id: b.id, amount: 1000, every: 'month' }), 409, 'DUPLICATE_SCHEDULE');
    // Once deleted, the beneficiary may have a schedule again.
    expect((await h.call('DELETE', `/api/schedules/${first.json.schedule.id}`, { token: u.token })).status).toBe(204);
    expect((await create(u.token, { beneficiary_id: b.id, amount: 1000, every: 'month' })).status).toBe(201);
    expect((await list(other.u.token)).length).toBe(0);
  });

  it('a client id: the same body again is 200 with the same schedule; another body or another user’s id is 409 ID_CONFLICT', async () => {
    const { u, b } = await userWithBeneficiary();
    const id = crypto.randomUUID();
    const body = { id, beneficiary_id: b.id, amount: 1000, every: 'month', starts_at: '2026-11-16T06:00:00.000Z' };
    const first = await create(u.token, body);
    expect(first.status).toBe(201);
    const again = await create(u.token, { ...body, starts_at: '2026-11-16T10:00:00+04:00' });
    expect(again.status).toBe(200);
    expect(again.json.schedule).toEqual(first.json.schedule);
    expectRefused(await create(u.token, { ...body, amount: 2000 }), 409, 'ID_CONFLICT');
    const other = await userWithBeneficiary();
    expectRefused(await create(other.u.token, { ...body, beneficiary_id: other.b.id }), 409, 'ID_CONFLICT');
    expect((await list(other.u.token)).length).toBe(0);
    // A replayed key answers its first answer.
    const key = `k-${crypto.randomUUID()}`;
    const b2 = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const keyed = await create(u.token, { beneficiary_id: b2.id, amount: 500, every: 'week' }, key);
    const replay = await create(u.token, { beneficiary_id: b2.id, amount: 500, every: 'week' }, key);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(keyed.json);
  });

  it('a repeat that arrives after starts_at left its window still gets its first answer; a new late create is 422', async () => {
    const { u, b } = await userWithBeneficiary();
    const soon = new Date(NOW.getTime() + 60_000).toISOString();
    const key = `k-${crypto.randomUUID()}`;
    const keyed = await create(u.token, { beneficiary_id: b.id, amount: 500, every: 'week', starts_at: soon }, key);
    expect(keyed.status).toBe(201);
    const b2 = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const byId = { id: crypto.randomUUID(), beneficiary_id: b2.id, amount: 1000, every: 'month', starts_at: soon };
    const first = await create(u.token, byId);
    expect(first.status).toBe(201);
    try {
      // Ten minutes later `soon` is more than 5 minutes in the past.
      h.clock.now = new Date(NOW.getTime() + 10 * 60_000);
      const replay = await create(u.token, { beneficiary_id: b.id, amount: 500, every: 'week', starts_at: soon }, key);
      expect(replay.status).toBe(201);
      expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
      expect(replay.json).toEqual(keyed.json);
      const again = await create(u.token, byId);
      expect(again.status).toBe(200);
      expect(again.json.schedule).toEqual(first.json.schedule);
      const b3 = await h.addBeneficiary(u.token, { phone: freshPhone() });
      const lateKey = `k-${crypto.randomUUID()}`;
      const late = await create(u.token, { beneficiary_id: b3.id, amount: 500, every: 'week', starts_at: soon }, lateKey);
      expectRefused(late, 422, 'VALIDATION_FAILED');
      expect(late.json.error.details.fields).toHaveProperty('starts_at');
      // The refusal stored nothing: the corrected request may reuse the key.
      expect((await create(u.token, { beneficiary_id: b3.id, amount: 500, every: 'week' }, lateKey)).status).toBe(201);
      expect((await list(u.token)).length).toBe(3);
    } finally {
      h.clock.now = NOW;
    }
  });
});

describe('PATCH and DELETE /api/schedules/:id', () => {
  it('changes the amount, pauses and resumes (missed periods are not made up), changes the cadence', async () => {
    const { u, b } = await userWithBeneficiary();
    const s = (await create(u.token, { beneficiary_id: b.id, amount: 500, every: 'week', starts_at: '2026-11-16T06:00:00.000Z' })).json.schedule as ApiSchedule;
    let res = await patch(u.token, s.id, { amount: 5000 });
    expect(res.status).toBe(200);
    expect(res.json.schedule).toMatchObject({ amount: 5000, every: 'week', status: 'active', next_run_at: s.next_run_at });
    res = await patch(u.token, s.id, { status: 'paused' });
    expect(res.json.schedule.status).toBe('paused');
    // Paused across two runs: resuming moves to the next occurrence after now.
    h.clock.now = new Date('2026-11-25T00:00:00.000Z');
    res = await patch(u.token, s.id, { status: 'active' });
    expect(res.json.schedule).toMatchObject({ status: 'active', next_run_at: '2026-11-30T06:00:00.000Z' });
    // Monthly from the same anchor, not before the run already planned.
    res = await patch(u.token, s.id, { every: 'month' });
    expect(res.json.schedule).toMatchObject({ every: 'month', next_run_at: '2026-12-16T06:00:00.000Z', starts_at: '2026-11-16T06:00:00.000Z' });
    expect(await list(u.token)).toEqual([res.json.schedule]);
    h.clock.now = NOW;
  });

  it('refuses bad input with 422, another user’s or a deleted schedule with 404', async () => {
    const { u, b } = await userWithBeneficiary();
    const other = await userWithBeneficiary();
    const s = (await create(u.token, { beneficiary_id: b.id, amount: 500, every: 'week' })).json.schedule as ApiSchedule;
    for (const [body, field] of [[{ amount: 7 }, 'amount'], [{ every: 'year' }, 'every'], [{ status: 'stopped' }, 'status']] as const) {
      const res = await patch(u.token, s.id, body);
      expectRefused(res, 422, 'VALIDATION_FAILED');
      expect(res.json.error.details.fields).toHaveProperty(field);
    }
    expectRefused(await patch(other.u.token, s.id, { amount: 1000 }), 404, 'NOT_FOUND');
    expectRefused(await h.call('DELETE', `/api/schedules/${s.id}`, { token: other.u.token }), 404, 'NOT_FOUND');
    expectRefused(await patch(u.token, 'nope', { amount: 1000 }), 404, 'NOT_FOUND');
    expect((await h.call('DELETE', `/api/schedules/${s.id}`, { token: u.token })).status).toBe(204);
    expectRefused(await patch(u.token, s.id, { amount: 1000 }), 404, 'NOT_FOUND');
    expectRefused(await h.call('DELETE', `/api/schedules/${s.id}`, { token: u.token }), 404, 'NOT_FOUND');
    expect(await list(u.token)).toEqual([]);
  });

  it('deleting a beneficiary deletes its schedule in the same batch', async () => {
    const { u, b } = await userWithBeneficiary();
    const s = (await create(u.token, { beneficiary_id: b.id, amount: 500, every: 'week' })).json.schedule as ApiSchedule;
    expect((await h.call('DELETE', `/api/beneficiaries/${b.id}`, { token: u.token })).status).toBe(204);
    expect(await list(u.token)).toEqual([]);
    const row = await shardRow<{ deleted_at: string | null }>('SELECT deleted_at FROM schedules WHERE id = ?', s.id);
    expect(row?.deleted_at).toBe(NOW.toISOString());
    expectRefused(await patch(u.token, s.id, { amount: 1000 }), 404, 'NOT_FOUND');
  });
});

describe('schedules without a session, and through /api/sync', () => {
  it('answers 401 to every route without a session', async () => {
    for (const [method, path] of [['GET', '/api/schedules'], ['POST', '/api/schedules'], ['PATCH', '/api/schedules/x'], ['DELETE', '/api/schedules/x']] as const) {
      expectRefused(await h.call(method, path, { body: method === 'GET' ? undefined : {} }), 401, 'UNAUTHENTICATED');
    }
  });

  it('creates, changes and deletes schedules through /api/sync like any other write', async () => {
    const { u, b } = await userWithBeneficiary();
    const id = crypto.randomUUID();
    const actions = [
      { key: `a-${id}`, method: 'POST', path: '/api/schedules', body: { id, beneficiary_id: b.id, amount: 1000, every: 'month' } },
      { key: `b-${id}`, method: 'PATCH', path: `/api/schedules/${id}`, body: { status: 'paused' } },
      { key: `c-${id}`, method: 'POST', path: '/api/schedules', body: { beneficiary_id: b.id, amount: 500, every: 'week' } },
    ];
    const res = await h.call('POST', '/api/sync', { token: u.token, body: { actions }, key: false });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r) => r.status)).toEqual([201, 200, 409]);
    expect(res.json.results[1]!.body.schedule).toMatchObject({ id, status: 'paused' });
    expect(res.json.results[2]!.body.error.code).toBe('DUPLICATE_SCHEDULE');
    const again = await h.call('POST', '/api/sync', { token: u.token, body: { actions: [...actions.slice(0, 2), { key: `d-${id}`, method: 'DELETE', path: `/api/schedules/${id}` }] }, key: false });
    expect(again.json.results.map((r) => r.status)).toEqual([201, 200, 204]);
    expect(await list(u.token)).toEqual([]);
  });

  it('a manual top-up has schedule_id null', async () => {
    const { u, b } = await userWithBeneficiary();
    await h.deposit(u.token, 5000);
    const res = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 500 } });
    expect(res.json.topup.schedule_id).toBeNull();
    expect((await h.call('GET', '/api/topups', { token: u.token })).json.items[0]!.schedule_id).toBeNull();
  });
});
