/**
 * The latest notifications and the unread count, kept per user in localStorage so they show offline.
 * A push arriving while the app is open refreshes it (the service worker posts `topup:notification`).
 */
import { createSignal } from 'solid-js';
import { api } from '../lib/api';
import type { ApiNotification } from '../../worker/contract/types';
import { wallet } from './wallet';
import { unread, setUnread } from './inbox-store';

type Status = 'idle' | 'loading' | 'offline' | 'failed';
type Inbox = { items: ApiNotification[]; unread: number; status: Status };

// Signals, not a store: solid-js/store would join every screen's vendor chunk (Home's budget).
const [items, setItems] = createSignal<ApiNotification[]>([]);
const [status, setStatus] = createSignal<Status>('idle');

/** The inbox as screens read it (each field reactive). */
export const inbox: Readonly<Inbox> = {
  get items() {
    return items();
  },
  get unread() {
    return unread();
  },
  get status() {
    return status();
  },
};

function setInbox(next: Partial<Inbox>): void {
  if (next.items) setItems(next.items);
  if (next.unread !== undefined) setUnread(next.unread);
  if (next.status) setStatus(next.status);
}

const keyOf = (userId: string) => `topup.inbox.${userId}`;

function save(userId: string): void {
  try {
    localStorage.setItem(keyOf(userId), JSON.stringify({ items: inbox.items, unread: inbox.unread }));
  } catch {
    // storage full or refused: the inbox is still on screen
  }
}

/** What this device saved for the signed-in user (before the network answers, or instead of it). */
export function loadSavedInbox(): void {
  const userId = wallet.session?.userId;
  if (!userId) return;
  try {
    const saved = JSON.parse(localStorage.getItem(keyOf(userId)) ?? 'null') as Pick<Inbox, 'items' | 'unread'> | null;
    if (saved) setInbox({ items: saved.items, unread: saved.unread });
  } catch {
    // a damaged copy is ignored
  }
}

/** Sign-out: nothing of the inbox stays on the device or on screen. */
export function forgetInbox(userId: string): void {
  localStorage.removeItem(keyOf(userId));
  setItems([]);
  setUnread(0);
  setStatus('idle');
}

export async function refreshInbox(): Promise<void> {
  const userId = wallet.session?.userId;
  if (!userId) return;
  if (inbox.items.length === 0) loadSavedInbox();
  setInbox({ status: 'loading' });
  const res = await api.notifications();
  if (wallet.session?.userId !== userId) return;
  if (!res.ok) return void setInbox({ status: res.status === 0 ? 'offline' : 'failed' });
  setInbox({ items: res.data.items, unread: res.data.unread, status: 'idle' });
  save(userId);
}

/** Marks read on the screen at once, then on the server (a failure is corrected by the next refresh). */
export async function markRead(ids: string[] | 'all'): Promise<void> {
  const userId = wallet.session?.userId;
  if (!userId) return;
  const chosen = (n: ApiNotification) => n.read_at === null && (ids === 'all' || ids.includes(n.id));
  const now = new Date().toISOString();
  const newlyRead = inbox.items.filter(chosen).length;
  if (newlyRead === 0 && ids !== 'all') return;
  setInbox({ items: inbox.items.map((n) => (chosen(n) ? { ...n, read_at: now } : n)), unread: Math.max(0, inbox.unread - newlyRead) });
  save(userId);
  const res = await api.markRead(ids === 'all' ? { all: true } : { ids });
  if (res.ok && wallet.session?.userId === userId) {
    setInbox({ unread: res.data.unread });
    save(userId);
  }
}

if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string } | null>) => {
    if (event.data?.type === 'topup:notification') void refreshInbox();
  });
}
