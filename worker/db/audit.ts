/** The audit log (ADR 015): each record is inserted by the batch that makes the change, so neither exists without the other. */
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { auditLog } from './schema';
import type { Db } from './client';
import type { Operator } from '../domain/roles';

export type AuditEntry = {
  action: string;
  target: string;
  /** The customer concerned, if any (so filtering by a user id finds every act on them). */
  userId: string | null;
  reason: string;
  /** JSON text, or SQL that builds it inside the batch (the state just before the change). */
  before: string | SQL | null;
  after: string | SQL | null;
};

export function insertAudit(db: Db, operator: Operator, at: string, e: AuditEntry) {
  return db.insert(auditLog).values({
    id: crypto.randomUUID(),
    at,
    actor: operator.email,
    role: operator.role,
    action: e.action,
    target: e.target,
    userId: e.userId,
    reason: e.reason,
    before: e.before,
    after: e.after,
    requestId: operator.requestId,
  });
}

export type AuditCursor = { at: string; id: string };

export function encodeAuditCursor(c: AuditCursor): string {
  return btoa(JSON.stringify([c.at, c.id])).replace(/=+$/, '');
}

export function decodeAuditCursor(text: string): AuditCursor | null {
  try {
    const value = JSON.parse(atob(text)) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') return { at: value[0], id: value[1] };
  } catch {
    // not one of ours
  }
  return null;
}

/** One database's records older than `cursor`, newest first; `target` matches the target or the customer. */
export function auditPageQuery(db: Db, o: { limit: number; cursor: AuditCursor | null; target: string | undefined }) {
  const { cursor, target } = o;
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        cursor ? or(lt(auditLog.at, cursor.at), and(eq(auditLog.at, cursor.at), lt(auditLog.id, cursor.id))) : undefined,
        target === undefined ? undefined : or(eq(auditLog.target, target), eq(auditLog.userId, target)),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(o.limit + 1);
}

export type AuditRow = typeof auditLog.$inferSelect;

function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function toApiAudit(row: AuditRow) {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    target: row.target,
    reason: row.reason,
    before: parsed(row.before),
    after: parsed(row.after),
    request_id: row.requestId,
  };
}

/** Merges each database's page (each newest first) into one page of `limit`. */
export function mergeAuditPages(pages: AuditRow[][], limit: number): { rows: AuditRow[]; nextCursor: string | null } {
  const all = pages.flat().sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1));
  if (all.length <= limit) return { rows: all, nextCursor: null };
  const rows = all.slice(0, limit);
  const last = rows[rows.length - 1]!;
  return { rows, nextCursor: encodeAuditCursor({ at: last.at, id: last.id }) };
}
