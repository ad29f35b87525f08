/**
 * The write path (ADR 006): runWrite is the one place that knows an idempotency key's life. The claim rides in the
 * work's batches until one commits, so the key is taken exactly when the effect happens; a refusal after that releases
 * it (a 4xx stores nothing), any other failure keeps it (the effect may have happened); a collision is a replay.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { accountWriteChecks, idempotencyKeys } from '../db/schema';
import { sessionAssertion, touchSession } from '../db/sessions';
import type { Auth } from '../auth/tokens';
import { DomainError, ERROR_TEXT, type ErrorCode } from '../domain/errors';

type Item = BatchItem<'sqlite'>;

/** `claim`: none for writes sent without a key. `frozenOk`: a frozen user may make this write (signing out, ending a session). */
export type Writer = { db: Db; now: Date; auth: Auth | null | undefined; claim: KeyClaim | null | undefined; frozenOk?: boolean };

export type SuccessStatus = 200 | 201 | 204;

/** `stored`: the work already stored it as the key's answer. */
export type Answer<B, S extends SuccessStatus = SuccessStatus> = { status: S; body: B; stored?: boolean };

export type Replayed = { replayed: true; status: number; text: string };
export type Outcome<B, S extends SuccessStatus = SuccessStatus> = (Answer<B, S> & { replayed: false }) | Replayed;

/** One D1 batch (one SQL transaction) behind the session check and the claim; `answer`: a SQL-built body stored as the key's answer in it. */
export type WriteBatch = <T extends readonly [Item, ...Item[]]>(
  statements: T,
  options?: { answer?: { status: SuccessStatus; body: SQL } },
) => Promise<BatchResponse<T>>;

/** The claim collided: unwinds the work up to runWrite. */
class KeyTaken extends Error {
  constructor() {
    super('idempotency key already claimed');
  }
}

export async function runWrite<B, S extends SuccessStatus>(writer: Writer, work: (batch: WriteBatch) => Promise<Answer<B, S>>): Promise<Outcome<B, S>> {
  const { db, now, auth, claim } = writer;
  let claimed = false;
  let stored = false;
  const batch: WriteBatch = async (statements, options = {}) => {
    const claiming = claim && !claimed ? claim : null;
    const prefix: Item[] = [];
    // The session check, and its "last used" (at most one write a minute) in the same transaction.
    if (auth) prefix.push(sessionAssertion(db, auth, now), touchSession(db, auth, now));
    // A frozen user's writes are refused inside the batch (403 ACCOUNT_FROZEN), never by a read before it.
    if (auth && !writer.frozenOk) prefix.push(accountWriteCheck(db, auth.userId));
    if (claiming) prefix.push(claimKey(db, claiming, now));
    const suffix: Item[] = claim && options.answer ? [storeResponse(db, claim, options.answer.status, options.answer.body)] : [];
    try {
      const results = await db.batch([...prefix, ...statements, ...suffix] as unknown as [Item, ...Item[]]);
      if (claiming) claimed = true;
      if (suffix.length > 0) stored = true;
      return results.slice(prefix.length, prefix.length + statements.length) as unknown as BatchResponse<typeof statements>;
    } catch (error) {
      if (claiming && isUniqueViolation(error, 'idempotency_keys.')) throw new KeyTaken();
      throw refusalFrom(error) ?? error;
    }
  };
  try {
    const answer = await work(batch);
    if (claim && claimed && !stored && !answer.stored) {
      await storeResponse(db, claim, answer.status, answer.status === 204 ? '' : JSON.stringify(answer.body));
    }
    return { ...answer, replayed: false };
  } catch (error) {
    if (error instanceof KeyTaken && claim) return storedAnswer(db, claim);
    if (claim && claimed && error instanceof DomainError) await releaseKey(db, claim);
    throw error;
  }
}

async function storedAnswer(db: Db, claim: KeyClaim): Promise<Replayed> {
  const record = await findKey(db, claim.scope, claim.key);
  if (!record) throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'This request is still being processed: retry shortly');
  if (record.method !== claim.method || record.path !== claim.path || record.fingerprint !== claim.fingerprint) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
  }
  if (record.state !== 'done' || record.status === null) {
    throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'This request is still being processed: retry shortly');
  }
  return { replayed: true, status: record.status, text: record.response ?? '' };
}

/** Aborts the batch with ACCOUNT_FROZEN while the user is frozen (a trigger); stores nothing. */
export function accountWriteCheck(db: Db, userId: string) {
  return db.insert(accountWriteChecks).values({ userId });
}

/** What a keyed request claims: its key in a scope, and what the request was (to tell a replay from a reuse). */
export type KeyClaim = { scope: string; key: string; method: string; path: string; fingerprint: string };
type KeyRef = Pick<KeyClaim, 'scope' | 'key'>;

/** Signup's keys are scoped to the email instead. */
export function userScope(userId: string): string {
  return `user:${userId}`;
}

export function claimKey(db: Db, idem: KeyClaim, now: Date) {
  return db.insert(idempotencyKeys).values({
    scope: idem.scope,
    key: idem.key,
    method: idem.method,
    path: idem.path,
    fingerprint: idem.fingerprint,
    state: 'in_progress',
    createdAt: now.toISOString(),
  });
}

export function storeResponse(db: Db, idem: KeyRef, status: number, body: string | SQL) {
  return db
    .update(idempotencyKeys)
    .set({ state: 'done', status, response: body })
    // Only the first answer is kept: a later settlement never rewrites a stored response.
    .where(and(eq(idempotencyKeys.scope, idem.scope), eq(idempotencyKeys.key, idem.key), eq(idempotencyKeys.state, 'in_progress')));
}

export function releaseKey(db: Db, idem: KeyRef) {
  return db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, idem.scope), eq(idempotencyKeys.key, idem.key), eq(idempotencyKeys.state, 'in_progress')));
}

export function findKey(db: Db, scope: string, key: string) {
  return db.query.idempotencyKeys.findFirst({ where: and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)) });
}

/** A batch's refusal is in the error's text or its causes: a failed Drizzle batch throws the D1 error bare, a single query wraps it. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(' | ');
}

// Raised by the triggers of migrations/shard and migrations/directory.
const RAISED: ErrorCode[] = [
  'UNAUTHENTICATED',
  'ACTIVE_LIMIT_REACHED',
  'BENEFICIARY_MONTHLY_LIMIT',
  'MONTHLY_LIMIT',
  'BENEFICIARY_INACTIVE',
  'NOT_FOUND',
  'BALANCE_NOT_ZERO',
  'TOPUP_PENDING',
  'ACCOUNT_FROZEN',
  'SAME_APPROVER',
  'ALREADY_DECIDED',
];

const CONSTRAINTS: [RegExp, ErrorCode][] = [
  [/CHECK constraint failed: wallet_never_negative/, 'INSUFFICIENT_BALANCE'],
  [/UNIQUE constraint failed: users\.email/, 'EMAIL_TAKEN'],
  // A user id is the directory's for one email (db/directory.ts): taken means that email's account exists.
  [/UNIQUE constraint failed: users\.id\b/, 'EMAIL_TAKEN'],
  [/UNIQUE constraint failed: beneficiaries\.user_id, beneficiaries\.phone/, 'DUPLICATE_BENEFICIARY'],
  [/UNIQUE constraint failed: schedules\.beneficiary_id/, 'DUPLICATE_SCHEDULE'],
  [/UNIQUE constraint failed: problems\.topup_id/, 'DUPLICATE_PROBLEM'],
  // The last admin stays (migrations/directory/0002_operators.sql).
  [/\bLAST_ADMIN\b/, 'FORBIDDEN'],
];

/** null: not a refusal but a real fault. */
export function refusalFrom(error: unknown): DomainError | null {
  const text = errorText(error);
  for (const [pattern, code] of CONSTRAINTS) {
    if (pattern.test(text)) return new DomainError(code, ERROR_TEXT[code]);
  }
  for (const code of RAISED) {
    if (new RegExp(`\\b${code}\\b`).test(text)) return new DomainError(code, ERROR_TEXT[code]);
  }
  return null;
}

export function isUniqueViolation(error: unknown, target: string): boolean {
  return errorText(error).includes(`UNIQUE constraint failed: ${target}`);
}

/** A run's batch found its schedule paused, deleted, changed or already past this period. */
export function isScheduleChanged(error: unknown): boolean {
  return /\bSCHEDULE_CHANGED\b/.test(errorText(error));
}

export function isAlreadySettled(error: unknown): boolean {
  return /\bALREADY_SETTLED\b/.test(errorText(error));
}
