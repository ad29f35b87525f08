/** The stored half of a passkey; a removed passkey's row is deleted, so it never signs in again. */
import { and, desc, eq, gt, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { passkeys } from './schema';

export type PasskeyRow = typeof passkeys.$inferSelect;

export const passkeyColumns = { id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt };

export function toApiPasskey(p: { id: string; name: string; createdAt: string; lastUsedAt: string | null }) {
  return { id: p.id, name: p.name, created_at: p.createdAt, last_used_at: p.lastUsedAt };
}

export function listPasskeys(db: Db, userId: string) {
  return db.select(passkeyColumns).from(passkeys).where(eq(passkeys.userId, userId)).orderBy(desc(passkeys.createdAt), passkeys.id);
}

/** What registration options exclude: the user's credentials, so an authenticator is not registered twice. */
export function credentialsOf(db: Db, userId: string) {
  return db.select({ credentialId: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, userId));
}

export function insertPasskey(db: Db, p: typeof passkeys.$inferInsert) {
  return db.insert(passkeys).values(p).returning(passkeyColumns);
}

export function deletePasskey(db: Db, userId: string, id: string) {
  return db.delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.userId, userId))).returning({ id: passkeys.id, credentialId: passkeys.credentialId });
}

/** The passkey with this credential id on this shard, or undefined (unknown or removed). The directory says which shard (db/directory.ts). */
export async function findPasskey(db: Db, credentialId: string): Promise<PasskeyRow | undefined> {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId)).limit(1);
  return row;
}

/** Compare-and-set on the counter (above the stored one, or both zero): two sign-ins racing with one counter cannot both pass. false: refused. */
export async function recordPasskeyUse(db: Db, u: { id: string; counter: number; backedUp: boolean; at: string }): Promise<boolean> {
  const rows = await db
    .update(passkeys)
    .set({ counter: u.counter, backedUp: u.backedUp, lastUsedAt: u.at })
    .where(and(eq(passkeys.id, u.id), or(gt(sql`${u.counter}`, passkeys.counter), and(eq(passkeys.counter, 0), sql`${u.counter} = 0`))))
    .returning({ id: passkeys.id });
  return rows.length === 1;
}

const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** The stored JSON list of transports, keeping only names WebAuthn knows. */
export function transportsOf(stored: string): string[] {
  try {
    const list = JSON.parse(stored) as unknown;
    return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string' && TRANSPORTS.has(t)) : [];
  } catch {
    return [];
  }
}
