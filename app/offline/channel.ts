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

const localLocks = new Map<string, Promise<unknown>>();

/**
 * Runs `task` while holding the lock `name`. `skip`: if someone else holds it,
 * answer 'busy' at once (they are doing the work). `wait`: run after them.
 */
export async function withLock<T>(name: string, task: () => Promise<T>, mode: 'skip' | 'wait' = 'skip'): Promise<T | 'busy'> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) {
    if (mode === 'wait') return locks.request(name, () => task());
    return locks.request(name, { ifAvailable: true }, (lock) => (lock ? task() : ('busy' as const)));
  }
  // Runtimes without Web Locks (tests): the same within one process.
  const held = localLocks.get(name);
  if (held && mode === 'skip') return 'busy';
  const run = (held ?? Promise.resolve()).catch(() => undefined).then(task);
  localLocks.set(name, run);
  try {
    return await run;
  } finally {
    if (localLocks.get(name) === run) localLocks.delete(name);
  }
}
