/**
 * A top-up, whole (docs/decisions/001-atomic-topup.md): debit and record it in one
 * batch with the key's claim and every check (a limit refusal says how much is
 * left), send it to the provider, settle it, and answer `{topup, balance}` — the
 * answer stored for the key by the settling batch itself.
 */
import type { Auth } from '../auth/tokens';
import type { KeyClaim } from '../db/idempotency';
import { limitDetails } from '../db/limits';
import { debitAndRecordTopup, toApiTopup } from '../db/topups';
import { runWrite, type Outcome, type Writer } from '../db/write-path';
import type { ApiTopup } from '../domain/contract';
import { DomainError } from '../domain/errors';
import { dubaiMonth } from '../domain/month';
import { settleWithProvider, type Vars } from './settle';

export type TopupRequest = { beneficiary_id: string; amount: number };
type Placing = Vars & Writer & { auth: Auth; claim: KeyClaim };

export function placeTopup(w: Placing, request: TopupRequest): Promise<Outcome<{ topup: ApiTopup; balance: number }, 201>> {
  const { config, db, now } = w;
  return runWrite(w, async (batch) => {
    const [inserted] = await batch(
      debitAndRecordTopup(db, {
        topupId: crypto.randomUUID(),
        transactionId: crypto.randomUUID(),
        userId: w.auth.userId,
        beneficiaryId: request.beneficiary_id,
        amount: request.amount,
        fee: config.fee,
        month: dubaiMonth(now),
        key: w.claim.key,
        limits: config.limits,
        at: now.toISOString(),
      }),
    ).catch((error: unknown) => withLimitDetails(w, error, request.beneficiary_id));
    const pending = inserted[0];
    if (!pending) throw new Error('top-up insert returned no row');
    const settled = await settleWithProvider(w, pending, w.claim);
    return { status: 201, body: { topup: toApiTopup(settled.topup), balance: settled.balance }, stored: true };
  });
}

/** Adds how much is left to a limit refusal, read right after the refused batch. */
async function withLimitDetails(w: Placing, error: unknown, beneficiaryId: string): Promise<never> {
  if (error instanceof DomainError && (error.code === 'BENEFICIARY_MONTHLY_LIMIT' || error.code === 'MONTHLY_LIMIT')) {
    throw new DomainError(error.code, error.message, await limitDetails(w, beneficiaryId));
  }
  throw error;
}
