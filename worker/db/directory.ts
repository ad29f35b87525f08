/** The directory database (ADR 010): email → user and shard, passkey credential → owner, client ids claimed across shards. */

export type DirectoryEntry = { userId: string; shard: number; state: 'pending' | 'active' };

type EntryRow = { user_id: string; shard: number; state: 'pending' | 'active' };
const entryOf = (row: EntryRow | null | undefined): DirectoryEntry | null => (row ? { userId: row.user_id, shard: row.shard, state: row.state } : null);

/** Where an email's user lives (sign-in: the one directory query). */
export async function findByEmail(dir: D1Database, email: string): Promise<DirectoryEntry | null> {
  return entryOf(await dir.prepare(`SELECT user_id, shard, state FROM users_directory WHERE email = ?`).bind(email).first<EntryRow>());
}

/** One batch: a new `pending` row on the least-used open shard, or the row already there, so retries and races build one account under one id. */
export async function reserveEmail(dir: D1Database, r: { email: string; userId: string; open: number[]; at: string }): Promise<DirectoryEntry> {
  const counts = r.open.map(() => '(?)').join(', ');
  const openList = r.open.map(() => '?').join(', ');
  const [, , , row] = await dir.batch([
    dir.prepare(`INSERT OR IGNORE INTO shard_counts (shard) VALUES ${counts}`).bind(...r.open),
    dir
      .prepare(
        `INSERT OR IGNORE INTO users_directory (email, user_id, shard, state, created_at)
         SELECT ?, ?, (SELECT shard FROM shard_counts WHERE shard IN (${openList}) ORDER BY users, shard LIMIT 1), 'pending', ?`,
      )
      .bind(r.email, r.userId, ...r.open, r.at),
    // Counts only the reservation this batch made (its user id is new), never a retry's.
    dir
      .prepare(`UPDATE shard_counts SET users = users + 1 WHERE shard = (SELECT shard FROM users_directory WHERE email = ? AND user_id = ?)`)
      .bind(r.email, r.userId),
    dir.prepare(`SELECT user_id, shard, state FROM users_directory WHERE email = ?`).bind(r.email),
  ]);
  const entry = entryOf(row?.results[0] as EntryRow | undefined);
  if (!entry) throw new Error('directory: no row after reserving an email');
  return entry;
}

/** Settles the reservation; written back (and counted) if a refused racing sign-up released it meanwhile. */
export async function markActive(dir: D1Database, e: { email: string; userId: string; shard: number; at: string }): Promise<void> {
  await dir.batch([
    dir.prepare(`UPDATE shard_counts SET users = users + 1 WHERE shard = ? AND NOT EXISTS (SELECT 1 FROM users_directory WHERE email = ?)`).bind(e.shard, e.email),
    dir
      .prepare(
        `INSERT INTO users_directory (email, user_id, shard, state, created_at) VALUES (?, ?, ?, 'active', ?)
         ON CONFLICT (email) DO UPDATE SET state = 'active' WHERE users_directory.user_id = excluded.user_id AND users_directory.state = 'pending'`,
      )
      .bind(e.email, e.userId, e.shard, e.at),
  ]);
}

/** A refused sign-up gives back its own pending reservation and its count, in one batch; a row another request settled stays. */
export async function releaseEmail(dir: D1Database, email: string, userId: string): Promise<void> {
  const mine = `SELECT shard FROM users_directory WHERE email = ? AND user_id = ? AND state = 'pending'`;
  await dir.batch([
    dir.prepare(`UPDATE shard_counts SET users = users - 1 WHERE shard = (${mine}) AND users > 0`).bind(email, userId),
    dir.prepare(`DELETE FROM users_directory WHERE email = ? AND user_id = ? AND state = 'pending'`).bind(email, userId),
  ]);
}

/** true when the id is (now) this user's, false when another user holds it (409 ID_CONFLICT). */
export async function claimObjectId(dir: D1Database, o: { kind: 'beneficiary' | 'schedule'; id: string; userId: string; at: string }): Promise<boolean> {
  const [, owner] = await dir.batch([
    dir.prepare(`INSERT OR IGNORE INTO object_ids (kind, id, user_id, created_at) VALUES (?, ?, ?, ?)`).bind(o.kind, o.id, o.userId, o.at),
    dir.prepare(`SELECT user_id FROM object_ids WHERE kind = ? AND id = ?`).bind(o.kind, o.id),
  ]);
  return (owner?.results[0] as { user_id: string } | undefined)?.user_id === o.userId;
}

export type PasskeyOwner = { userId: string; shard: number };

/** Records which user (and shard) a new credential belongs to; a credential id another user holds is refused. */
export async function recordPasskeyOwner(dir: D1Database, p: { credentialId: string; userId: string; shard: number; at: string }): Promise<void> {
  const [, owner] = await dir.batch([
    dir.prepare(`INSERT OR IGNORE INTO passkey_credentials (credential_id, user_id, shard, created_at) VALUES (?, ?, ?, ?)`).bind(p.credentialId, p.userId, p.shard, p.at),
    dir.prepare(`SELECT user_id FROM passkey_credentials WHERE credential_id = ?`).bind(p.credentialId),
  ]);
  const holder = (owner?.results[0] as { user_id: string } | undefined)?.user_id;
  if (holder !== p.userId) throw new Error('directory: this passkey credential belongs to another user');
}

export async function forgetPasskeyOwner(dir: D1Database, credentialId: string): Promise<void> {
  await dir.prepare(`DELETE FROM passkey_credentials WHERE credential_id = ?`).bind(credentialId).run();
}

export async function findPasskeyOwner(dir: D1Database, credentialId: string): Promise<PasskeyOwner | null> {
  const row = await dir.prepare(`SELECT user_id, shard FROM passkey_credentials WHERE credential_id = ?`).bind(credentialId).first<{ user_id: string; shard: number }>();
  return row ? { userId: row.user_id, shard: row.shard } : null;
}

/** A passkey sign-in challenge lives here (no user yet, so no shard); a few expired ones are swept in the same batch. */
export async function issueSignInChallenge(dir: D1Database, c: { challenge: string; nowMs: number; ttlMs: number }): Promise<void> {
  await dir.batch([
    dir.prepare(`DELETE FROM sign_in_challenges WHERE rowid IN (SELECT rowid FROM sign_in_challenges WHERE expires_at < ? LIMIT 20)`).bind(c.nowMs),
    dir.prepare(`INSERT INTO sign_in_challenges (challenge, expires_at) VALUES (?, ?)`).bind(c.challenge, c.nowMs + c.ttlMs),
  ]);
}

/** Passkey sign-in's one directory round trip: takes the challenge (once, whatever follows) and finds the credential's owner. */
export async function takeSignInChallenge(
  dir: D1Database,
  c: { challenge: string; credentialId: string; nowMs: number },
): Promise<{ taken: boolean; owner: PasskeyOwner | null }> {
  const [taken, owner] = await dir.batch([
    dir.prepare(`DELETE FROM sign_in_challenges WHERE challenge = ? AND expires_at > ? RETURNING challenge`).bind(c.challenge, c.nowMs),
    dir.prepare(`SELECT user_id, shard FROM passkey_credentials WHERE credential_id = ?`).bind(c.credentialId),
  ]);
  const row = owner?.results[0] as { user_id: string; shard: number } | undefined;
  return { taken: (taken?.results.length ?? 0) === 1, owner: row ? { userId: row.user_id, shard: row.shard } : null };
}

/** An unknown email's failed sign-ins count on a shard fixed by the email (FNV-1a): unknown emails are throttled like known ones. */
export function shardForUnknown(email: string, shards: number[]): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(email)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return shards[hash % shards.length] ?? 0;
}
