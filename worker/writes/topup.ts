/** A top-up, whole (ADR 001): one batch debits with every check, the provider is asked, one batch settles (the reconciler's too). */
import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Auth } from '../auth/tokens';
import type { Config } from '../env';
import type { Deps } from '../deps';
import type { Db } from '../db/client';
import { isAlreadySettled, type KeyClaim, type Outcome, runWrite, storeResponse, userScope, type WriteBatch, type Writer } from './run';
import { walletBalanceQuery, walletId } from '../db/ledger';
import { completeTopup, debitAndRecordTopup, limitDetails, refundTopup, settleLastRun, toApiTopup, topupByIdQuery, type TopupRow } from '../db/topups';
import type { ApiTopup } from '../contract/types';
import { DomainError } from '../domain/errors';
import { dubaiMonth } from '../domain/money';
import { sendWithin, type ProviderOutcome } from '../provider/provider';
import { limitNearInserts, notificationInsert, pushesOf, type NotificationWrite } from '../db/notifications';
import type { Announce } from '../push/queue';

export type TopupRequest = { beneficiary_id: string; amount: number };
type Placing = Vars & Writer & { auth: Auth; claim: KeyClaim };
type Item = BatchItem<'sqlite'>;

export function placeTopup(w: Placing, request: TopupRequest): Promise<Outcome<{ topup: ApiTopup; balance: number }, 201>> {
  return runWrite(w, async (batch) => {
    const pending = await debitTopup(w, batch, {
      userId: w.auth.userId,
      beneficiaryId: request.beneficiary_id,
      amount: request.amount,
      key: w.claim.key,
      scheduleId: null,
    }).catch((error: unknown) => withLimitDetails(w, error, request.beneficiary_id));
    const settled = await settleWithProvider(w, pending, w.claim);
    return { status: 201, body: { topup: toApiTopup(settled.topup), balance: settled.balance }, stored: true };
  });
}

export type Debit = {
  userId: string;
  beneficiaryId: string;
  amount: number;
  /** The idempotency key the top-up is recorded under (claimed by the same batch). */
  key: string;
  scheduleId: string | null;
  topupId?: string;
  /** Statements of the caller that belong in the same batch, before the debit (a run's schedule update). */
  before?: readonly Item[];
};

/** The first batch of every top-up, manual or scheduled: every check and the debit, all or nothing, with the key's claim. */
export async function debitTopup(w: Vars & { now: Date }, batch: WriteBatch, d: Debit): Promise<TopupRow> {
  const { config, db, now } = w;
  const before = d.before ?? [];
  const topupId = d.topupId ?? crypto.randomUUID();
  const statements = debitAndRecordTopup(db, {
    topupId,
    transactionId: crypto.randomUUID(),
    userId: d.userId,
    beneficiaryId: d.beneficiaryId,
    amount: d.amount,
    fee: config.fee,
    month: dubaiMonth(now),
    key: d.key,
    limits: config.limits,
    at: now.toISOString(),
    scheduleId: d.scheduleId,
  });
  const nearLimits = limitNearInserts(db, { topupId, userId: d.userId, beneficiaryId: d.beneficiaryId, month: dubaiMonth(now), at: now.toISOString() });
  const notices = nearLimits.flatMap((n) => n.statements);
  const results = await batch([...before, ...statements, ...notices] as unknown as [Item, ...Item[]]);
  const pending = (results[before.length] as TopupRow[] | undefined)?.[0];
  if (!pending) throw new Error('top-up insert returned no row');
  const from = before.length + statements.length;
  await w.announce?.(pushesOf(nearLimits.map((write, i) => ({ write, result: results[from + 2 * i + 1] as unknown }))));
  return pending;
}

/** Adds how much is left to a limit refusal, read right after the refused batch. */
async function withLimitDetails(w: Placing, error: unknown, beneficiaryId: string): Promise<never> {
  if (error instanceof DomainError && (error.code === 'BENEFICIARY_MONTHLY_LIMIT' || error.code === 'MONTHLY_LIMIT')) {
    throw new DomainError(error.code, error.message, await limitDetails(w, beneficiaryId));
  }
  throw error;
}

export type Vars = { config: Config; db: Db; deps: Deps; announce?: Announce | undefined };

/** Who a settlement's batch tells: a schedule's run (even still pending), the reconciler's late answer, or nobody (the request gets it). */
export type SettleNotice = 'schedule_run' | 'topup_settled' | null;

function settleNotice(db: Db, notice: SettleNotice, topup: TopupRow, at: string): NotificationWrite[] {
  if (!notice) return [];
  const common = { userId: topup.userId, at, beneficiaryId: topup.beneficiaryId, words: { amount: topup.amount } };
  if (notice === 'topup_settled') {
    if (topup.status === 'pending') return [];
    return [notificationInsert(db, { ...common, kind: 'topup_settled', data: { topup_id: topup.id, status: topup.status, failure_code: topup.failureCode } })];
  }
  const data = { schedule_id: topup.scheduleId ?? '', beneficiary_id: topup.beneficiaryId, result: topup.status, code: topup.failureCode, topup_id: topup.id };
  // Still pending: written only if nobody settled it meanwhile (the settlement then told them).
  const when = topup.status === 'pending' ? sql`EXISTS (SELECT 1 FROM topups WHERE id = ${topup.id} AND status = 'pending')` : undefined;
  return [notificationInsert(db, { ...common, kind: 'schedule_run', data, when })];
}

async function announceSettled(vars: Vars, writes: NotificationWrite[], results: readonly unknown[]) {
  if (writes.length === 0) return;
  await vars.announce?.(pushesOf([{ write: writes[0]!, result: results[results.length - 1] }]));
}
type KeyRef = { scope: string; key: string };

/** Run keys live apart from the user's own, so no key a client sends can collide with (and pre-empt) a run. */
export function runScope(userId: string): string {
  return `runs:${userId}`;
}

/** Where a top-up's key (and its stored answer) lives. */
export function keyOfTopup(topup: Pick<TopupRow, 'userId' | 'scheduleId' | 'idempotencyKey'>): KeyRef {
  return { scope: topup.scheduleId ? runScope(topup.userId) : userScope(topup.userId), key: topup.idempotencyKey };
}
export type Settled = { topup: TopupRow; balance: number };

/** Stores `{topup, balance}` for the top-up's key, the balance filled in by the same batch. */
function storeTopupResponse(db: Db, key: KeyRef, topup: TopupRow) {
  const body = JSON.stringify({ topup: toApiTopup(topup), balance: 0 });
  return storeResponse(db, key, 201, sql`json_set(${body}, '$.balance', (SELECT balance FROM accounts WHERE id = ${walletId(topup.userId)}))`);
}

export async function settle(vars: Vars, pending: TopupRow, outcome: ProviderOutcome | null, key: KeyRef, notice: SettleNotice = null): Promise<Settled> {
  const { db } = vars;
  const at = vars.deps.now().toISOString();
  try {
    if (!outcome) {
      // The reconciler may have settled it meanwhile: answer what is, so the first answer and every replay agree.
      const writes = settleNotice(db, notice, pending, at);
      const results = await db.batch([
        storeTopupResponse(db, key, pending),
        topupByIdQuery(db, pending.id),
        walletBalanceQuery(db, pending.userId),
        ...writes.flatMap((w) => w.statements),
      ]);
      await announceSettled(vars, writes, results);
      const [, rows, balance] = results;
      return { topup: rows[0] ?? pending, balance: balance[0]?.balance ?? 0 };
    }
    const { row, statements } = settlementOf(db, pending, outcome, key, at);
    const writes = settleNotice(db, notice, row, at);
    // The notice's statements close the batch: announceSettled reads the last result.
    const results = await db.batch([...statements, walletBalanceQuery(db, pending.userId), ...writes.flatMap((w) => w.statements)] as unknown as [Item, ...Item[]]);
    await announceSettled(vars, writes, results);
    const balance = results[statements.length] as { balance: number }[];
    return { topup: row, balance: balance[0]?.balance ?? 0 };
  } catch (error) {
    if (!isAlreadySettled(error)) throw error;
    // Settled meanwhile by someone else (a late answer vs the reconciler): report what is.
    const [rows, balance] = await db.batch([topupByIdQuery(db, pending.id), walletBalanceQuery(db, pending.userId)]);
    const current = rows[0] ?? pending;
    await storeTopupResponse(db, key, current);
    return { topup: current, balance: balance[0]?.balance ?? 0 };
  }
}

/** The statements that settle a pending top-up (the first refuses a settled one: ALREADY_SETTLED), and the row as it then is. */
export function settlementOf(db: Db, pending: TopupRow, outcome: ProviderOutcome, key: KeyRef, at: string): { row: TopupRow; statements: Item[] } {
  if (outcome.status === 'completed') {
    const row: TopupRow = { ...pending, status: 'completed', providerRef: outcome.providerRef, completedAt: at };
    return { row, statements: [completeTopup(db, pending.id, outcome.providerRef, at), storeTopupResponse(db, key, row), settleLastRun(db, row)] };
  }
  const row: TopupRow = { ...pending, status: 'failed', failureCode: outcome.failureCode, completedAt: at };
  return {
    row,
    statements: [...refundTopup(db, pending, outcome.failureCode, crypto.randomUUID(), at), storeTopupResponse(db, key, row), settleLastRun(db, row)],
  };
}

export async function settleWithProvider(vars: Vars, pending: TopupRow, key: KeyRef, notice: SettleNotice = null): Promise<Settled> {
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
  return settle(vars, pending, outcome, key, notice);
}
