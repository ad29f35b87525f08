/**
 * How the flush treats the server's status for one replayed action. The parts
 * that belong to the transport (session, throttling, a busy key) are decided
 * here for every intent; what a refusal means is the intent's own rule (book.ts).
 */
import { refusalOutcome } from './intents/book';
import { errorCode } from './intents/answers';
import type { Intent } from './intents/types';

export type Outcome = 'ok' | 'transient' | 'refused' | 'unauthenticated' | 'mismatch';

export function classify(intent: Intent, status: number, body: unknown): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'unauthenticated';
  const code = errorCode(body);
  if (status === 403 && code === 'USER_MISMATCH') return 'mismatch';
  if (status === 409 && code === 'IDEMPOTENCY_IN_PROGRESS') return 'transient';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'transient';
  return refusalOutcome(intent, code, status) === 'done' ? 'ok' : 'refused';
}
