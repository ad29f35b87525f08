/**
 * Problem reports answered by support (API.md "Operations API").
 * INTEGRATION(issue 24): the `problems` table arrives with shard migration 0005; until
 * it is merged this file creates it as that migration does (remove the DDL below and
 * the MERGED switch after merging, and keep the tests).
 */
import { env } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERGED } from '../../worker/admin/integration';
import { shardBinding, shardIds } from '../../worker/db/shards';
import { freshPhone } from './harness';
import { makeOperatorHarness, operator } from './operators';
import { userDb } from './shard-queries';

const PROBLEMS_DDL = `CREATE TABLE IF NOT EXISTS problems (
  id text PRIMARY KEY NOT NULL, user_id text NOT NULL, topup_id text NOT NULL, reason text NOT NULL, message text,
  status text DEFAULT 'open' NOT NULL, resolution text, created_at text NOT NULL, updated_at text NOT NULL,
  FOREIGN KEY (user_id) REFERENCES users(id), FOREIGN KEY (topup_id) REFERENCES topups(id),
  CONSTRAINT problems_reason CHECK(reason IN ('not_received', 'wrong_number', 'other')),
  CONSTRAINT problems_status CHECK(status IN ('open', 'resolved')))`;

const h = makeOperatorHarness();
const now = () => new Date(h.clock.now);

describe('before issue 24 is merged', () => {
  it('the problem routes answer 404 and a customer page lists no problems', async () => {
    const viewer = await operator('viewer', now());
    expect((await h.call('GET', '/api/admin/problems?status=open', { headers: viewer.headers })).status).toBe(404);
  });
});

describe('problem reports', () => {
  beforeAll(async () => {
    for (const id of shardIds(env)) await shardBinding(env, id)!.prepare(PROBLEMS_DDL).run();
    MERGED.problems = true;
  });
  afterAll(() => {
    MERGED.problems = false;
  });

  it('support lists open problems with their user and resolves one; the audit and the overview follow', async () => {
    const [viewer, support] = [await operator('viewer', now()), await operator('support', now())];
    const u = await h.signUp();
    await h.deposit(u.token, 5000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const topup = (await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 1000 } })).json.topup;
    const id = crypto.randomUUID();
    const at = now().toISOString();
    await (await userDb(u.user.id))
      .prepare(`INSERT INTO problems (id, user_id, topup_id, reason, message, status, created_at, updated_at) VALUES (?, ?, ?, 'not_received', 'Nothing arrived', 'open', ?, ?)`)
      .bind(id, u.user.id, topup.id, at, at)
      .run();

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
    expect((await h.call('GET', '/api/admin/problems?status=open', { headers: viewer.headers })).json.items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await h.call('PATCH', `/api/admin/problems/${id}`, { headers: viewer.headers, body: { status: 'resolved', resolution: 'x', reason: 'x' } })).status).toBe(403);
    expect((await h.call('PATCH', '/api/admin/problems/nope', { headers: support.headers, body: { status: 'resolved', resolution: 'x', reason: 'x' } })).status).toBe(404);
  });
});
