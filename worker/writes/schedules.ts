/** Schedules through the write path; the beneficiary's owner and state and one schedule per beneficiary are enforced by SQL in the batch. */
import { deleteSchedule, insertSchedule, scheduleByIdQuery, toApiSchedule, updateSchedule, type ScheduleRow } from '../db/schedules';
import { isUniqueViolation, type Outcome, runWrite, type WriteBatch, type Writer } from './run';
import type { Auth } from '../auth/tokens';
import type { ApiSchedule } from '../contract/types';
import { DomainError } from '../domain/errors';
import { rescheduled, startsAtProblem, type Every } from '../domain/schedule';

type W = Writer & { auth: Auth };
type Result = { schedule: ApiSchedule };
export type NewSchedule = { id?: string | undefined; beneficiary_id: string; amount: number; every: Every; starts_at?: string | undefined };
export type ScheduleChanges = { amount?: number | undefined; every?: Every | undefined; status?: 'active' | 'paused' | undefined };

const notFound = () => new DomainError('NOT_FOUND', 'No such schedule');

export function addSchedule(w: W, body: NewSchedule): Promise<Outcome<Result, 200 | 201>> {
  const { db, auth, now } = w;
  const id = body.id ?? crypto.randomUUID();
  const startsAt = body.starts_at === undefined ? now : new Date(body.starts_at);
  const problem = startsAtProblem(startsAt, now);
  return runWrite(w, async (batch) => {
    if (problem) {
      // starts_at's window moves with the clock: a late repeat replays (its key) or answers 200 (its client id); only a new create is refused.
      const repeated = await repeatedCreate(w, batch, body, body.id ?? '');
      if (repeated) return repeated;
      throw new DomainError('VALIDATION_FAILED', 'Some fields are not valid', { fields: { starts_at: problem } });
    }
    try {
      const [rows] = await batch([
        insertSchedule(db, { id, userId: auth.userId, beneficiaryId: body.beneficiary_id, amount: body.amount, every: body.every, startsAt: startsAt.toISOString(), at: now.toISOString() }),
      ]);
      const row = rows[0];
      if (!row) throw new Error('schedule insert returned no row');
      return { status: 201, body: { schedule: toApiSchedule(row) } };
    } catch (error) {
      // A repeat of an earlier create trips the beneficiary's one-schedule index (or its state) before the id.
      if (body.id && (error instanceof DomainError || isUniqueViolation(error, 'schedules.id'))) {
        const repeated = await repeatedCreate(w, batch, body, body.id);
        if (repeated) return repeated;
      }
      if (isUniqueViolation(error, 'schedules.id')) throw new DomainError('ID_CONFLICT', 'This id is already used by another schedule');
      throw error;
    }
  });
}

/** A create that repeats a client-supplied id: the same body gets the same schedule (200). */
async function repeatedCreate(w: W, batch: WriteBatch, body: NewSchedule, id: string) {
  // Through the write batch: the key is claimed and this 200 becomes its answer.
  const [rows] = await batch([scheduleByIdQuery(w.db, id)]);
  const row = rows[0];
  if (!row) return null;
  const same =
    row.userId === w.auth.userId &&
    row.deletedAt === null &&
    row.beneficiaryId === body.beneficiary_id &&
    row.amount === body.amount &&
    row.every === body.every &&
    (body.starts_at === undefined || new Date(body.starts_at).toISOString() === row.startsAt);
  if (!same) throw new DomainError('ID_CONFLICT', 'This id is already used by another schedule');
  return { status: 200 as const, body: { schedule: toApiSchedule(row) } };
}

/** Read, then write guarded by what was read: a run or another change in between makes the update match nothing, and it is redone. */
export function changeSchedule(w: W, id: string, changes: ScheduleChanges): Promise<Outcome<Result, 200>> {
  const { db, auth, now } = w;
  return runWrite(w, async (batch) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const [rows] = await batch([scheduleByIdQuery(db, id)]);
      const row = rows[0];
      if (!row || row.userId !== auth.userId || row.deletedAt !== null) throw notFound();
      const [updated] = await batch([updateSchedule(db, row, changed(row, changes, now))]);
      if (updated[0]) return { status: 200, body: { schedule: toApiSchedule(updated[0]) } };
    }
    throw new Error(`schedule ${id} kept changing under PATCH`);
  });
}

function changed(row: ScheduleRow, changes: ScheduleChanges, now: Date) {
  return {
    amount: changes.amount ?? row.amount,
    every: changes.every ?? row.every,
    status: changes.status ?? row.status,
    nextRunAt: rescheduled(row, changes, now),
    updatedAt: now.toISOString(),
  };
}

export function removeSchedule(w: W, id: string): Promise<Outcome<null, 204>> {
  return runWrite(w, async (batch) => {
    const [rows] = await batch([deleteSchedule(w.db, w.auth.userId, id, w.now.toISOString())]);
    if (rows.length === 0) throw notFound();
    return { status: 204, body: null };
  });
}
