/**
 * Checks on one answer as it arrives, from what the client alone can know: the
 * contract's status ↔ code table, the codes each request may get, no 5xx, no
 * internals in a body, validation refusals for invalid input, 404 for another
 * user's objects, and idempotency (a key answered 2xx before replays that answer;
 * the same key with another request is refused).
 */
import { ERROR_STATUS, type ErrorCode } from '../../../worker/domain/errors';
import type { Sent } from './run';

export type Kind = 'deposit' | 'withdraw' | 'create' | 'patch' | 'delete' | 'topup' | 'verify' | 'foreign' | 'schedule' | 'schedulePatch' | 'scheduleDelete';

const KEYED = ['IDEMPOTENCY_IN_PROGRESS', 'IDEMPOTENCY_KEY_REUSED'];
const ALLOWED: Record<Kind, string[]> = {
  deposit: ['201', 'VALIDATION_FAILED'],
  withdraw: ['201', 'VALIDATION_FAILED', 'INSUFFICIENT_BALANCE'],
  create: ['201', '200', 'ACTIVE_LIMIT_REACHED', 'DUPLICATE_BENEFICIARY', 'ID_CONFLICT', 'VALIDATION_FAILED'],
  patch: ['200', 'NOT_FOUND', 'ACTIVE_LIMIT_REACHED', 'VALIDATION_FAILED'],
  delete: ['204', 'NOT_FOUND'],
  topup: ['201', 'NOT_FOUND', 'BENEFICIARY_INACTIVE', 'INSUFFICIENT_BALANCE', 'BENEFICIARY_MONTHLY_LIMIT', 'MONTHLY_LIMIT', 'VALIDATION_FAILED'],
  verify: ['200'],
  foreign: ['NOT_FOUND'],
  // The slot's beneficiary may be gone, inactive or already scheduled by the time it arrives.
  schedule: ['201', 'NOT_FOUND', 'BENEFICIARY_INACTIVE', 'DUPLICATE_SCHEDULE'],
  // Deleted meanwhile (by hand or with its beneficiary).
  schedulePatch: ['200', 'NOT_FOUND'],
  scheduleDelete: ['204', 'NOT_FOUND'],
};

const LEAKS = /SQLITE|constraint failed|D1_ERROR|\bat [\w.<>]+ \(|Error: |drizzle|worker\//i;

export function outcome(status: number, json: unknown): string {
  if (status < 300) return String(status);
  return (json as { error?: { code?: string } } | null)?.error?.code ?? `status ${status}`;
}

const sameRequest = (a: Sent, b: Sent) => a.method === b.method && a.path === b.path && JSON.stringify(a.body ?? null) === JSON.stringify(b.body ?? null);

/** What a replay must repeat. A top-up's balance is read when the answer is built, so only the top-up itself must match. */
function replayable(sent: Sent): unknown {
  if (sent.kind === 'topup' && sent.json && typeof sent.json === 'object') return (sent.json as { topup: unknown }).topup;
  return sent.json;
}

export function checkAnswer(sent: Sent, prior: Sent[]): string[] {
  const problems: string[] = [];
  const got = outcome(sent.status, sent.json);
  const text = JSON.stringify(sent.json) ?? '';
  if (sent.status >= 500) problems.push(`server error ${sent.status}: ${text.slice(0, 300)}`);
  if (LEAKS.test(text) && sent.status >= 400) problems.push(`internals in the body: ${text.slice(0, 300)}`);
  if (sent.status >= 400) {
    const code = got as ErrorCode;
    if (ERROR_STATUS[code] !== sent.status) problems.push(`status ${sent.status} with code ${code}`);
    if (typeof (sent.json as { error?: { message?: unknown } }).error?.message !== 'string') problems.push(`error without a message: ${text}`);
  }
  if (!ALLOWED[sent.kind].includes(got) && !KEYED.includes(got)) problems.push(`unexpected ${got}: ${text.slice(0, 300)}`);
  if (sent.invalid && got !== 'VALIDATION_FAILED') problems.push(`invalid input answered ${got}`);
  if (sent.kind === 'foreign' && got !== 'NOT_FOUND') problems.push(`another user's object answered ${got}`);

  const first = prior.find((p) => p.status >= 200 && p.status < 300);
  if (first && !sent.invalid) {
    if (sameRequest(first, sent)) {
      if (sent.status !== first.status) problems.push(`replay answered ${sent.status}, first answer was ${first.status}`);
      else if (JSON.stringify(replayable(sent)) !== JSON.stringify(replayable(first))) {
        problems.push(`replay differs: first ${JSON.stringify(first.json)}, replay ${text}`);
      }
      if (sent.via !== 'sync' && sent.status < 300 && !sent.replayed) problems.push('replay without Idempotent-Replayed: true');
    } else if (got !== 'IDEMPOTENCY_KEY_REUSED') {
      problems.push(`key reused for another request answered ${got}, want IDEMPOTENCY_KEY_REUSED`);
    }
  }
  return problems;
}
