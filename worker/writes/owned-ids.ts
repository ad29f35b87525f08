import type { Auth } from '../auth/tokens';
import { claimObjectId } from '../db/directory';
import type { RequestShards } from '../db/shards';
import { DomainError } from '../domain/errors';
import type { Outcome } from './run';

/** Only the directory sees every shard: a client id is claimed there first (another user's: 409 ID_CONFLICT), a server id after its row exists. */
export async function createOwned<B extends { id?: string | undefined }, R, S extends 200 | 201>(
  w: { shards: RequestShards; auth: Auth; now: Date },
  kind: 'beneficiary' | 'schedule',
  body: B,
  create: (body: B) => Promise<Outcome<R, S>>,
  idOf: (created: R) => string,
): Promise<Outcome<R, S>> {
  const claim = (id: string) => claimObjectId(w.shards.directory, { kind, id, userId: w.auth.userId, at: w.now.toISOString() });
  if (body.id !== undefined && !(await claim(body.id))) throw new DomainError('ID_CONFLICT', `This id is already used by another ${kind}`);
  const outcome = await create(body);
  if (body.id === undefined && !outcome.replayed) await claim(idOf(outcome.body));
  return outcome;
}
