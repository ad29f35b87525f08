/**
 * Drives the Worker's cron and queue consumer (createJobs in worker/index.ts) with
 * the harness's clock and provider: the cron sends to a recording producer, and the
 * recorded messages are delivered to the real `queue` handler as real MessageBatches
 * (cloudflare:test), so a test decides when and how often each message arrives.
 */
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { expect } from 'vitest';
import { createJobs } from '../../worker/index';
import { createSimulator } from '../../worker/provider/simulator';
import type { TelecomProvider } from '../../worker/provider/provider';
import type { ScheduleRunMessage } from '../../worker/domain/schedule';
import type { Harness } from './harness';

export function makeRunner(h: Harness, provider: TelecomProvider = createSimulator()) {
  const jobs = createJobs({ now: () => new Date(h.clock.now), provider: () => provider });
  const sent: ScheduleRunMessage[] = [];
  const recorder = {
    async send(body: ScheduleRunMessage) {
      sent.push(body);
    },
    async sendBatch(messages: Iterable<MessageSendRequest<ScheduleRunMessage>>) {
      for (const m of messages) sent.push(m.body);
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
    await jobs.queue!(batch as MessageBatch<unknown>, bindings, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.length).toBe(messages.length);
    return result;
  }

  return { cron, deliver, sent, bindings };
}
