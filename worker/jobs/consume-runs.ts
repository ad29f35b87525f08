/** Scheduled runs from the queue: a failure is retried (safe: a run claims its period in its money batch); a body that is no run is dropped. */
import * as v from 'valibot';
import type { Vars } from '../writes/topup';
import type { ScheduleRunMessage } from '../domain/schedule';
import { runSchedule, type RunResult } from '../writes/schedule-run';

const Timestamp = v.pipe(v.string(), v.isoTimestamp());
const MessageSchema = v.object({
  schedule_id: v.string(),
  user_id: v.string(),
  due: Timestamp,
  beneficiary_id: v.string(),
  amount: v.pipe(v.number(), v.integer(), v.minValue(1)),
  every: v.picklist(['week', 'month']),
  starts_at: Timestamp,
  // Messages sent before shards name none: shard 0.
  shard: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
});

const RETRY_DELAY_SECONDS = 30;

export type ConsumeReport = Record<RunResult | 'retried' | 'dropped', number>;

/** `varsOn(shard)`: the run's vars on the shard its message names (null: no such shard here). */
export async function consumeRuns(varsOn: (shard: number) => Vars | null, batch: MessageBatch<unknown>): Promise<ConsumeReport> {
  const report: ConsumeReport = { ran: 0, refused: 0, skipped: 0, retried: 0, dropped: 0 };
  // Runs of different schedules are independent: their provider calls overlap.
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = v.safeParse(MessageSchema, message.body);
      if (!parsed.success) {
        console.error(JSON.stringify({ level: 'error', msg: 'dropped a malformed schedule run message', id: message.id }));
        report.dropped++;
        message.ack();
        return;
      }
      const vars = varsOn(parsed.output.shard);
      if (!vars) {
        console.error(JSON.stringify({ level: 'error', msg: 'dropped a schedule run message for an unknown shard', id: message.id, shard: parsed.output.shard }));
        report.dropped++;
        message.ack();
        return;
      }
      try {
        report[await runSchedule(vars, parsed.output satisfies ScheduleRunMessage)]++;
        message.ack();
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', msg: 'schedule run failed, will retry', schedule: parsed.output.schedule_id, due: parsed.output.due, attempts: message.attempts, error: String(error) }));
        report.retried++;
        message.retry({ delaySeconds: RETRY_DELAY_SECONDS });
      }
    }),
  );
  return report;
}
