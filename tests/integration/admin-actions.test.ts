/**
 * What operators do (API.md "Operations API"): find a customer on any shard, read
 * their page, freeze and unfreeze, end their sessions, settle a pending top-up, and
 * move money with two people — each write with exactly one audit record in the same
 * batch, none for a refused one; audit records cannot be edited or deleted.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { expectConsole } from '../shared/console-guard';
import { shardBinding, shardIds } from '../../worker/db/shards';
import { expectLedgerConsistent, freshPhone } from './harness';
import { makeOperatorHarness, operator } from './operators';
import { shardIdOf, shardRows, userDb } from './shard-queries';

const h = makeOperatorHarness();
const now = () => new Date(h.clock.now);
const ops = {
  viewer: await operator('viewer', now()),
  support: await operator('support', now()),
  finance: await operator('finance', now()),
  finance2: await operator('finance', now()),
  finance3: await operator('finance', now()),
  admin: await operator('admin', now()),
};
type Op = (typeof ops)[keyof typeof ops];
const admin = (op: Op, method: string, path: string, body?: unknown, key?: string) =>
  h.call(method, `/api/admin${path}`, { headers: op.headers, ...(body === undefined ? {} : { body }), ...(key ? { key } : {}) });
const auditOf = async (target: string) => (await admin(ops.viewer, 'GET', `/api/admin/audit?target=${encodeURIComponent(target)}`.replace('/api/admin', ''))).json.items;
/** Records of one request share its clock reading: a second apart, their order is certain. */
const tick = () => {
  h.clock.now = new Date(h.clock.now.getTime() + 1000);
};
const balanceOf = async (token: string) => (await h.call('GET', '/api/me', { token })).json.user.balance;

async function pendingTopup() {
  expectConsole(/provider gave no answer/);
  const u = await h.signUp();
  await h.deposit(u.token, 10_000);
  const b = await h.addBeneficiary(u.token, { phone: `+97155${String(Math.floor(Math.random() * 900) + 100)}9999` });
  const res = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 } });
  expect(res.json.topup.status).toBe('pending');
  return { u, b, topup: res.json.topup };
}

describe('search and a customer’s page', () => {
  it('finds customers by email, id, phone in any form (every shard), top-up id and provider_ref', async () => {
    const phone = freshPhone('52');
    const people = [await h.signUp('Amira'), await h.signUp('Bilal'), await h.signUp('Chen')];
    for (const p of people.slice(0, 2)) await h.addBeneficiary(p.token, { phone });
    await h.deposit(people[2]!.token, 5000);
    const b = await h.addBeneficiary(people[2]!.token, { phone: freshPhone() });
    const done = (await h.call('POST', '/api/topups', { token: people[2]!.token, body: { beneficiary_id: b.id, amount: 1000 } })).json.topup;
    const ids = (q: string) => admin(ops.viewer, 'GET', `/users?q=${encodeURIComponent(q)}`).then((r) => r.json.items.map((i) => i.id).sort());

    expect(await ids(people[0]!.email.toUpperCase())).toEqual([people[0]!.user.id]);
    expect(await ids(people[1]!.user.id)).toEqual([people[1]!.user.id]);
    const both = [people[0]!.user.id, people[1]!.user.id].sort();
    const local = `0${phone.slice(4)}`;
    for (const form of [phone, phone.slice(1), `00${phone.slice(1)}`, local, local.slice(1), `${local.slice(0, 3)}-${local.slice(3, 6)} ${local.slice(6)}`]) expect(await ids(form), form).toEqual(both);
    expect(await ids(done.id)).toEqual([people[2]!.user.id]);
    expect(await ids(done.provider_ref!)).toEqual([people[2]!.user.id]);
    expect(await ids('nobody-at-all')).toEqual([]);
    const found = (await admin(ops.viewer, 'GET', `/users?q=${people[2]!.user.id}`)).json.items[0];
    expect(found).toEqual({ id: people[2]!.user.id, email: people[2]!.email, name: 'Chen', shard: await shardIdOf(people[2]!.user.id), balance: 5000 - 1100, frozen: false, closed: false, created_at: people[2]!.user.created_at });
    // The people searched for do live on more than one shard.
    expect(new Set(await Promise.all(people.map((p) => shardIdOf(p.user.id)))).size).toBeGreaterThan(1);
    expect((await admin(ops.viewer, 'GET', '/users?q=')).status).toBe(422);
  });

  it('shows balance, top-ups with their timelines, transactions, sessions and limits', async () => {
    const { u, topup } = await pendingTopup();
    const page = await admin(ops.viewer, 'GET', `/users/${u.user.id}`);
    expect(page.status).toBe(200);
    expect(page.json.user).toMatchObject({ id: u.user.id, balance: 7900 });
    expect(page.json.frozen).toBe(false);
    expect(page.json.topups[0]).toMatchObject({ id: topup.id, status: 'pending', timeline: [{ event: 'debited', detail: 2100 }, { event: 'sent', detail: null }] });
    expect(page.json.transactions.map((t) => t.kind)).toEqual(['topup', 'deposit']);
    expect(page.json.sessions).toHaveLength(1);
    expect(page.json.limits.total.used).toBe(2000);
    expect((await admin(ops.viewer, 'GET', '/users/no-such-user')).status).toBe(404);
  });
});

describe('freeze, unfreeze, end sessions', () => {
  it('a frozen customer reads and signs in, but every write is refused 403 ACCOUNT_FROZEN and changes nothing', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 5000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const frozen = await admin(ops.support, 'POST', `/users/${u.user.id}/freeze`, { reason: 'Card reported stolen' });
    expect(frozen.status).toBe(200);
    expect(frozen.json).toEqual({ frozen: true });

    for (const [method, path, body] of [
      ['POST', '/api/wallet/deposits', { amount: 1000 }],
      ['POST', '/api/topups', { beneficiary_id: b.id, amount: 1000 }],
      ['POST', '/api/beneficiaries', { nickname: 'New', phone: freshPhone() }],
      ['PATCH', `/api/beneficiaries/${b.id}`, { nickname: 'Renamed' }],
      ['POST', '/api/schedules', { beneficiary_id: b.id, amount: 1000, every: 'week' }],
      ['POST', '/api/me/verification', undefined],
    ] as const) {
      const res = await h.call(method, path, { token: u.token, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.code).toBe('ACCOUNT_FROZEN');
    }
    const sync = await h.call('POST', '/api/sync', { token: u.token, body: { actions: [{ key: 'f1', method: 'POST', path: '/api/wallet/deposits', body: { amount: 700 } }] } });
    expect(sync.json.results[0]).toMatchObject({ status: 403, body: { error: { code: 'ACCOUNT_FROZEN' } } });
    // Reads work, and nothing changed.
    expect(await balanceOf(u.token)).toBe(5000);
    expect((await h.call('GET', '/api/beneficiaries', { token: u.token })).json.items).toMatchObject([{ id: b.id, nickname: 'Someone' }]);
    expect((await shardRows('SELECT 1 FROM topups WHERE user_id = ?', u.user.id)).length).toBe(0);
    // Signing in works; so does signing out.
    const again = await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false });
    expect(again.status).toBe(200);
    expect((await h.call('POST', '/api/auth/logout', { token: again.json.token })).status).toBe(204);

    tick();
    const thawed = await admin(ops.support, 'POST', `/users/${u.user.id}/unfreeze`, { reason: 'Customer verified by phone' });
    expect(thawed.json).toEqual({ frozen: false });
    expect((await h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1000 } })).status).toBe(201);
    const audit = await auditOf(u.user.id);
    expect(audit.map((a) => a.action)).toEqual(['user.unfreeze', 'user.freeze']);
    expect(audit[1]).toMatchObject({ actor: ops.support.email, role: 'support', reason: 'Card reported stolen', before: { frozen: false }, after: { frozen: true } });
    expect(audit[1]!.request_id).toMatch(/^[A-Za-z0-9-]{8,}$/);
  });

  it('a replay of the same key answers the first time again and writes no second record', async () => {
    const u = await h.signUp();
    const key = `freeze-${crypto.randomUUID()}`;
    const first = await admin(ops.support, 'POST', `/users/${u.user.id}/freeze`, { reason: 'Suspicious' }, key);
    const replay = await admin(ops.support, 'POST', `/users/${u.user.id}/freeze`, { reason: 'Suspicious' }, key);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    expect((await admin(ops.support, 'POST', `/users/${u.user.id}/freeze`, { reason: 'Other' }, key)).status).toBe(422);
    expect(await auditOf(u.user.id)).toHaveLength(1);
    // A refusal before any change (no reason) writes nothing.
    expect((await admin(ops.support, 'POST', `/users/${u.user.id}/unfreeze`, { reason: '   ' })).status).toBe(422);
    expect((await admin(ops.support, 'POST', `/users/${u.user.id}/unfreeze`, { reason: 'x'.repeat(501) })).status).toBe(422);
    expect((await admin(ops.support, 'POST', '/users/no-such-user/freeze', { reason: 'x' })).status).toBe(404);
    expect(await auditOf(u.user.id)).toHaveLength(1);
  });

  it('keys belong to the operator: the same key from another operator is another request', async () => {
    const [a, b] = [await h.signUp(), await h.signUp()];
    const other = await operator('support', now());
    const key = `shared-${crypto.randomUUID()}`;
    expect((await admin(ops.support, 'POST', `/users/${a.user.id}/freeze`, { reason: 'one' }, key)).status).toBe(200);
    const second = await admin(other, 'POST', `/users/${b.user.id}/freeze`, { reason: 'two' }, key);
    expect(second.status).toBe(200);
    expect(second.headers.get('Idempotent-Replayed')).toBeNull();
    expect((await admin(ops.viewer, 'GET', `/users/${b.user.id}`)).json.frozen).toBe(true);
  });

  it('ends every session of a customer', async () => {
    const u = await h.signUp();
    const second = (await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false })).json.token;
    const res = await admin(ops.support, 'POST', `/users/${u.user.id}/sessions/end`, { reason: 'Account takeover suspected' });
    expect(res.json).toEqual({ ended: 2 });
    expect((await h.call('GET', '/api/me', { token: u.token })).status).toBe(401);
    expect((await h.call('GET', '/api/me', { token: second })).status).toBe(401);
    expect((await auditOf(u.user.id))[0]).toMatchObject({ action: 'user.sessions.end', before: { live_sessions: 2 }, after: { live_sessions: 0 } });
  });
});

describe('settling a pending top-up', () => {
  it('completes it as the provider would have; the customer sees it, its key answers it, the audit says who', async () => {
    const { u, topup } = await pendingTopup();
    const res = await admin(ops.finance, 'POST', `/topups/${topup.id}/settle`, { outcome: 'completed', provider_ref: 'ETI-778812', reason: 'Provider confirmed delivery by phone' });
    expect(res.status).toBe(200);
    expect(res.json.topup).toMatchObject({ id: topup.id, status: 'completed', provider_ref: 'ETI-778812' });
    expect((await h.call('GET', '/api/topups', { token: u.token })).json.items[0]).toMatchObject({ id: topup.id, status: 'completed' });
    expect(await balanceOf(u.token)).toBe(7900);
    const again = await admin(ops.finance, 'POST', `/topups/${topup.id}/settle`, { outcome: 'failed', reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('TOPUP_NOT_PENDING');
    const audit = await auditOf(topup.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'topup.settle', actor: ops.finance.email, before: { status: 'pending' }, after: { status: 'completed' } });
    await expectLedgerConsistent();
  });

  it('fails it and refunds amount and fee', async () => {
    const { u, topup } = await pendingTopup();
    const res = await admin(ops.finance, 'POST', `/topups/${topup.id}/settle`, { outcome: 'failed', reason: 'Provider has no record' });
    expect(res.json.topup).toMatchObject({ status: 'failed', failure_code: 'OPERATOR_SETTLED' });
    expect(await balanceOf(u.token)).toBe(10_000);
    const page = await admin(ops.viewer, 'GET', `/users/${u.user.id}`);
    expect(page.json.topups[0]!.timeline.map((e) => e.event)).toEqual(['debited', 'sent', 'failed', 'refunded']);
    expect((await admin(ops.finance, 'POST', '/topups/nope/settle', { outcome: 'failed', reason: 'x' })).status).toBe(404);
    await expectLedgerConsistent();
  });
});

describe('adjustments: two people, applied once, never an overdraft', () => {
  it('nothing moves until another operator approves; the requester cannot; deciding twice → 409', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 1000);
    const req = await admin(ops.finance, 'POST', '/adjustments', { user_id: u.user.id, amount: 2500, reason: 'Goodwill: top-up delayed 3 days' });
    expect(req.status).toBe(201);
    const adj = req.json.adjustment;
    expect(adj).toMatchObject({ user_id: u.user.id, amount: 2500, status: 'pending', requested_by: ops.finance.email, decided_by: null, decided_at: null });
    expect(await balanceOf(u.token)).toBe(1000);
    expect((await admin(ops.viewer, 'GET', '/adjustments?status=pending')).json.items.map((a) => a.id)).toContain(adj.id);

    tick();
    const self = await admin(ops.finance, 'POST', `/adjustments/${adj.id}/approve`, { reason: 'ok' });
    expect(self.status).toBe(403);
    expect(self.json.error.code).toBe('SAME_APPROVER');
    const ok = await admin(ops.finance2, 'POST', `/adjustments/${adj.id}/approve`, { reason: 'Checked the ticket' });
    expect(ok.status).toBe(200);
    expect(ok.json.adjustment).toMatchObject({ status: 'applied', decided_by: ops.finance2.email });
    expect(await balanceOf(u.token)).toBe(3500);
    const tx = (await h.call('GET', '/api/transactions', { token: u.token })).json.items[0];
    expect(tx).toMatchObject({ kind: 'adjustment', amount: 2500, fee: 0, balance_after: 3500, status: 'completed' });
    for (const decision of ['approve', 'reject']) {
      const twice = await admin(ops.finance3, 'POST', `/adjustments/${adj.id}/${decision}`, { reason: 'again' });
      expect(twice.status).toBe(409);
      expect(twice.json.error.code).toBe('ALREADY_DECIDED');
    }
    expect((await auditOf(adj.id)).map((a) => a.action)).toEqual(['adjustment.approve', 'adjustment.request']);
    await expectLedgerConsistent();
  });

  it('a debit larger than the balance → 409 INSUFFICIENT_BALANCE, and leaves neither change nor record', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 1000);
    const adj = (await admin(ops.finance, 'POST', '/adjustments', { user_id: u.user.id, amount: -1001, reason: 'Reverse a duplicate deposit' })).json.adjustment;
    const res = await admin(ops.finance2, 'POST', `/adjustments/${adj.id}/approve`, { reason: 'ok' });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(await balanceOf(u.token)).toBe(1000);
    expect((await auditOf(adj.id)).map((a) => a.action)).toEqual(['adjustment.request']);
    expect((await admin(ops.viewer, 'GET', '/adjustments?status=pending')).json.items.find((a) => a.id === adj.id)).toMatchObject({ status: 'pending' });
    // Rejecting it moves nothing.
    const rejected = await admin(ops.finance, 'POST', `/adjustments/${adj.id}/reject`, { reason: 'Not a duplicate after all' });
    expect(rejected.json.adjustment).toMatchObject({ status: 'rejected', decided_by: ops.finance.email });
    expect(await balanceOf(u.token)).toBe(1000);
    await expectLedgerConsistent();
  });

  it('racing approvals apply it exactly once', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 500);
    const adj = (await admin(ops.finance, 'POST', '/adjustments', { user_id: u.user.id, amount: 700, reason: 'Refund of a fee charged twice' })).json.adjustment;
    const racers = [ops.finance2, ops.finance3, ops.admin, ops.finance2, ops.finance3, ops.admin];
    const results = await Promise.all(racers.map((op) => admin(op, 'POST', `/adjustments/${adj.id}/approve`, { reason: 'race' })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200)) expect(r.json.error.code).toBe('ALREADY_DECIDED');
    expect(await balanceOf(u.token)).toBe(1200);
    expect((await shardRows(`SELECT 1 FROM ledger_transactions WHERE user_id = ? AND kind = 'adjustment'`, u.user.id)).length).toBe(1);
    expect((await auditOf(adj.id)).filter((a) => a.action === 'adjustment.approve')).toHaveLength(1);
    await expectLedgerConsistent();
  });

  it('validates amount (non-zero, |amount| ≤ 100,000 fils, integer) and the customer', async () => {
    const u = await h.signUp();
    for (const amount of [0, 100_001, -100_001, 10.5, '100']) {
      expect((await admin(ops.finance, 'POST', '/adjustments', { user_id: u.user.id, amount, reason: 'x' })).status, String(amount)).toBe(422);
    }
    expect((await admin(ops.finance, 'POST', '/adjustments', { user_id: 'nobody', amount: 100, reason: 'x' })).status).toBe(404);
    expect((await h.call('POST', '/api/admin/adjustments', { headers: ops.finance.headers, body: { user_id: u.user.id, amount: 100, reason: 'x' }, key: false })).status).toBe(400);
  });
});

describe('the audit log', () => {
  it('cannot be edited or deleted, on any shard or in the directory (a planted UPDATE fails)', async () => {
    const u = await h.signUp();
    await admin(ops.support, 'POST', `/users/${u.user.id}/freeze`, { reason: 'x' });
    for (const d1 of [env.DIRECTORY, ...shardIds(env).map((s) => shardBinding(env, s)!)]) {
      await d1.prepare(`INSERT INTO audit_log (id, at, actor, role, action, target, reason, request_id) VALUES (?, '2026-01-01T00:00:00.000Z', 'a', 'admin', 'x', 't', 'r', 'q')`).bind(crypto.randomUUID()).run();
      await expect(d1.prepare(`UPDATE audit_log SET reason = 'rewritten'`).run()).rejects.toThrow(/AUDIT_APPEND_ONLY/);
      await expect(d1.prepare(`DELETE FROM audit_log`).run()).rejects.toThrow(/AUDIT_APPEND_ONLY/);
    }
    const db = await userDb(u.user.id);
    expect((await db.prepare(`SELECT reason FROM audit_log WHERE target = ?`).bind(u.user.id).first<{ reason: string }>())?.reason).toBe('x');
  });

  it('pages newest first with a cursor, over the directory and every shard', async () => {
    const people = [await h.signUp(), await h.signUp(), await h.signUp()];
    const at = new Date(h.clock.now);
    for (const [i, p] of people.entries()) {
      h.clock.now = new Date(at.getTime() + (i + 1) * 1000);
      await admin(ops.support, 'POST', `/users/${p.user.id}/freeze`, { reason: `step ${i}` });
    }
    h.clock.now = new Date(at.getTime() + 4000);
    await admin(ops.admin, 'PUT', `/roles/${encodeURIComponent('new-op@ops.example')}`, { role: 'viewer', reason: 'step 3' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { items: { reason: string }[]; next_cursor: string | null } } = await admin(ops.viewer, 'GET', `/audit?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.json.items.map((i) => i.reason));
      cursor = page.json.next_cursor;
    } while (cursor && seen.length < 200);
    const ours = seen.filter((r) => /^step \d$/.test(r));
    expect(ours).toEqual(['step 3', 'step 2', 'step 1', 'step 0']);
    expect((await admin(ops.viewer, 'GET', '/audit?cursor=garbage')).status).toBe(422);
    h.clock.now = at;
  });
});

describe('roles', () => {
  it('admins list, give and take roles; the last admin cannot be removed or demoted', async () => {
    const put = await admin(ops.admin, 'PUT', `/roles/${encodeURIComponent('Someone@Ops.Example')}`, { role: 'finance', reason: 'Joined finance' });
    expect(put.json.role).toMatchObject({ email: 'someone@ops.example', role: 'finance', granted_by: ops.admin.email });
    expect((await admin(ops.admin, 'GET', '/roles')).json.items).toContainEqual(expect.objectContaining({ email: 'someone@ops.example', role: 'finance' }));
    tick();
    expect((await admin(ops.admin, 'DELETE', '/roles/someone@ops.example', { reason: 'Left' })).status).toBe(204);
    expect((await admin(ops.admin, 'DELETE', '/roles/someone@ops.example', { reason: 'Left' })).status).toBe(404);
    expect((await auditOf('someone@ops.example')).map((a) => a.action)).toEqual(['role.delete', 'role.put']);

    // Leave exactly one admin, then try to remove or demote them.
    const admins = (await admin(ops.admin, 'GET', '/roles')).json.items.filter((r) => r.role === 'admin');
    for (const a of admins) if (a.email !== ops.admin.email) await env.DIRECTORY.prepare(`UPDATE operator_roles SET role = 'viewer' WHERE email = ?`).bind(a.email).run();
    const before = (await auditOf(ops.admin.email)).length;
    const removed = await admin(ops.admin, 'DELETE', `/roles/${ops.admin.email}`, { reason: 'Leaving' });
    expect(removed.status).toBe(403);
    expect(removed.json.error.code).toBe('FORBIDDEN');
    expect((await admin(ops.admin, 'PUT', `/roles/${ops.admin.email}`, { role: 'viewer', reason: 'Demote' })).status).toBe(403);
    // A refused change leaves no record, and the admin is still one.
    expect(await auditOf(ops.admin.email)).toHaveLength(before);
    expect((await admin(ops.admin, 'GET', '/roles')).status).toBe(200);
  });
});

describe('overview', () => {
  it('per shard: users, pending and stuck top-ups, failures today, pending adjustments, ledger ok', async () => {
    const before = (await admin(ops.viewer, 'GET', '/overview')).json.shards;
    const { u } = await pendingTopup();
    const shard = await shardIdOf(u.user.id);
    await admin(ops.finance, 'POST', '/adjustments', { user_id: u.user.id, amount: 100, reason: 'x' });
    const at = h.clock.now;
    h.clock.now = new Date(at.getTime() + 6 * 60_000);
    const after = (await admin(ops.viewer, 'GET', '/overview')).json.shards;
    h.clock.now = at;
    expect(after.map((s) => s.shard)).toEqual(shardIds(env));
    const mine = after.find((s) => s.shard === shard)!;
    const was = before.find((s) => s.shard === shard)!;
    expect(mine.users).toBe(was.users + 1);
    expect(mine.pending_topups).toBe(was.pending_topups + 1);
    expect(mine.stuck_topups).toBeGreaterThanOrEqual(1);
    expect(mine.pending_adjustments).toBe(was.pending_adjustments + 1);
    for (const s of after) expect(s.ledger_ok).toBe(true);
  });
});
