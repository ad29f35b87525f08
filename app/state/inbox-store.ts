/** The unread count alone: Home's bell reads it without bringing the inbox or the API client into Home's first screen. */
import { createSignal } from 'solid-js';

export const [unread, setUnread] = createSignal(0);
