/**
 * Drives the Worker's cron and queue consumer (createJobs in worker/jobs/index.ts) with
 * the harness's clock and provider: the cron sends to a recording producer, and the
 * recorded messages are delivered to the real `queue` handler as real MessageBatches
 * (cloudflare:test), so a test decides when and how often each message arrives.
 */
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { expect } from 'vitest';
import { createJobs } from '../../worker/jobs/index';
import { createSimulator, type TelecomProvider } from '../../worker/provider/provider';
import type { ScheduleRunMessage } from '../../worker/domain/schedule';
import { freshPhone, makeHarness, type Harness } from './harness';
import { shardRows } from './shard-queries';
import type { ApiSchedule } from '../../worker/contract/types';

export function makeRunner(h: Harness, provider: TelecomProvider = createSimulator(), jobs = createJobs({ now: () => new Date(h.clock.now), provider: () => provider })) {
  const sent: ScheduleRunMessage[] = [];
  const recorder = {
    send(body: ScheduleRunMessage) {
      sent.push(body);
      return Promise.resolve();
    },
    sendBatch(messages: Iterable<MessageSendRequest<ScheduleRunMessage>>) {
      for (const m of messages) sent.push(m.body);
      return Promise.resolve();
    },
  };
  const bindings = { ...h.bindings, SCHEDULE_RUNS: recorder as unknown as Queue<ScheduleRunMessage> };
  let ids = 0;

  /** One cron invocation; returns what was sent meanwhile (by it, when it runs alone). */
  async function cron(): Promise<ScheduleRunMessage[]> {
    const from = sent.length;
    const ctx = createExecutionContext();
    await jobs.scheduled!(createScheduledController({ scheduledTime: h.clock.now, cron: '*/5 * * * *' }), bindings, ctx);
    await waitOnExecutionContext(ctx);
    return sent.slice(from);
  }

  /** Delivers messages as one batch to the consumer; every message must be acknowledged. */
  async function deliver(messages: ScheduleRunMessage[]) {
    const batch = createMessageBatch<ScheduleRunMessage>(
      'topup-schedule-runs',
      messages.map((body) => ({ id: `msg-${++ids}`, timestamp: new Date(h.clock.now), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await jobs.queue!(batch, bindings, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.length).toBe(messages.length);
    return result;
  }

  return { cron, deliver, sent, bindings };
}

/** A harness at `start`, its runner, and the helpers the run tests share. */
export function makeScheduleKit(start: Date) {
  const h = makeHarness({ now: start });
  const runner = makeRunner(h);

  /** A user (with a deposit) whose beneficiary has a schedule due at `start`. */
  async function scheduled(opts: { deposit?: number; amount?: number; every?: 'week' | 'month'; phone?: string } = {}) {
    h.clock.now = start;
    const u = await h.signUp();
    if (opts.deposit) await h.deposit(u.token, opts.deposit);
    const b = await h.addBeneficiary(u.token, { phone: opts.phone ?? freshPhone() });
    const res = await h.call('POST', '/api/schedules', { token: u.token, body: { beneficiary_id: b.id, amount: opts.amount ?? 2000, every: opts.every ?? 'week' } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return { u, b, s: res.json.schedule as ApiSchedule };
  }

  const scheduleOf = async (token: string, id: string) =>
    ((await h.call('GET', '/api/schedules', { token })).json.items as ApiSchedule[]).find((s) => s.id === id);
  const balanceOf = async (token: string) => (await h.call('GET', '/api/me', { token })).json.user.balance;
  const topupsOf = async (scheduleId: string) =>
    await shardRows<{ id: string; status: string; amount: number }>('SELECT id, status, amount FROM topups WHERE schedule_id = ?', scheduleId);

  /** Moves the clock (default: a minute past `start`) and runs one cron pass plus its deliveries. */
  async function runDue(at = new Date(start.getTime() + 60_000)) {
    h.clock.now = at;
    const messages = await runner.cron();
    if (messages.length > 0) await runner.deliver(messages);
    return messages;
  }

  return { h, runner, scheduled, scheduleOf, balanceOf, topupsOf, runDue };
}
