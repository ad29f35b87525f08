/** The last known server state in the user's database: its shape, read and written here, refreshed by cache.ts. */
import type { ApiBeneficiary, ApiLimits, ApiOptions, ApiSchedule, ApiStatement, ApiTopup, ApiTransaction, ApiUser, Page } from '../../worker/domain/contract';
import type { UserDb } from './schema';

/** The server's state as last seen: the screen shows it with the queued intents applied on top. */
export type Snapshot = {
  user: ApiUser;
  limits: ApiLimits | null;
  beneficiaries: ApiBeneficiary[];
  transactions: Page<ApiTransaction> | null;
  topups: Page<ApiTopup> | null;
  options: ApiOptions | null;
  syncedAt: string | null;
  /** GET /api/schedules. Optional: snapshots stored before auto top-up have none (same store, no upgrade). */
  schedules?: ApiSchedule[];
  /** Statements of months that are over (they no longer change), by "YYYY-MM": read offline. Optional, like `schedules`. */
  statements?: Record<string, ApiStatement>;
};

export function emptySnapshot(user: ApiUser): Snapshot {
  return { user, limits: null, beneficiaries: [], transactions: null, topups: null, options: null, syncedAt: null };
}

export function readSnapshot(db: UserDb): Promise<Snapshot | undefined> {
  return db.get('snapshot', 'current');
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
