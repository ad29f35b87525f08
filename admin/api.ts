/**
 * The console's only way to the operations API. Behind Cloudflare Access the browser's
 * Access cookie makes Access add `Cf-Access-Jwt-Assertion` to every request; locally
 * the console sends a development token itself (`npm run admin:token`), kept for
 * this tab only (sessionStorage).
 */
import type * as v from 'valibot';
import type * as S from '../worker/contract/admin-schemas';

export type AdminUser = v.InferOutput<typeof S.AdminUserSchema>;
export type UserDetail = v.InferOutput<typeof S.AdminUserDetailSchema>;
export type Adjustment = v.InferOutput<typeof S.AdjustmentSchema>;
export type AuditRecord = v.InferOutput<typeof S.AuditRecordSchema>;
export type Overview = v.InferOutput<typeof S.OverviewSchema>;

const TOKEN_KEY = 'topup-ops-dev-token';

export const devToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token.trim()),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const token = devToken.get();
  if (token) headers['Cf-Access-Jwt-Assertion'] = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // Every write carries a fresh key: a retry of the same click is the operator's choice, a new key.
  if (method !== 'GET') headers['Idempotency-Key'] = crypto.randomUUID();
  const response = await fetch(`/api/admin${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'INTERNAL', error?.message ?? `HTTP ${response.status}`);
  }
  return json as T;
}

const aed = new Intl.NumberFormat('en-AE', { style: 'currency', currency: 'AED' });
export const money = (fils: number) => aed.format(fils / 100);
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-GB', { timeZone: 'Asia/Dubai', dateStyle: 'medium', timeStyle: 'short' }) : '—');
