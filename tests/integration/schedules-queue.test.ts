/**
 * The real thing end to end: the Worker's own cron (default export, real clock,
 * built-in simulator) sends to the real queue binding from wrangler.toml, and the
 * queue delivers to the Worker's own `queue` handler.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { expect, it } from 'vitest';
import worker from '../../worker/index';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { shardRow, shardRows } from './shard-queries';

it('a due schedule is run through the real queue: one top-up, last_run completed', async () => {
  const h = makeHarness({ now: new Date() });
  const u = await h.signUp();
  await h.deposit(u.token, 10_000);
  const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
  const created = await h.call('POST', '/api/schedules', { token: u.token, body: { beneficiary_id: b.id, amount: 1000, every: 'month' } });
  expect(created.status).toBe(201);
  const id = created.json.schedule.id as string;

  // Two overlapping cron passes: two messages for the one period.
  for (let i = 0; i < 2; i++) {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
  }

  const completed = async () =>
    (await shardRow<{ result: string | null }>(`SELECT last_run_result AS result FROM schedules WHERE id = ?`, id))?.result;
  const deadline = Date.now() + 15_000;
  while ((await completed()) !== 'completed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(await completed()).toBe('completed');
  // Let the duplicate arrive too, then check it did nothing.
  await new Promise((r) => setTimeout(r, 1500));
  const topups = { results: await shardRows(`SELECT status, schedule_id FROM topups WHERE schedule_id = ?`, id) };
  expect(topups.results).toEqual([{ status: 'completed', schedule_id: id }]);
  expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(10_000 - 1100);
  await expectLedgerConsistent();
});
