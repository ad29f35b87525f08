/** The cron sends one message per due run, so no invocation's limits cap the runs; overlapping crons' duplicates do nothing (ADR 008). */
import type { Db } from '../db/client';
import { dueSchedulesPage } from '../db/schedules';
import type { ScheduleRunMessage } from '../domain/schedule';

const PAGE = 1000;
/** sendBatch takes at most 100 messages. */
const SEND_CHUNK = 100;
/** 20 pages = 20 queries + 200 sends, well inside one invocation's subrequests; anything left is still due at the next pass. */
const MAX_PAGES = 20;

export type EnqueueReport = { due: number; sent: number; pages: number; queries: number; sends: number };

/** `shard`: the shard `db` is, named in every message so the consumer runs it there. */
export async function enqueueDueSchedules(db: Db, queue: Queue<ScheduleRunMessage>, now: Date, options: { shard: number; maxPages?: number }): Promise<EnqueueReport> {
  const report: EnqueueReport = { due: 0, sent: 0, pages: 0, queries: 0, sends: 0 };
  const maxPages = options.maxPages ?? MAX_PAGES;
  let after: { nextRunAt: string; id: string } | null = null;
  while (report.pages < maxPages) {
    const rows = await dueSchedulesPage(db, now.toISOString(), after, PAGE);
    report.queries++;
    report.pages++;
    report.due += rows.length;
    for (let i = 0; i < rows.length; i += SEND_CHUNK) {
      const chunk = rows.slice(i, i + SEND_CHUNK).map((r) => ({
        body: { schedule_id: r.id, user_id: r.userId, due: r.nextRunAt, beneficiary_id: r.beneficiaryId, amount: r.amount, every: r.every, starts_at: r.startsAt, shard: options.shard },
        contentType: 'json' as const,
      }));
      await queue.sendBatch(chunk);
      report.sends++;
      report.sent += chunk.length;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) break;
    after = { nextRunAt: last.nextRunAt, id: last.id };
  }
  return report;
}
