/** Beneficiaries through the write path; the active cap and phone uniqueness are enforced by SQL in the batch. */
import { beneficiaryByIdQuery, deleteBeneficiary, insertBeneficiary, toApiBeneficiaries, updateBeneficiary, type BeneficiaryRow } from '../db/beneficiaries';
import { isUniqueViolation, type Outcome, runWrite, type WriteBatch, type Writer } from './run';
import { deleteSchedulesOfBeneficiary } from '../db/schedules';
import { liveUser } from '../db/sessions';
import { monthUsageQuery } from '../db/topups';
import { userQuery } from '../db/users';
import type { Auth } from '../auth/tokens';
import type { ApiBeneficiary } from '../contract/types';
import { DomainError } from '../domain/errors';
import { beneficiaryLimit, dubaiMonth } from '../domain/money';
import type { Config } from '../env';

type W = Writer & { auth: Auth; config: Config };
type Result = { beneficiary: ApiBeneficiary };
export type NewBeneficiary = { id?: string | undefined; nickname: string; phone: string; active?: boolean | undefined };

/** The API shape of rows written or read in a batch that also read the user and the month's usage. */
function present(w: W, rows: BeneficiaryRow[], verified: boolean, usage: { beneficiaryId: string; used: number }[]): Result {
  const beneficiary = toApiBeneficiaries(rows, usage, beneficiaryLimit(w.config.limits, verified))[0];
  if (!beneficiary) throw new DomainError('NOT_FOUND', 'No such beneficiary');
  return { beneficiary };
}

export function addBeneficiary(w: W, body: NewBeneficiary): Promise<Outcome<Result, 200 | 201>> {
  const { db, auth, config } = w;
  const id = body.id ?? crypto.randomUUID();
  return runWrite(w, async (batch) => {
    try {
      const [rows, me] = await batch([
        insertBeneficiary(db, { id, userId: auth.userId, nickname: body.nickname, phone: body.phone, active: body.active, cap: config.limits.maxActiveBeneficiaries, at: w.now.toISOString() }),
        userQuery(db, auth.userId),
      ]);
      // A new beneficiary has no top-ups yet: nothing used this month.
      return { status: 201, body: present(w, rows, liveUser(me).verified, []) };
    } catch (error) {
      // A repeat of an earlier create can trip the phone index or (asking to be active) the active cap before the id.
      const maybeRepeat = error instanceof DomainError && (error.code === 'DUPLICATE_BENEFICIARY' || error.code === 'ACTIVE_LIMIT_REACHED');
      if (body.id && (maybeRepeat || isUniqueViolation(error, 'beneficiaries.id'))) {
        const repeated = await repeatedCreate(w, batch, body, body.id);
        if (repeated) return repeated;
      }
      if (isUniqueViolation(error, 'beneficiaries.id')) throw new DomainError('ID_CONFLICT', 'This id is already used by another beneficiary');
      throw error;
    }
  });
}

/** A create that repeats a client-supplied id: the same body gets the same beneficiary (200). */
async function repeatedCreate(w: W, batch: WriteBatch, body: NewBeneficiary, id: string) {
  const { db, auth, now } = w;
  // Through the write batch: this 200 becomes the key's answer, so a replay repeats it even after the beneficiary changed.
  const [existing, me, usage] = await batch([beneficiaryByIdQuery(db, id), userQuery(db, auth.userId), monthUsageQuery(db, auth.userId, dubaiMonth(now))]);
  const user = liveUser(me);
  const row = existing[0];
  if (!row) return null;
  const same =
    row.userId === auth.userId && row.deletedAt === null && row.nickname === body.nickname && row.phone === body.phone && (body.active === undefined || body.active === row.active);
  if (!same) throw new DomainError('ID_CONFLICT', 'This id is already used by another beneficiary');
  return { status: 200 as const, body: present(w, [row], user.verified, usage) };
}

export function changeBeneficiary(w: W, id: string, changes: { nickname?: string | undefined; active?: boolean | undefined }): Promise<Outcome<Result, 200>> {
  const { db, auth, config, now } = w;
  return runWrite(w, async (batch) => {
    const [rows, me, usage] = await batch([
      updateBeneficiary(db, auth.userId, id, changes, config.limits.maxActiveBeneficiaries, now.toISOString()),
      userQuery(db, auth.userId),
      monthUsageQuery(db, auth.userId, dubaiMonth(now)),
    ]);
    return { status: 200, body: present(w, rows, liveUser(me).verified, usage) };
  });
}

export function removeBeneficiary(w: W, id: string): Promise<Outcome<null, 204>> {
  return runWrite(w, async (batch) => {
    const at = w.now.toISOString();
    // Its schedule goes with it, in the same batch: no run can find one without the other.
    const [rows] = await batch([deleteBeneficiary(w.db, w.auth.userId, id, at), deleteSchedulesOfBeneficiary(w.db, w.auth.userId, id, at)]);
    if (rows.length === 0) throw new DomainError('NOT_FOUND', 'No such beneficiary');
    return { status: 204, body: null };
  });
}
