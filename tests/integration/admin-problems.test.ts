/**
 * Problem reports, made by customers, answered by support (API.md "Operations API").
 */
import { describe, expect, it } from 'vitest';
import { freshPhone } from './harness';
import { makeOperatorHarness, operator } from './operators';

const h = makeOperatorHarness();
const now = () => new Date(h.clock.now);

describe('problem reports', () => {
  it('support lists open problems with their user and resolves one; the audit and the overview follow', async () => {
    const [viewer, support] = [await operator('viewer', now()), await operator('support', now())];
    const u = await h.signUp();
    await h.deposit(u.token, 5000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const topup = (await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 1000 } })).json.topup;
    // The customer reports it (API.md "A top-up's story, and reporting a problem").
    const reported = await h.call('POST', `/api/topups/${topup.id}/problems`, { token: u.token, body: { reason: 'not_received', message: 'Nothing arrived' } });
    expect(reported.status).toBe(201);
    const id: string = reported.json.problem.id;

    const open = await h.call('GET', '/api/admin/problems?status=open', { headers: viewer.headers });
    expect(open.json.items).toContainEqual(expect.objectContaining({ id, user_id: u.user.id, topup_id: topup.id, status: 'open' }));
    const overview = await h.call('GET', '/api/admin/overview', { headers: viewer.headers });
    expect(overview.json.shards.reduce((n: number, s: { open_problems: number }) => n + s.open_problems, 0)).toBeGreaterThanOrEqual(1);
    expect((await h.call('GET', `/api/admin/users/${u.user.id}`, { headers: viewer.headers })).json.problems).toMatchObject([{ id, status: 'open' }]);

    const resolved = await h.call('PATCH', `/api/admin/problems/${id}`, {
      headers: support.headers,
      body: { status: 'resolved', resolution: 'Delivered at 10:02, reference SIM-1', reason: 'Checked with the provider' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.json.problem).toMatchObject({ id, status: 'resolved', resolution: 'Delivered at 10:02, reference SIM-1' });
    const audit = await h.call('GET', `/api/admin/audit?target=${id}`, { headers: viewer.headers });
    expect(audit.json.items).toMatchObject([{ action: 'problem.resolve', actor: support.email, before: { status: 'open', resolution: null }, after: { status: 'resolved' } }]);
    expect((await h.call('GET', '/api/admin/problems?status=open', { headers: viewer.headers })).json.items.map((p) => p.id)).not.toContain(id);
    expect((await h.call('PATCH', `/api/admin/problems/${id}`, { headers: viewer.headers, body: { status: 'resolved', resolution: 'x', reason: 'x' } })).status).toBe(403);
    expect((await h.call('PATCH', '/api/admin/problems/nope', { headers: support.headers, body: { status: 'resolved', resolution: 'x', reason: 'x' } })).status).toBe(404);
    // The customer sees the answer, and is told (problem_update, written with the answer).
    const mine = await h.call('GET', '/api/problems', { token: u.token });
    expect(mine.json.items).toMatchObject([{ id, status: 'resolved', resolution: 'Delivered at 10:02, reference SIM-1' }]);
    const inbox = await h.call('GET', '/api/notifications', { token: u.token });
    expect(inbox.json.items.filter((n) => n.kind === 'problem_update')).toMatchObject([{ data: { problem_id: id, topup_id: topup.id, status: 'resolved' } }]);
  });

  it('freezing and unfreezing tell the customer (account_status), each once', async () => {
    const support = await operator('support', now());
    const u = await h.signUp();
    const act = (what: 'freeze' | 'unfreeze') => h.call('POST', `/api/admin/users/${u.user.id}/${what}`, { headers: support.headers, body: { reason: 'Checking a report' } });
    expect((await act('freeze')).status).toBe(200);
    expect((await act('unfreeze')).status).toBe(200);
    const inbox = await h.call('GET', '/api/notifications', { token: u.token });
    const told = inbox.json.items.filter((n) => n.kind === 'account_status').map((n) => n.data.frozen);
    expect(told).toEqual([false, true]);
  });
});
