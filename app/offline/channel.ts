/** Tabs and the service worker tell each other of changes and of sign-in or out (who flushes: a Web Lock, writes.ts). */
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
