/** The one store: the user's last known state, the outbox and the view of both, filled from IndexedDB (network or not). */
import { batch, createSignal, untrack, type Accessor, type Setter } from 'solid-js';
import { type Session, openUserDb } from '../offline/schema';
import {
  listAttention,
  listOutbox,
  listResults,
  projectView,
  readSnapshot,
  type ApplyIntent,
  type AttentionEntry,
  type OutboxEntry,
  type ResultEntry,
  type Snapshot,
  type UserDb,
  type View,
} from '../offline/model';

export type Phase = 'loading' | 'signedOut' | 'ready';

export type WalletState = {
  phase: Phase;
  session: Session | null;
  snapshot: Snapshot | null;
  outbox: OutboxEntry[];
  attention: AttentionEntry[];
  results: ResultEntry[];
  view: View | null;
  /** False when the browser says so or the last request could not reach the server. */
  online: boolean;
  syncing: boolean;
  /** The server no longer accepts our session: the queue waits for a new sign-in. */
  sessionExpired: boolean;
  /** Why the last flush did not finish, when it is worth showing. */
  syncProblem: string | null;
};

/** Everything that belongs to the signed-in user: empty at start, emptied on sign-out. */
function noUserData() {
  return {
    session: null,
    snapshot: null,
    outbox: [],
    attention: [],
    results: [],
    view: null,
    sessionExpired: false,
    syncProblem: null,
  } satisfies Partial<WalletState>;
}

const initial: WalletState = {
  phase: 'loading',
  ...noUserData(),
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
};

// One signal per field, behind plain property reads: `wallet.view`, `wallet.online`…
const signals = Object.fromEntries(
  // eslint-disable-next-line solid/reactivity -- each signal pair is kept whole and read through the getters below
  Object.entries(initial).map(([name, value]) => [name, createSignal<unknown>(value)]),
) as { [K in keyof WalletState]: [Accessor<WalletState[K]>, Setter<WalletState[K]>] };

export const wallet = Object.defineProperties(
  {},
  Object.fromEntries(Object.keys(initial).map((name) => [name, { get: signals[name as keyof WalletState][0], enumerable: true }])),
) as Readonly<WalletState>;

export function setWallet<K extends keyof WalletState>(name: K, value: WalletState[K]): void;
export function setWallet(patch: Partial<WalletState>): void;
export function setWallet(nameOrPatch: keyof WalletState | Partial<WalletState>, value?: unknown): void {
  const patch = typeof nameOrPatch === 'string' ? { [nameOrPatch]: value } : nameOrPatch;
  batch(() => {
    for (const [name, next] of Object.entries(patch)) {
      const [get, set] = signals[name as keyof WalletState] as [Accessor<unknown>, Setter<unknown>];
      set(() => share(untrack(get), next));
    }
  });
}

const state = wallet;

let db: UserDb | null = null;

export function currentDb(): UserDb | null {
  return db;
}

/** Shows `session`'s data; `prepare` runs on their database first (e.g. to store the user after sign-in). */
export async function openFor(session: Session, prepare?: (db: UserDb) => Promise<void>): Promise<void> {
  if (db && state.session?.userId !== session.userId) closeDb();
  db ??= await openUserDb(session.userId, () => import('../offline/queue-upgrade'));
  if (prepare) await prepare(db);
  setWallet('session', session);
  await loadFromDb();
  setWallet('phase', 'ready');
}

export function closeDb(): void {
  db?.close();
  db = null;
}

export function resetToSignedOut(): void {
  closeDb();
  setWallet({ phase: 'signedOut', ...noUserData() });
}

/** Reads everything the screens show from IndexedDB (after any change, here or in another tab). */
export async function loadFromDb(): Promise<void> {
  const source = db;
  if (!source) return;
  let data: [Snapshot | undefined, OutboxEntry[], AttentionEntry[], ResultEntry[]];
  try {
    data = await Promise.all([readSnapshot(source), listOutbox(source), listAttention(source), listResults(source)]);
  } catch {
    // The database was closed under us (signed out in another tab): the session listener takes over.
    return;
  }
  if (source !== db) return;
  const [snapshot, outbox, attention, results] = data;
  // The intents' definitions load only when something is queued (see projectView).
  const apply: ApplyIntent = outbox.length ? (await import('../offline/intents')).projectIntent : nothingQueued;
  if (source !== db) return;
  setWallet({ snapshot: snapshot ?? null, outbox, attention, results, view: snapshot ? projectView(snapshot, outbox, apply) : null });
}

const nothingQueued: ApplyIntent = () => undefined;

/** The name a beneficiary goes by on screen, including ones only queued so far. */
export function nicknameOf(id: string): string | undefined {
  return state.view?.beneficiaries.find((b) => b.id === id)?.nickname ?? state.snapshot?.beneficiaries.find((b) => b.id === id)?.nickname;
}

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

function keyOf(value: unknown): unknown {
  return isObject(value) ? (value.id ?? value.key) : undefined;
}

/**
 * setWallet's structural sharing: parts of `next` equal to `prev`'s keep prev's object (array items matched
 * by `id` or `key`), so signals notify only real changes and <For> keeps rows and focus. No solid-js/store.
 */
export function share<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return prev as T;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const before: readonly unknown[] = prev;
    const byKey = new Map(before.map((item) => [keyOf(item), item]));
    const after: readonly unknown[] = next;
    const out = after.map((item, i) => {
      const key = keyOf(item);
      return share(key === undefined ? before[i] : byKey.get(key), item);
    });
    return (out.length === prev.length && out.every((item, i) => item === before[i]) ? prev : out) as T;
  }
  if (isObject(prev) && isObject(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(prev).length;
    const out: Obj = {};
    for (const key of keys) {
      out[key] = share(prev[key], next[key]);
      if (out[key] !== prev[key]) same = false;
    }
    return (same ? prev : out) as T;
  }
  return next;
}
