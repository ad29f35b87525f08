/**
 * The workload's auto top-ups: schedules set up, changed, paused, resumed and
 * deleted through the API like any other write, and cron passes whose queue
 * messages reach the real consumer, several crons overlapping and messages
 * delivered more than once (at least once, as Cloudflare Queues does), all
 * concurrently with everything else. The runs' top-ups are checked by
 * invariants.ts (one per schedule and period, a refusal moves no money) and model.ts.
 */
import { env } from 'cloudflare:test';
import type { ApiSchedule } from '../../../worker/contract/types';
import { createDb } from '../../../worker/db/client';
import { enqueueDueSchedules } from '../../../worker/jobs/enqueue-due-schedules';
import { shardBinding, shardIds } from '../../../worker/db/shards';
import type { ScheduleRunMessage } from '../../../worker/domain/schedule';
import type { Harness } from '../harness';
import { makeRunner } from '../schedules-runner';
import type { Op } from './generate';
import type { TruthProvider } from './provider';
import type { Req, Sent } from './run';

export type ScheduleContext = {
  h: Harness;
  truth: TruthProvider;
  /** The beneficiary id a client would use for `slot` when topping up (an active one if it knows one). */
  target: (u: number, slot: number) => string;
  send: (op: number, u: number, req: Req) => Promise<Sent | undefined>;
  count: (label: string) => void;
};

export function scheduleWorkload(ctx: ScheduleContext) {
  // The runs' provider is the workload's own truth provider: model.ts knows what it delivered.
  const runner = makeRunner(ctx.h, ctx.truth.provider);
  /** Each user's schedules as the client last learnt them (created here, forgotten on 204/404). */
  const known = new Map<number, string[]>();

  function learn(u: number, sent: Sent | undefined, id: string) {
    if (!sent) return;
    const mine = known.get(u) ?? [];
    if (sent.kind === 'schedule' && sent.status === 201) known.set(u, [...mine, (sent.json as { schedule: ApiSchedule }).schedule.id]);
    if ((sent.kind === 'scheduleDelete' && sent.status === 204) || sent.status === 404) known.set(u, mine.filter((s) => s !== id));
  }

  /**
   * The cron's scheduling step (enqueueDueSchedules, as the scheduled handler runs it),
   * not the whole handler: its pruning of day-old idempotency keys would, on a clock
   * that spans months, let a late replay act again, which the model (keys kept for
   * the whole run) would rightly call a double effect. Reconciling is its own op.
   */
  async function cron(op: Extract<Op, { kind: 'cron' }>) {
    const from = runner.sent.length;
    // Every shard, as the scheduled handler visits them (worker/index.ts).
    await Promise.all(
      shardIds(env).flatMap((shard) =>
        Array.from({ length: op.crons }, () => enqueueDueSchedules(createDb(shardBinding(env, shard)!), runner.bindings.SCHEDULE_RUNS, new Date(ctx.h.clock.now), { shard })),
      ),
    );
    // Overlapping passes each send the runs they found due: the same period can be in here more than once.
    const messages: ScheduleRunMessage[] = runner.sent.slice(from);
    ctx.count('cron:pass');
    if (messages.length === 0) return;
    await Promise.all(Array.from({ length: op.deliveries }, () => runner.deliver(messages)));
    for (let n = 0; n < messages.length * op.deliveries; n++) ctx.count('cron:delivered');
  }

  async function execute(i: number, op: Extract<Op, { kind: 'schedule' | 'scheduleChange' | 'cron' }>): Promise<void> {
    if (op.kind === 'cron') return cron(op);
    if (op.kind === 'schedule') {
      const beneficiary = ctx.target(op.user, op.slot);
      const req: Req = { kind: 'schedule', method: 'POST', path: '/api/schedules', body: { beneficiary_id: beneficiary, amount: op.amount, every: op.every }, key: op.key };
      return learn(op.user, await ctx.send(i, op.user, req), '');
    }
    const mine = known.get(op.user) ?? [];
    const id = mine[op.pick % Math.max(1, mine.length)];
    if (!id) return;
    const path = `/api/schedules/${id}`;
    const body = { pause: { status: 'paused' }, resume: { status: 'active' }, amount: { amount: op.amount }, every: { every: op.amount % 2000 === 0 ? 'week' : 'month' }, delete: null }[op.change];
    const req: Req = body ? { kind: 'schedulePatch', method: 'PATCH', path, body, key: op.key } : { kind: 'scheduleDelete', method: 'DELETE', path, key: op.key };
    learn(op.user, await ctx.send(i, op.user, req), id);
  }

  return { execute, runner };
}
