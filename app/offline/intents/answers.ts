/**
 * Reading the server's answer to one replayed action. Sync results arrive as
 * `unknown` JSON; these readers check the parts a fold uses instead of trusting
 * a cast, so a drifted answer leaves the snapshot as it was (the refresh after
 * the flush brings the exact state anyway).
 */
import type { ApiBeneficiary, ApiTopup, ApiUser } from '../../../worker/domain/contract';

const field = (body: unknown, name: string): unknown =>
  body !== null && typeof body === 'object' && name in body ? (body as Record<string, unknown>)[name] : undefined;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

export function readBalance(body: unknown): number | null {
  const balance = field(body, 'balance');
  return Number.isInteger(balance) ? (balance as number) : null;
}

export function readBeneficiary(body: unknown): ApiBeneficiary | null {
  const b = field(body, 'beneficiary');
  return isObject(b) && typeof b.id === 'string' && typeof b.nickname === 'string' && typeof b.active === 'boolean' ? (b as ApiBeneficiary) : null;
}

export function readTopup(body: unknown): ApiTopup | null {
  const t = field(body, 'topup');
  return isObject(t) && typeof t.id === 'string' && typeof t.beneficiary_id === 'string' && Number.isInteger(t.amount) && typeof t.status === 'string'
    ? (t as ApiTopup)
    : null;
}

export function readUser(body: unknown): ApiUser | null {
  const u = field(body, 'user');
  return isObject(u) && typeof u.id === 'string' && typeof u.verified === 'boolean' && Number.isInteger(u.balance) ? (u as ApiUser) : null;
}

export function errorCode(body: unknown): string | null {
  const code = field(field(body, 'error'), 'code');
  return typeof code === 'string' ? code : null;
}

export function errorMessage(body: unknown): string | null {
  const message = field(field(body, 'error'), 'message');
  return typeof message === 'string' ? message : null;
}
