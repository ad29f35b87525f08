/** This month's usage against the limits (Asia/Dubai calendar month), read in one batch. */
import type { Db } from './client';
import { listBeneficiariesQuery } from './beneficiaries';
import { liveUser, meQuery } from './sessions';
import { monthUsageQuery } from './topups';
import type { UserRow } from './users';
import type { Auth } from '../auth/tokens';
import type { ApiLimits } from '../contract/types';
import { beneficiaryLimit, dubaiMonth, TIME_ZONE, usage } from '../domain/money';
import type { Config } from '../env';

/** The limits view from rows read in one batch (shared with /api/bootstrap). */
export function limitsView(
  config: Config,
  month: string,
  user: UserRow,
  beneficiaries: { id: string }[],
  used: { beneficiaryId: string; used: number }[],
): ApiLimits {
  const perBeneficiary = beneficiaryLimit(config.limits, user.verified);
  const byId = new Map(used.map((u) => [u.beneficiaryId, u.used]));
  // The total counts every top-up of the month, deleted beneficiaries' included.
  const total = used.reduce((sum, u) => sum + u.used, 0);
  return {
    month,
    time_zone: TIME_ZONE,
    verified: user.verified,
    total: usage(total, config.limits.totalMonthly),
    beneficiaries: beneficiaries.map((b) => ({ id: b.id, ...usage(byId.get(b.id) ?? 0, perBeneficiary) })),
  };
}

export async function readLimits(r: { db: Db; auth: Auth; now: Date; config: Config }): Promise<ApiLimits> {
  const { db, auth, now, config } = r;
  const month = dubaiMonth(now);
  const [me, beneficiaries, used] = await db.batch([
    meQuery(db, auth, now),
    listBeneficiariesQuery(db, auth.userId),
    monthUsageQuery(db, auth.userId, month),
  ]);
  return limitsView(config, month, liveUser(me), beneficiaries, used);
}

/** `details` for a limit refusal: how much is left, overall and for the beneficiary. */
export async function limitDetails(r: { db: Db; auth: Auth; now: Date; config: Config }, beneficiaryId: string): Promise<Record<string, unknown>> {
  const limits = await readLimits(r);
  const beneficiary = limits.beneficiaries.find((b) => b.id === beneficiaryId);
  return {
    month: limits.month,
    total_remaining: limits.total.remaining,
    total_limit: limits.total.limit,
    beneficiary_remaining: beneficiary?.remaining ?? 0,
    beneficiary_limit: beneficiary?.limit ?? 0,
  };
}
