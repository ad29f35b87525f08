/** The last known server state in the user's database: its shape, read and written here, refreshed by cache.ts. */
import type { ApiUser } from '../../worker/contract/types';
import { readSnapshot, type Snapshot, type UserDb } from './model';

export function emptySnapshot(user: ApiUser): Snapshot {
  return { user, limits: null, beneficiaries: [], transactions: null, topups: null, options: null, syncedAt: null };
}

export async function updateSnapshot(db: UserDb, change: (current: Snapshot) => Snapshot): Promise<Snapshot | null> {
  const tx = db.transaction('snapshot', 'readwrite');
  const current = await tx.store.get('current');
  if (!current) {
    await tx.done;
    return null;
  }
  const next = change(current);
  await tx.store.put(next, 'current');
  await tx.done;
  return next;
}

export async function seedSnapshot(db: UserDb, user: ApiUser): Promise<void> {
  const existing = await readSnapshot(db);
  await db.put('snapshot', existing ? { ...existing, user } : emptySnapshot(user), 'current');
}
