/**
 * Sends one hostile request straight to the app (raw body text, any content type,
 * any key) and checks what every answer must satisfy: never a 5xx, no-store, JSON
 * in the contract's error shape, no internals (stack, SQL, file names) in the body,
 * and for a refusal no write at all: the database's fingerprint is unchanged.
 */
import { expect } from 'vitest';
import { ERROR_STATUS } from '../../../worker/domain/errors';
import { allShards } from '../shard-queries';
import { clientAddress, type Harness } from '../harness';
import type { AnswerBody } from '../answer';

export type Probe = { method: string; path: string; raw?: string; type?: string; token?: string | null; key?: string | null; headers?: Record<string, string> };
export type Answer = { status: number; text: string; json: AnswerBody; headers: Headers };

const LEAK = /SQLITE_|D1_ERROR|constraint failed|no such (table|column)|RAISE\(|\n\s+at |\bat [\w$.<>]+ \(|\.ts:\d+|drizzle|node_modules/i;

/** Everything a refused request must leave untouched (login failures and sessions aside). */
export async function fingerprint(): Promise<string> {
  // Every shard's, in shard order: a refusal must leave each one untouched.
  const rows = await Promise.all(allShards().map((d1) => d1.prepare(
    `SELECT (SELECT COUNT(*) FROM ledger_entries) AS entries, (SELECT COUNT(*) FROM topups) AS topups, (SELECT COUNT(*) FROM users) AS users,
       (SELECT COUNT(*) FROM idempotency_keys) AS keys,
       (SELECT group_concat(id || '=' || balance, ',') FROM (SELECT id, balance FROM accounts ORDER BY id)) AS balances,
       (SELECT group_concat(id || '=' || verified, ',') FROM (SELECT id, verified FROM users ORDER BY id)) AS verified,
       (SELECT group_concat(id || '=' || nickname || '|' || active || '|' || ifnull(deleted_at, '-') || '|' || user_id || '|' || phone, ',') FROM (SELECT * FROM beneficiaries ORDER BY id)) AS beneficiaries,
       (SELECT group_concat(id || '=' || user_id || '|' || name || '|' || counter, ',') FROM (SELECT * FROM passkeys ORDER BY id)) AS passkeys,
       (SELECT group_concat(id || '=' || password_hash, ',') FROM (SELECT id, password_hash FROM users ORDER BY id)) AS passwords`,
  ).first()));
  return JSON.stringify(rows);
}

export const counter = { requests: 0 };

/** A header value only if a browser could send it (ASCII; Headers refuses CR, LF and NUL). */
function trySet(headers: Headers, name: string, value: string): void {
  if (!/^[\x00-\x7F]*$/.test(value)) return;
  try {
    headers.set(name, value);
  } catch {
    // Not sendable over HTTP: nothing to test.
  }
}

export async function hit(h: Harness, p: Probe, options: { writes?: 'any' } = {}): Promise<Answer> {
  const headers = new Headers({ 'CF-Connecting-IP': clientAddress() });
  if (p.type) trySet(headers, 'Content-Type', p.type);
  if (p.token) headers.set('Authorization', `Bearer ${p.token}`);
  if (p.key) trySet(headers, 'Idempotency-Key', p.key);
  for (const [name, value] of Object.entries(p.headers ?? {})) trySet(headers, name, value);
  const before = await fingerprint();
  const res = await h.checked(p.method, p.path, await h.app.request(p.path, { method: p.method, headers, ...(p.raw === undefined ? {} : { body: p.raw }) }, h.bindings), p.raw);
  const text = await res.text();
  const after = await fingerprint();
  counter.requests++;
  const where = `${p.method} ${p.path.slice(0, 200)} [${p.type ?? 'no type'}] ${JSON.stringify((p.raw ?? '').slice(0, 300))} → ${res.status} ${text.slice(0, 300)}`;

  expect(res.status, where).toBeLessThan(500);
  if (p.path.startsWith('/api')) expect(res.headers.get('Cache-Control'), where).toBe('no-store');
  let body: unknown = null;
  if (text) {
    expect(res.headers.get('Content-Type'), where).toMatch(/^application\/json/);
    body = JSON.parse(text);
  }
  // Checked against the document by h.checked above; a body-less answer reads as null.
  const json = body as AnswerBody;
  if (res.status >= 400 && p.method !== 'HEAD') {
    expect(Object.keys(body ?? {}), where).toEqual(['error']);
    expect(typeof json.error.message, where).toBe('string');
    expect(ERROR_STATUS[json.error.code], where).toBe(res.status);
    if (options.writes !== 'any') expect(after, `refused but wrote: ${where}`).toBe(before);
  }
  if (LEAK.test(text)) expect(LEAK.test(`${p.raw ?? ''} ${decodeURIComponentSafe(p.path)}`), `internals in the answer: ${where}`).toBe(true);
  return { status: res.status, text, json, headers: res.headers };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
