/** runWrite's twin for reads: the signed-in user (401 once the session ended) and the caller's reads, in one D1 batch. */
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { liveUser, meQuery } from '../db/sessions';
import type { Auth } from '../auth/tokens';

type Item = BatchItem<'sqlite'>;
export type Reader = { db: Db; auth: Auth; now: Date };
export type Me = ReturnType<typeof liveUser<Awaited<ReturnType<typeof meQuery>>[number]>>;

export async function readAsUser<T extends readonly Item[]>(r: Reader, ...queries: T): Promise<[Me, ...BatchResponse<T>]> {
  const [me, ...rows] = (await r.db.batch([meQuery(r.db, r.auth, r.now), ...queries] as [Item, ...Item[]])) as unknown[];
  return [liveUser(me as Me[]), ...(rows as BatchResponse<T>)];
}
