/**
 * The only client of the server. It never throws for HTTP or network trouble:
 * every call answers a Result, with status 0 when the network failed, so callers
 * decide between "offline", "sign in again" and "refused". Works in the page and
 * in the service worker (same-origin fetch, the session cookie goes along).
 */
import type {
  ApiBeneficiary,
  ApiLimits,
  ApiOptions,
  ApiTopup,
  ApiTransaction,
  ApiUser,
  Page,
  SyncAction,
  SyncResult,
} from '../../worker/domain/contract';
import type { SyncTransport } from '../offline/flush';

export type ApiError = { code: string; message: string; details?: Record<string, unknown> };

export type Result<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiError; retryAfter: number | null };

type Init = { body?: unknown; headers?: Record<string, string> };

const NETWORK: ApiError = { code: 'NETWORK', message: 'No connection' };

async function call<T>(method: string, path: string, init: Init = {}): Promise<Result<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, error: NETWORK, retryAfter: null };
  }
  const text = await response.text().catch(() => '');
  const json = parse(text);
  if (response.ok) return { ok: true, status: response.status, data: json as T };
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  return { ok: false, status: response.status, error: readError(json, response.status), retryAfter };
}

function parse(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function readError(json: unknown, status: number): ApiError {
  const error = (json as { error?: Partial<ApiError> } | null)?.error;
  if (error && typeof error.code === 'string') {
    return { code: error.code, message: typeof error.message === 'string' ? error.message : error.code, ...(error.details ? { details: error.details } : {}) };
  }
  return { code: status >= 500 ? 'SERVER' : 'UNKNOWN', message: `The server answered ${status}` };
}

const query = (params: Record<string, string | number | null | undefined>) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null && value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export type AuthResponse = { user: ApiUser; token: string };

/** GET /api/bootstrap (an addition to the contract): the home screen in one request. */
export type Bootstrap = {
  user: ApiUser;
  options: ApiOptions;
  limits: ApiLimits;
  beneficiaries: ApiBeneficiary[];
  transactions: Page<ApiTransaction>;
};

export const api = {
  signup: (input: { name: string; email: string; password: string }) => call<AuthResponse>('POST', '/api/auth/signup', { body: input }),
  login: (input: { email: string; password: string }) => call<AuthResponse>('POST', '/api/auth/login', { body: input }),
  logout: () => call<null>('POST', '/api/auth/logout'),
  bootstrap: () => call<Bootstrap>('GET', '/api/bootstrap'),
  me: () => call<{ user: ApiUser }>('GET', '/api/me'),
  verify: (userId: string) => call<{ user: ApiUser }>('POST', '/api/me/verification', { headers: { 'X-TopUp-User': userId } }),
  options: () => call<ApiOptions>('GET', '/api/topups/options'),
  limits: () => call<ApiLimits>('GET', '/api/limits'),
  beneficiaries: () => call<{ items: ApiBeneficiary[] }>('GET', '/api/beneficiaries'),
  transactions: (cursor?: string | null, limit = 20) =>
    call<Page<ApiTransaction>>('GET', `/api/transactions${query({ limit, cursor })}`),
  topups: (cursor?: string | null, limit = 20) => call<Page<ApiTopup>>('GET', `/api/topups${query({ limit, cursor })}`),
  sync: (actions: SyncAction[], userId: string) =>
    call<{ results: SyncResult[] }>('POST', '/api/sync', { body: { actions }, headers: { 'X-TopUp-User': userId } }),
};

/** The outbox's transport: POST /api/sync, as the user who queued the actions. */
export const syncTransport: SyncTransport = async (actions, userId) => {
  const result = await api.sync(actions, userId);
  if (result.status === 0) return { kind: 'network', message: 'No connection' };
  if (result.ok) return { kind: 'http', status: result.status, body: result.data, retryAfter: null };
  return { kind: 'http', status: result.status, body: { error: result.error }, retryAfter: result.retryAfter };
};
