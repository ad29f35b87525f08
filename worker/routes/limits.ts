/** This month's usage against the limits (Asia/Dubai calendar month). */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import type { ApiLimits } from '../domain/contract';
import { listBeneficiariesQuery } from '../db/beneficiaries';
import { liveUser, meQuery, type UserRow } from '../db/session';
import type { Config } from '../env';
import { monthUsageQuery } from '../db/topups';
import { beneficiaryLimit, usage } from '../domain/limits';
import { dubaiMonth, TIME_ZONE } from '../domain/month';
import { authOf } from '../middleware/session';

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

async function currentLimits(c: Context<AppEnv>): Promise<ApiLimits> {
  const auth = authOf(c);
  const { db, now, config } = c.var;
  const month = dubaiMonth(now);
  const [me, beneficiaries, used] = await db.batch([
    meQuery(db, auth, now),
    listBeneficiariesQuery(db, auth.userId),
    monthUsageQuery(db, auth.userId, month),
  ]);
  return limitsView(config, month, liveUser(me), beneficiaries, used);
}

/** `details` for a limit refusal: how much is left, overall and for the beneficiary. */
export async function limitDetails(c: Context<AppEnv>, beneficiaryId: string): Promise<Record<string, unknown>> {
  const limits = await currentLimits(c);
  const beneficiary = limits.beneficiaries.find((b) => b.id === beneficiaryId);
  return {
    month: limits.month,
    total_remaining: limits.total.remaining,
    total_limit: limits.total.limit,
    beneficiary_remaining: beneficiary?.remaining ?? 0,
    beneficiary_limit: beneficiary?.limit ?? 0,
  };
}

export const limitRoutes = new Hono<AppEnv>().get('/', async (c) => c.json(await currentLimits(c)));
