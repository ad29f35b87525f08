/**
 * Tabs and the service worker tell each other through a BroadcastChannel: a change in one
 * shows in the others, a sign-in or sign-out in one is followed by all. It exists in pages
 * and workers. (Who flushes the outbox is settled by a Web Lock: writes.ts.)
 */
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
