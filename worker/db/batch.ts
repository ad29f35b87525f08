/**
 * Every write goes through writeBatch: one D1 batch (one SQL transaction) that
 * starts with the session check and the idempotency claim, then the handler's
 * statements. Any refusal raised inside (trigger, CHECK, UNIQUE) rolls back all of
 * it, claim included.
 */
import type { Context } from 'hono';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { AppEnv } from '../app-env';
import { claimKey } from './idempotency';
import { sessionAssertion } from './session';
import { isUniqueViolation, refusalFrom } from './errors';
import { answerExistingKey } from '../middleware/idempotency';
import { authOf } from '../middleware/session';

type Item = BatchItem<'sqlite'>;

/** Thrown to answer with a stored response (a replay); onError returns it as is. */
export class ReplayResponse extends Error {
  constructor(readonly response: Response) {
    super('replay');
  }
}

export async function writeBatch<T extends readonly [Item, ...Item[]]>(
  c: Context<AppEnv>,
  statements: T,
  options: { session?: boolean } = {},
): Promise<BatchResponse<T>> {
  const { db, idem, now } = c.var;
  const prefix: Item[] = [];
  if (options.session !== false) prefix.push(sessionAssertion(db, authOf(c), now));
  if (idem) prefix.push(claimKey(db, idem, now));
  try {
    const results = await db.batch([...prefix, ...statements] as unknown as [Item, ...Item[]]);
    if (idem) idem.claimed = true;
    return results.slice(prefix.length) as unknown as BatchResponse<T>;
  } catch (error) {
    if (idem && isUniqueViolation(error, 'idempotency_keys.')) {
      throw new ReplayResponse(await answerExistingKey(c, idem));
    }
    throw refusalFrom(error) ?? error;
  }
}
