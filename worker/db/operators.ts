/** Operators' roles, in the directory: a role change and its audit record are one batch; a trigger keeps the last admin. */
import { asc, eq, sql } from 'drizzle-orm';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';
import { isRole, type Role } from '../domain/roles';

/** The directory's table (not part of a shard's schema.ts). */
export const operatorRoles = sqliteTable('operator_roles', {
  email: text('email').primaryKey(),
  role: text('role', { enum: ['viewer', 'support', 'finance', 'admin'] }).notNull(),
  grantedBy: text('granted_by').notNull(),
  grantedAt: text('granted_at').notNull(),
});

export async function findOperatorRole(directory: D1Database, email: string): Promise<Role | null> {
  const row = await directory.prepare(`SELECT role FROM operator_roles WHERE email = ?`).bind(email).first<{ role: string }>();
  return row && isRole(row.role) ? row.role : null;
}

export function listRolesQuery(db: Db) {
  return db.select().from(operatorRoles).orderBy(asc(operatorRoles.email));
}

export function roleQuery(db: Db, email: string) {
  return db.select().from(operatorRoles).where(eq(operatorRoles.email, email));
}

/** The role as a JSON object (or null), read inside the batch: an audit record's `before`. */
export function roleJson(email: string) {
  return sql`(SELECT json_object('role', role) FROM operator_roles WHERE email = ${email})`;
}

export function upsertRole(db: Db, r: { email: string; role: Role; by: string; at: string }) {
  return db
    .insert(operatorRoles)
    .values({ email: r.email, role: r.role, grantedBy: r.by, grantedAt: r.at })
    .onConflictDoUpdate({ target: operatorRoles.email, set: { role: r.role, grantedBy: r.by, grantedAt: r.at } });
}

export function deleteRole(db: Db, email: string) {
  return db.delete(operatorRoles).where(eq(operatorRoles.email, email)).returning({ email: operatorRoles.email });
}

export type RoleRow = typeof operatorRoles.$inferSelect;

export function toApiRole(row: RoleRow) {
  return { email: row.email, role: row.role, granted_by: row.grantedBy, granted_at: row.grantedAt };
}
