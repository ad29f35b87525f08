/**
 * Requests for the hostile properties: each one is either valid (so the checks
 * behind a 2xx run often) or hostile (any body, content type and key), weighted
 * so both kinds run in well over 10% of the runs whatever the seed.
 */
import fc from 'fast-check';
import { contentType, hostileString, notJson, serialize } from './arbitraries';

export type Sent = { raw: string; type: string; key: string; valid: boolean };

const VALID_WEIGHT = 3;
const HOSTILE_WEIGHT = 5;

/** A key never used before (most valid requests), or one fast-check repeats now and then (replays, reuse). */
export const validKey = fc.oneof({ weight: 4, arbitrary: fc.constant(null).map(() => crypto.randomUUID()) }, { weight: 1, arbitrary: fc.uuid() });
export const hostileKey = fc.oneof({ weight: 8, arbitrary: fc.uuid() }, { weight: 2, arbitrary: hostileString });

/** The text and content type of a hostile body: mostly JSON of `b`, sometimes not JSON at all. */
export const hostileText = (b: fc.Arbitrary<unknown>): fc.Arbitrary<[string, string]> =>
  fc.tuple(fc.oneof({ weight: 9, arbitrary: b.map(serialize) }, { weight: 1, arbitrary: notJson }), contentType);

export function request(valid: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown>, validWeight = VALID_WEIGHT): fc.Arbitrary<Sent> {
  return fc.oneof(
    { weight: validWeight, arbitrary: fc.tuple(valid, validKey).map(([body, key]) => ({ raw: JSON.stringify(body), type: 'application/json', key, valid: true })) },
    { weight: HOSTILE_WEIGHT, arbitrary: fc.tuple(hostileText(hostile), hostileKey).map(([[raw, type], key]) => ({ raw, type, key, valid: false })) },
  );
}

/** What the server read: the Fetch spec's UTF-8 decode drops a leading BOM, so JSON after one is valid. */
export const sent = (raw: string): Record<string, unknown> => JSON.parse(raw.replace(/^\uFEFF/, '')) as Record<string, unknown>;

/** Percent-encodes anything, lone surrogates included (as the WTF-8 bytes no valid UTF-8 has). */
export const encode = (text: string) =>
  [...text]
    .map((ch) =>
      ch.isWellFormed()
        ? encodeURIComponent(ch)
        : `%${[0xe0 | (ch.charCodeAt(0) >> 12), 0x80 | ((ch.charCodeAt(0) >> 6) & 63), 0x80 | (ch.charCodeAt(0) & 63)].map((b) => b.toString(16).toUpperCase()).join('%')}`,
    )
    .join('');

/** A UAE mobile number in local form, unbiased so two runs rarely pick the same one. */
export const localPhone = fc.noBias(fc.integer({ min: 0, max: 99_999_999 })).map((n) => `05${String(n).padStart(8, '0')}`);

/** The routes of the contract, as `METHOD /path` with `:id` for a path parameter (HEAD is answered as GET). */
const ROUTES = [
  'GET /api/health', 'GET /api/topups/options', 'POST /api/auth/signup', 'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/me',
  'POST /api/me/verification', 'POST /api/wallet/deposits', 'GET /api/transactions', 'GET /api/beneficiaries', 'POST /api/beneficiaries',
  'PATCH /api/beneficiaries/:id', 'DELETE /api/beneficiaries/:id', 'GET /api/topups', 'POST /api/topups', 'GET /api/limits', 'GET /api/bootstrap', 'POST /api/sync',
  'POST /api/me/passkeys/options', 'POST /api/me/passkeys', 'GET /api/me/passkeys', 'DELETE /api/me/passkeys/:id', 'POST /api/auth/passkey/options', 'POST /api/auth/passkey',
  'GET /api/me/sessions', 'DELETE /api/me/sessions/:id', 'POST /api/me/password',
  'GET /api/schedules', 'POST /api/schedules', 'PATCH /api/schedules/:id', 'DELETE /api/schedules/:id',
  // v3
  'PATCH /api/me', 'GET /api/notifications', 'POST /api/notifications/read', 'GET /api/push/key', 'POST /api/me/push-subscriptions',
  'GET /api/me/push-subscriptions', 'DELETE /api/me/push-subscriptions/:id', 'GET /api/topups/:id', 'POST /api/topups/:id/problems', 'GET /api/problems',
  'GET /api/statements/:id', 'POST /api/wallet/withdrawals', 'GET /api/me/export', 'POST /api/me/close',
];

/** Whether `method path` is a route of the contract, after the URL parser has normalised the path (`.`, `%2e%2e`). */
export function isRoute(method: string, path: string): boolean {
  const pathname = new URL(path, 'http://x').pathname;
  const m = method === 'HEAD' ? 'GET' : method;
  return ROUTES.some((route) => {
    const [rm, rp] = route.split(' ') as [string, string];
    if (rm !== m) return false;
    const pattern = new RegExp(`^${rp.replace(':id', '[^/]+')}$`);
    return pattern.test(pathname);
  });
}
