/**
 * The last known server state, kept in the user's database so the app opens
 * offline. Refreshed from the API after each flush and on app start; IndexedDB
 * is a cache here, never the source of truth.
 */
import { api, type Result } from '../lib/api';
import { readSnapshot, type UserDb } from './model';
import { updateSnapshot } from './snapshot';

export const RECENT_ACTIVITY = 10;

export type RefreshOutcome = 'ok' | 'offline' | 'unauthenticated' | 'partial';

/**
 * Everything the home screen shows, in one request (GET /api/bootstrap). A
 * server without that route (404) gets the contract's GETs in parallel.
 */
export async function refreshSnapshot(db: UserDb, now = Date.now()): Promise<RefreshOutcome> {
  const boot = await api.bootstrap();
  if (boot.status === 401) return 'unauthenticated';
  if (boot.status === 0) return 'offline';
  if (!boot.ok) return boot.status === 404 ? refreshPiecewise(db, now) : 'partial';
  const data = boot.data;
  await updateSnapshot(db, (s) => ({
    ...s,
    user: data.user,
    options: data.options,
    limits: data.limits,
    beneficiaries: data.beneficiaries,
    transactions: data.transactions,
    schedules: data.schedules.items,
    syncedAt: new Date(now).toISOString(),
  }));
  return 'ok';
}

async function refreshPiecewise(db: UserDb, now: number): Promise<RefreshOutcome> {
  const wantOptions = !(await readSnapshot(db))?.options;
  const [me, limits, beneficiaries, transactions, schedules, options] = await Promise.all([
    api.me(),
    api.limits(),
    api.beneficiaries(),
    api.transactions(null, RECENT_ACTIVITY),
    api.schedules(),
    wantOptions ? api.options() : Promise.resolve(null),
  ]);
  const all: Result<unknown>[] = [me, limits, beneficiaries, transactions, schedules];
  if (all.some((r) => r.status === 401)) return 'unauthenticated';
  if (all.every((r) => r.status === 0)) return 'offline';
  await updateSnapshot(db, (s) => ({
    ...s,
    user: me.ok ? me.data.user : s.user,
    limits: limits.ok ? limits.data : s.limits,
    beneficiaries: beneficiaries.ok ? beneficiaries.data.items : s.beneficiaries,
    transactions: transactions.ok ? transactions.data : s.transactions,
    schedules: schedules.ok ? schedules.data.items : s.schedules,
    options: options?.ok ? options.data : s.options,
    syncedAt: all.every((r) => r.ok) ? new Date(now).toISOString() : s.syncedAt,
  }));
  return all.every((r) => r.ok) ? 'ok' : 'partial';
}

/** The first page of top-ups, for the activity screen and receipts offline. */
export async function refreshTopups(db: UserDb): Promise<RefreshOutcome> {
  const topups = await api.topups(null, RECENT_ACTIVITY);
  if (topups.status === 401) return 'unauthenticated';
  if (!topups.ok) return topups.status === 0 ? 'offline' : 'partial';
  await updateSnapshot(db, (s) => ({ ...s, topups: topups.data }));
  return 'ok';
}

export async function refreshOptions(db: UserDb): Promise<RefreshOutcome> {
  const options = await api.options();
  if (!options.ok) return options.status === 0 ? 'offline' : 'partial';
  await updateSnapshot(db, (s) => ({ ...s, options: options.data }));
  return 'ok';
}
