/**
 * The second half of a top-up: ask the provider, then settle in one batch —
 * complete it, or fail it and refund amount + fee. Used by the request that made
 * the top-up and by the reconciler for top-ups whose provider never answered.
 */
import { sql } from 'drizzle-orm';
import type { Config } from '../env';
import type { Deps } from '../deps';
import type { Db } from '../db/client';
import { isAlreadySettled } from '../db/errors';
import { storeResponse } from '../db/idempotency';
import { walletBalanceQuery, walletId } from '../db/ledger';
import { completeTopup, refundTopup, toApiTopup, topupByIdQuery, type TopupRow } from '../db/topups';
import { sendWithin, type ProviderOutcome } from '../provider/provider';

export type Vars = { config: Config; db: Db; deps: Deps };
type KeyRef = { scope: string; key: string };
export type Settled = { topup: TopupRow; balance: number };

/** Stores `{topup, balance}` for the top-up's key, the balance filled in by the same batch. */
function storeTopupResponse(db: Db, key: KeyRef, topup: TopupRow) {
  const body = JSON.stringify({ topup: toApiTopup(topup), balance: 0 });
  return storeResponse(db, key, 201, sql`json_set(${body}, '$.balance', (SELECT balance FROM accounts WHERE id = ${walletId(topup.userId)}))`);
}

export async function settle(vars: Vars, pending: TopupRow, outcome: ProviderOutcome | null, key: KeyRef): Promise<Settled> {
  const { db } = vars;
  const at = vars.deps.now().toISOString();
  try {
    if (!outcome) {
      // The reconciler may have settled it (and stored its answer) while we waited:
      // answer what is, so the first answer and every replay agree.
      const [, rows, balance] = await db.batch([
        storeTopupResponse(db, key, pending),
        topupByIdQuery(db, pending.id),
        walletBalanceQuery(db, pending.userId),
      ]);
      return { topup: rows[0] ?? pending, balance: balance[0]?.balance ?? 0 };
    }
    if (outcome.status === 'completed') {
      const done: TopupRow = { ...pending, status: 'completed', providerRef: outcome.providerRef, completedAt: at };
      const [, , balance] = await db.batch([
        completeTopup(db, pending.id, outcome.providerRef, at),
        storeTopupResponse(db, key, done),
        walletBalanceQuery(db, pending.userId),
      ]);
      return { topup: done, balance: balance[0]?.balance ?? 0 };
    }
    const failed: TopupRow = { ...pending, status: 'failed', failureCode: outcome.failureCode, completedAt: at };
    const [, , , , , balance] = await db.batch([
      ...refundTopup(db, pending, outcome.failureCode, crypto.randomUUID(), at),
      storeTopupResponse(db, key, failed),
      walletBalanceQuery(db, pending.userId),
    ]);
    return { topup: failed, balance: balance[0]?.balance ?? 0 };
  } catch (error) {
    if (!isAlreadySettled(error)) throw error;
    // Settled meanwhile by someone else (a late answer vs the reconciler): report what is.
    const [rows, balance] = await db.batch([topupByIdQuery(db, pending.id), walletBalanceQuery(db, pending.userId)]);
    const current = rows[0] ?? pending;
    await storeTopupResponse(db, key, current);
    return { topup: current, balance: balance[0]?.balance ?? 0 };
  }
}

/** Sends to the provider (bounded by PROVIDER_TIMEOUT_MS) and settles with the answer. */
export async function settleWithProvider(vars: Vars, pending: TopupRow, key: KeyRef): Promise<Settled> {
  let outcome: ProviderOutcome | null = null;
  try {
    outcome = await sendWithin(
      vars.deps.provider(vars.config),
      { topupId: pending.id, phone: pending.phone, amount: pending.amount },
      vars.config.providerTimeoutMs,
    );
  } catch (error) {
    // No answer (or a broken one): the top-up stays pending and the reconciler asks again.
    console.warn(JSON.stringify({ level: 'warn', msg: 'provider gave no answer', topup: pending.id, error: String(error) }));
  }
  return settle(vars, pending, outcome, key);
}
