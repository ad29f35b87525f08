/**
 * Turns the refusals raised inside a D1 batch (trigger RAISE, CHECK and UNIQUE
 * constraints) into the contract's codes. A failed Drizzle batch throws the D1
 * error bare; a single failed query wraps it in `.cause`: read both.
 */
import { DomainError, ERROR_TEXT, type ErrorCode } from '../domain/errors';

export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(' | ');
}

// Codes raised by the triggers in migrations/0001_rules.sql.
const RAISED: ErrorCode[] = [
  'UNAUTHENTICATED',
  'ACTIVE_LIMIT_REACHED',
  'BENEFICIARY_MONTHLY_LIMIT',
  'MONTHLY_LIMIT',
  'BENEFICIARY_INACTIVE',
  'NOT_FOUND',
  'BALANCE_NOT_ZERO',
  'TOPUP_PENDING',
  // migrations/shard/0007_operations.sql
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
  // migrations/directory/0002_operators.sql: the last admin stays.
  [/\bLAST_ADMIN\b/, 'FORBIDDEN'],
];

/** The domain refusal behind a failed batch, or null when it is not one (a real fault). */
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
