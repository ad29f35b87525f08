/**
 * The real thing end to end: the Worker's own cron (default export, real clock,
 * built-in simulator) sends to the real queue binding from wrangler.toml, and the
 * queue delivers to the Worker's own `queue` handler.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { shardRow, shardRows } from './shard-queries';

/** Waits on a condition (the queue delivers on its own time), failing after a generous bound. */
async function until(condition: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await scheduler.wait(50);
  }
}

it('a due schedule is run through the real queue: one top-up, last_run completed', async () => {
  // The consumer's one log line per batch: {msg: 'consumed scheduled runs', ran, refused, skipped, …}.
  const logs = vi.spyOn(console, 'log');
  const consumed = () =>
    logs.mock.calls
      .map(([line]) => String(line))
      .filter((line) => line.includes('"consumed scheduled runs"'))
      .map((line) => JSON.parse(line) as { ran: number; refused: number; skipped: number })
      .reduce((n, r) => n + r.ran + r.refused + r.skipped, 0);
  const h = makeHarness({ now: new Date() });
  const u = await h.signUp();
  await h.deposit(u.token, 10_000);
  const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
  const created = await h.call('POST', '/api/schedules', { token: u.token, body: { beneficiary_id: b.id, amount: 1000, every: 'month' } });
  expect(created.status).toBe(201);
  const id = created.json.schedule.id;

  // Two overlapping cron passes: two messages for the one period.
  for (let i = 0; i < 2; i++) {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
  }

  const completed = async () =>
    (await shardRow<{ result: string | null }>(`SELECT last_run_result AS result FROM schedules WHERE id = ?`, id))?.result;
  await until(async () => (await completed()) === 'completed');
  // Both messages were handled (the consumer reports each batch): the duplicate arrived, and did nothing.
  await until(async () => consumed() >= 2);
  expect(consumed()).toBe(2);
  const topups = { results: await shardRows(`SELECT status, schedule_id FROM topups WHERE schedule_id = ?`, id) };
  expect(topups.results).toEqual([{ status: 'completed', schedule_id: id }]);
  expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(10_000 - 1100);
  await expectLedgerConsistent();
});
