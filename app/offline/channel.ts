/**
 * Tabs and the service worker coordinate through a BroadcastChannel (a change
 * in one shows in the others) and Web Locks (only one of them flushes the
 * outbox at a time). Both exist in pages and workers.
 */
/** The Background Sync tag and the Web Lock that guard the outbox of one user. */
export const SYNC_TAG = 'topup-outbox';
export const syncLockName = (userId: string) => `topup-sync-${userId}`;

export type Message = { type: 'changed'; userId: string } | { type: 'session' };

const CHANNEL = 'topup';
let channel: BroadcastChannel | null | undefined;

function getChannel(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  return channel;
}

export function broadcast(message: Message): void {
  getChannel()?.postMessage(message);
}

export function onBroadcast(listener: (message: Message) => void): () => void {
  const ch = getChannel();
  const handler = (event: MessageEvent<Message>) => listener(event.data);
  ch?.addEventListener('message', handler);
  return () => ch?.removeEventListener('message', handler);
}

const localLocks = new Set<string>();

/**
 * Runs `task` unless someone else holds the lock, in which case it answers
 * 'busy' at once (the holder is already doing the work).
 */
export async function withLock<T>(name: string, task: () => Promise<T>): Promise<T | 'busy'> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(name, { ifAvailable: true }, (lock) => (lock ? task() : ('busy' as const)));
  // Runtimes without Web Locks (tests): one holder per process.
  if (localLocks.has(name)) return 'busy';
  localLocks.add(name);
  try {
    return await task();
  } finally {
    localLocks.delete(name);
  }
}
