/** A scheduled run (ADR 008): a top-up keyed by its period whose first batch moves the schedule on, so a period makes at most one. */
import { accountWriteCheck, claimKey, isScheduleChanged, isUniqueViolation, type KeyClaim, runWrite, storeResponse } from './run';
import { advanceSchedule, scheduleByIdQuery, type RunTerms } from '../db/schedules';
import { DomainError, type ErrorCode } from '../domain/errors';
import { nextRunAfter, type ScheduleRunMessage } from '../domain/schedule';
import { debitTopup, runScope, settleWithProvider, type Vars } from './topup';
import { toApiTopup } from '../db/topups';
import { notificationInsert, pushesOf } from '../db/notifications';

/** ran: a top-up was made; refused: recorded as refused; skipped: nothing to do (already run, paused, changed, deleted). */
export type RunResult = 'ran' | 'refused' | 'skipped';

const REFUSALS: readonly ErrorCode[] = ['INSUFFICIENT_BALANCE', 'BENEFICIARY_MONTHLY_LIMIT', 'MONTHLY_LIMIT', 'BENEFICIARY_INACTIVE', 'NOT_FOUND', 'ACCOUNT_FROZEN'];

export function runKey(scheduleId: string, due: string): string {
  return `schedule:${scheduleId}:${due}`;
}

function termsOf(m: ScheduleRunMessage): RunTerms {
  return { scheduleId: m.schedule_id, userId: m.user_id, beneficiaryId: m.beneficiary_id, amount: m.amount, every: m.every, startsAt: m.starts_at, due: m.due };
}

export async function runSchedule(vars: Vars, message: ScheduleRunMessage, attempt = 0): Promise<RunResult> {
  const { db } = vars;
  const now = vars.deps.now();
  const run = termsOf(message);
  const key = runKey(run.scheduleId, run.due);
  const claim: KeyClaim = { scope: runScope(run.userId), key, method: 'RUN', path: `/schedules/${run.scheduleId}`, fingerprint: run.due };
  const nextRunAt = nextRunAfter(new Date(run.startsAt), run.every, new Date(run.due), now).toISOString();
  const at = now.toISOString();
  try {
    const outcome = await runWrite({ db, now, auth: null, claim }, async (batch) => {
      const topupId = crypto.randomUUID();
      // A frozen user's run is refused like any of their writes (recorded as refused, ACCOUNT_FROZEN).
      const before = [accountWriteCheck(db, run.userId), ...advanceSchedule(db, run, { nextRunAt, at, result: 'pending', code: null, topupId })];
      const pending = await debitTopup({ ...vars, now }, batch, { userId: run.userId, beneficiaryId: run.beneficiaryId, amount: run.amount, key, scheduleId: run.scheduleId, topupId, before });
      const settled = await settleWithProvider(vars, pending, claim, 'schedule_run');
      return { status: 201 as const, body: { topup: toApiTopup(settled.topup), balance: settled.balance }, stored: true };
    });
    return outcome.replayed ? 'skipped' : 'ran';
  } catch (error) {
    if (isScheduleChanged(error)) return attempt === 0 ? rerun(vars, message) : 'skipped';
    // The period's key is taken: another delivery ran it (or is running it).
    if (error instanceof DomainError && (error.code === 'IDEMPOTENCY_IN_PROGRESS' || error.code === 'IDEMPOTENCY_KEY_REUSED')) return 'skipped';
    if (error instanceof DomainError && REFUSALS.includes(error.code)) return refuse(vars, message, claim, { nextRunAt, at, code: error.code }, attempt);
    throw error;
  }
}

/** Records a refused run in one batch: the period's key (so no later delivery runs it), last_run, the next period. */
async function refuse(vars: Vars, message: ScheduleRunMessage, claim: KeyClaim, r: { nextRunAt: string; at: string; code: ErrorCode }, attempt: number): Promise<RunResult> {
  const { db } = vars;
  const body = JSON.stringify({ error: { code: r.code, message: 'Scheduled run refused' } });
  const notice = notificationInsert(db, {
    userId: message.user_id,
    kind: 'schedule_run',
    data: { schedule_id: message.schedule_id, beneficiary_id: message.beneficiary_id, result: 'refused', code: r.code, topup_id: null },
    at: r.at,
    beneficiaryId: message.beneficiary_id,
    words: { amount: message.amount },
  });
  try {
    const results = await db.batch([
      claimKey(db, claim, new Date(r.at)),
      storeResponse(db, claim, 409, body),
      ...advanceSchedule(db, termsOf(message), { nextRunAt: r.nextRunAt, at: r.at, result: 'refused', code: r.code, topupId: null }),
      ...notice.statements,
    ]);
    await vars.announce?.(pushesOf([{ write: notice, result: results[results.length - 1] }]));
    return 'refused';
  } catch (error) {
    if (isUniqueViolation(error, 'idempotency_keys.')) return 'skipped';
    if (isScheduleChanged(error)) return attempt === 0 ? rerun(vars, message) : 'skipped';
    throw error;
  }
}

/** The schedule no longer matched the message: still due for that period with other terms, it runs as it is now; else nothing to do. */
async function rerun(vars: Vars, message: ScheduleRunMessage): Promise<RunResult> {
  const row = (await scheduleByIdQuery(vars.db, message.schedule_id))[0];
  if (!row || row.deletedAt !== null || row.status !== 'active' || row.nextRunAt !== message.due || row.userId !== message.user_id) return 'skipped';
  const fresh: ScheduleRunMessage = { ...message, beneficiary_id: row.beneficiaryId, amount: row.amount, every: row.every, starts_at: row.startsAt };
  return runSchedule(vars, fresh, 1);
}
