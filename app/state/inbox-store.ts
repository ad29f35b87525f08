/**
 * The unread count alone (state/inbox.ts keeps it up to date): Home's bell reads it from
 * here without loading the inbox, its store or the API client into Home's first screen.
 */
import { createSignal } from 'solid-js';

export const [unread, setUnread] = createSignal(0);
