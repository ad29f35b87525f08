/** The Contact Picker API (Chromium on Android), feature-detected; a picked number is read as a typed one. */
import { normalizeUaeMobile } from '../../worker/domain/phone';
import { latinDigits } from './input';

/** What `navigator.contacts.select(['name', 'tel'])` gives (not in TypeScript's DOM types yet). */
export type ContactInfo = { name?: string[]; tel?: string[] };
type ContactsManager = { select(properties: ('name' | 'tel')[], options?: { multiple?: boolean }): Promise<ContactInfo[]> };

export type PickedContact = { kind: 'picked'; phone: string; name: string | null } | { kind: 'cancelled' } | { kind: 'notUae' };

export function canPickContacts(): boolean {
  return typeof navigator !== 'undefined' && 'contacts' in navigator && typeof window !== 'undefined' && 'ContactsManager' in window;
}

/** The first of the contact's numbers that is a UAE mobile, in E.164; its first name as the nickname hint. */
export function uaeContact(picked: ContactInfo[]): PickedContact {
  const contact = picked[0];
  if (!contact) return { kind: 'cancelled' };
  const phone = (contact.tel ?? []).map((tel) => normalizeUaeMobile(latinDigits(tel))).find((e164): e164 is string => !!e164);
  if (!phone) return { kind: 'notUae' };
  const name = contact.name?.map((n) => n.trim()).find(Boolean) ?? null;
  return { kind: 'picked', phone, name };
}

export async function pickUaeContact(): Promise<PickedContact> {
  const manager = (navigator as Navigator & { contacts?: ContactsManager }).contacts;
  if (!manager) return { kind: 'cancelled' };
  try {
    return uaeContact(await manager.select(['name', 'tel'], { multiple: false }));
  } catch {
    // The picker was dismissed or is busy: nothing chosen.
    return { kind: 'cancelled' };
  }
}
