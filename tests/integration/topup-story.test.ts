import { describe, expect, it } from 'vitest';
import { freshPhone, makeHarness } from './harness';
import { expectConsole } from '../shared/console-guard';

const h = makeHarness();

async function toppedUp(phone = freshPhone()) {
  const u = await h.signUp();
  await h.deposit(u.token, 20_000);
  const b = await h.addBeneficiary(u.token, { phone });
  const res = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 } });
  expect(res.status).toBe(201);
  return { u, b, topup: res.json.topup };
}

describe('GET /api/topups/:id', () => {
  it('tells a completed top-up: debited, sent, completed with the provider reference', async () => {
    const { u, topup } = await toppedUp();
    const res = await h.call('GET', `/api/topups/${topup.id}`, { token: u.token });
    expect(res.status).toBe(200);
    expect(res.json.topup).toEqual(topup);
    const at = h.clock.now.toISOString();
    expect(res.json.timeline).toEqual([
      { at, event: 'debited', detail: 2100 },
      { at, event: 'sent', detail: null },
      { at, event: 'completed', detail: topup.provider_ref },
    ]);
  });

  it('tells a declined top-up: debited, sent, failed with the code, refunded amount + fee', async () => {
    const { u, topup } = await toppedUp('+971501230000');
    expect(topup.status).toBe('failed');
    const res = await h.call('GET', `/api/topups/${topup.id}`, { token: u.token });
    expect(res.json.timeline.map((e) => e.event)).toEqual(['debited', 'sent', 'failed', 'refunded']);
    expect(res.json.timeline[2]!.detail).toBe('PROVIDER_DECLINED');
    expect(res.json.timeline[3]!.detail).toBe(2100);
  });

  it('ends a pending top-up at sent', async () => {
    expectConsole(/provider gave no answer/);
    const { u, topup } = await toppedUp('+971559999999');
    expect(topup.status).toBe('pending');
    const res = await h.call('GET', `/api/topups/${topup.id}`, { token: u.token });
    expect(res.json.timeline.map((e) => e.event)).toEqual(['debited', 'sent']);
  });

  it('answers 404 for another user’s top-up or an unknown id, 401 without a session', async () => {
    const { topup } = await toppedUp();
    const other = await h.signUp();
    expect((await h.call('GET', `/api/topups/${topup.id}`, { token: other.token })).status).toBe(404);
    expect((await h.call('GET', `/api/topups/${crypto.randomUUID()}`, { token: other.token })).json.error.code).toBe('NOT_FOUND');
    expect((await h.call('GET', `/api/topups/${topup.id}`)).status).toBe(401);
  });
});

describe('problems', () => {
  it('reports a problem, lists it newest first, and refuses a second open one with 409 DUPLICATE_PROBLEM', async () => {
    const { u, topup } = await toppedUp();
    const res = await h.call('POST', `/api/topups/${topup.id}/problems`, { token: u.token, body: { reason: 'not_received', message: 'Mum says nothing arrived' } });
    expect(res.status).toBe(201);
    const at = h.clock.now.toISOString();
    expect(res.json.problem).toEqual({
      id: expect.any(String),
      topup_id: topup.id,
      reason: 'not_received',
      message: 'Mum says nothing arrived',
      status: 'open',
      resolution: null,
      created_at: at,
      updated_at: at,
    });
    const again = await h.call('POST', `/api/topups/${topup.id}/problems`, { token: u.token, body: { reason: 'other' } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('DUPLICATE_PROBLEM');
    const list = await h.call('GET', '/api/problems', { token: u.token });
    expect(list.json.items).toEqual([res.json.problem]);
  });

  it('holds one open problem per top-up under concurrency', async () => {
    const { u, topup } = await toppedUp();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => h.call('POST', `/api/topups/${topup.id}/problems`, { token: u.token, body: { reason: 'wrong_number' } })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.json.error.code === 'DUPLICATE_PROBLEM')).toHaveLength(9);
    expect((await h.call('GET', '/api/problems', { token: u.token })).json.items).toHaveLength(1);
  });

  it('lists newest first across top-ups, only the user’s own', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 20_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const t = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 500 } });
      h.clock.now = new Date(h.clock.now.getTime() + 60_000);
      ids.push((await h.call('POST', `/api/topups/${t.json.topup.id}/problems`, { token: u.token, body: { reason: 'other', message: '' } })).json.problem.id);
    }
    const list = await h.call('GET', '/api/problems', { token: u.token });
    expect(list.json.items.map((p) => p.id)).toEqual(ids.reverse());
    expect(list.json.items[0]!.message).toBe('');
    expect((await h.call('GET', '/api/problems', { token: (await h.signUp()).token })).json.items).toEqual([]);
  });

  it('validates the reason and message; another user’s top-up is 404; a key replays', async () => {
    const { u, topup } = await toppedUp();
    for (const body of [{}, { reason: 'angry' }, { reason: 'other', message: 'x'.repeat(501) }, { reason: 'other', message: 5 }]) {
      const res = await h.call('POST', `/api/topups/${topup.id}/problems`, { token: u.token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    const other = await h.signUp();
    const foreign = await h.call('POST', `/api/topups/${topup.id}/problems`, { token: other.token, body: { reason: 'other' } });
    expect(foreign.status).toBe(404);
    expect((await h.call('POST', `/api/topups/${topup.id}/problems`, { body: { reason: 'other' } })).status).toBe(401);
    const first = await h.call('POST', `/api/topups/${topup.id}/problems`, { token: u.token, body: { reason: 'other', message: 'x'.repeat(500) }, key: 'p-1' });
    expect(first.status).toBe(201);
    const replay = await h.call('POST', `/api/topups/${topup.id}/problems`, { token: u.token, body: { reason: 'other', message: 'x'.repeat(500) }, key: 'p-1' });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
  });
});
