/** Top-up options, top-ups (debit → provider → settle) and their history. */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import type { ApiOptions } from '../domain/contract';
import { writeBatch } from '../db/batch';
import { paginate } from '../db/ledger';
import { liveUser, meQuery } from '../db/session';
import { debitAndRecordTopup, toApiTopup, topupsPageQuery } from '../db/topups';
import { dubaiMonth } from '../domain/month';
import { DomainError } from '../domain/errors';
import { requireIdempotencyKey } from '../middleware/idempotency';
import { authOf } from '../middleware/session';
import { boundedString, fils, pageQuery, parseBody, parseQuery } from '../middleware/validate';
import { limitDetails } from './limits';
import { settleWithProvider } from '../settle';
import type { Config } from '../env';

export function optionsOf(config: Config): ApiOptions {
  return {
    currency: 'AED',
    amounts: config.amounts,
    fee: config.fee,
    limits: {
      beneficiary_monthly: { ...config.limits.beneficiaryMonthly },
      total_monthly: config.limits.totalMonthly,
      max_active_beneficiaries: config.limits.maxActiveBeneficiaries,
    },
    time_zone: 'Asia/Dubai',
  };
}

const TopupBody = (amounts: number[]) =>
  v.object({
    beneficiary_id: v.pipe(boundedString(100, 'Must be a beneficiary id'), v.minLength(1, 'Must be a beneficiary id')),
    amount: v.pipe(
      fils(),
      v.check((n) => amounts.includes(n), `Must be one of ${amounts.join(', ')} (fils)`),
    ),
  });

const ListQuery = v.object({ ...pageQuery.entries, beneficiary_id: v.optional(boundedString(100)) });

/** Adds how much is left to a limit refusal, read right after the refused batch. */
async function withDetails(c: Context<AppEnv>, error: unknown, beneficiaryId: string): Promise<never> {
  if (error instanceof DomainError && (error.code === 'BENEFICIARY_MONTHLY_LIMIT' || error.code === 'MONTHLY_LIMIT')) {
    throw new DomainError(error.code, error.message, await limitDetails(c, beneficiaryId));
  }
  throw error;
}

export const topupRoutes = new Hono<AppEnv>()
  .get('/options', (c) => c.json(optionsOf(c.var.config)))
  .post('/', async (c) => {
    const idem = requireIdempotencyKey(c);
    const { config, db, now } = c.var;
    const body = parseBody(TopupBody(config.amounts), c.var.body);
    const auth = authOf(c);
    const topupId = crypto.randomUUID();
    const [inserted] = await writeBatch(
      c,
      debitAndRecordTopup(db, {
        topupId,
        transactionId: crypto.randomUUID(),
        userId: auth.userId,
        beneficiaryId: body.beneficiary_id,
        amount: body.amount,
        fee: config.fee,
        month: dubaiMonth(now),
        key: idem.key,
        limits: config.limits,
        at: now.toISOString(),
      }),
    ).catch((error: unknown) => withDetails(c, error, body.beneficiary_id));
    const pending = inserted[0];
    if (!pending) throw new Error('top-up insert returned no row');
    const settled = await settleWithProvider(c.var, pending, idem);
    idem.stored = true;
    return c.json({ topup: toApiTopup(settled.topup), balance: settled.balance }, 201);
  })
  .get('/', async (c) => {
    const { limit, cursor, beneficiary_id } = parseQuery(ListQuery, c.req.query());
    const auth = authOf(c);
    const { db, now } = c.var;
    const [me, rows] = await db.batch([meQuery(db, auth, now), topupsPageQuery(db, auth.userId, limit, cursor, beneficiary_id)]);
    liveUser(me);
    const page = paginate(rows, limit);
    return c.json({ items: page.rows.map(toApiTopup), next_cursor: page.nextCursor });
  });
