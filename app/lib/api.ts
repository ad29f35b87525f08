/**
 * The only client of the server, typed from the server itself (`hc<AppType>`):
 * paths, parameters, bodies and answers are the routes' own types, so a route
 * that changes breaks this file at compile time instead of a person's screen.
 * It never throws for HTTP or network trouble: every call answers a Result,
 * with status 0 when the network failed, so callers decide between "offline",
 * "sign in again" and "refused". Works in the page and in the service worker
 * (same-origin fetch, the session cookie goes along).
 */
import { hc, parseResponse, type ClientResponse, type InferRequestType } from 'hono/client';
import type { StatusCode } from 'hono/utils/http-status';
import type { AppType } from '../../worker/index';
import type { SyncAction } from '../../worker/contract/types';

export type ApiError = { code: string; message: string; details?: Record<string, unknown> };

export type Result<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiError; retryAfter: number | null };

/**
 * Read-your-writes over D1 read replicas: the server answers every call with
 * `X-D1-Bookmark` (the state its database was in); sending the latest one back makes
 * the next read at least that new, whichever replica serves it. Kept for the tab's
 * life (sessionStorage where there is one: a reload keeps it); the value is opaque.
 */
const BOOKMARK = 'X-D1-Bookmark';
const BOOKMARK_KEY = 'topup.d1-bookmark';
let bookmark: string | null = (() => {
  try {
    return sessionStorage.getItem(BOOKMARK_KEY);
  } catch {
    return null; // the service worker, or storage refused: memory only
  }
})();

const withBookmark: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  if (bookmark) headers.set(BOOKMARK, bookmark);
  const response = await fetch(input, { ...init, headers });
  const latest = response.headers.get(BOOKMARK);
  if (latest) {
    bookmark = latest;
    try {
      sessionStorage.setItem(BOOKMARK_KEY, latest);
    } catch {
      // memory only
    }
  }
  return response;
};

/** Same origin; the browser attaches the session cookie; never from the HTTP cache. */
export const client = hc<AppType>('/', {
  headers: { Accept: 'application/json' },
  init: { credentials: 'same-origin', cache: 'no-store' },
  fetch: withBookmark,
});

/** The JSON body a route's validator takes: intents build their requests with it. */
export type BodyOf<Endpoint> = InferRequestType<Endpoint> extends { json: infer Json } ? Json : never;

type AnyResponse = ClientResponse<unknown, StatusCode, string>;

const NETWORK = { ok: false, status: 0, error: { code: 'NETWORK', message: 'No connection' }, retryAfter: null } as const satisfies Result<never>;

/** The success body as the route declares it (`parseResponse` reads JSON or text by content type). */
async function succeeded<R extends AnyResponse>(response: R) {
  return { ok: true as const, status: response.status, data: await parseResponse(response) };
}

// The return type is left to inference: it is each route's own answer type.
async function call<R extends AnyResponse>(send: () => Promise<R>) {
  let response: R;
  try {
    response = await send();
  } catch {
    return NETWORK;
  }
  if (response.ok) return succeeded(response).catch(() => NETWORK); // the body did not arrive whole
  const body = parse(await response.text().catch(() => ''));
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  return { ok: false as const, status: response.status as number, error: readError(body, response.status), retryAfter };
}

function parse(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function readError(body: unknown, status: number): ApiError {
  const error = body !== null && typeof body === 'object' && 'error' in body ? body.error : null;
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : error.code;
    const details = 'details' in error && error.details !== null && typeof error.details === 'object' ? Object.fromEntries(Object.entries(error.details)) : null;
    return { code: error.code, message, ...(details ? { details } : {}) };
  }
  return { code: status >= 500 ? 'SERVER' : 'UNKNOWN', message: `The server answered ${status}` };
}

const page = (cursor: string | null | undefined, limit: number) => ({ query: { limit: String(limit), ...(cursor ? { cursor } : {}) } });
const asUser = (userId: string) => ({ headers: { 'X-TopUp-User': userId } });

export const api = {
  signup: (json: BodyOf<typeof client.api.auth.signup.$post>) => call(() => client.api.auth.signup.$post({ json })),
  login: (json: BodyOf<typeof client.api.auth.login.$post>) => call(() => client.api.auth.login.$post({ json })),
  logout: () => call(() => client.api.auth.logout.$post()),
  /** GET /api/bootstrap (an addition to the contract): the home screen in one request. */
  bootstrap: () => call(() => client.api.bootstrap.$get()),
  me: () => call(() => client.api.me.$get()),
  options: () => call(() => client.api.topups.options.$get()),
  limits: () => call(() => client.api.limits.$get()),
  beneficiaries: () => call(() => client.api.beneficiaries.$get()),
  transactions: (cursor?: string | null, limit = 20) => call(() => client.api.transactions.$get(page(cursor, limit))),
  topups: (cursor?: string | null, limit = 20) => call(() => client.api.topups.$get(page(cursor, limit))),
  schedules: () => call(() => client.api.schedules.$get()),
  sync: (actions: SyncAction[], userId: string) => call(() => client.api.sync.$post({ json: { actions } }, asUser(userId))),
  // Passkeys, sessions and the password (app/lib/passkeys.ts runs the WebAuthn ceremonies).
  passkeySignInOptions: () => call(() => client.api.auth.passkey.options.$post({ json: {} })),
  passkeySignIn: (json: BodyOf<typeof client.api.auth.passkey.$post>) => call(() => client.api.auth.passkey.$post({ json })),
  passkeyOptions: () => call(() => client.api.me.passkeys.options.$post({ json: {} })),
  addPasskey: (json: BodyOf<typeof client.api.me.passkeys.$post>) => call(() => client.api.me.passkeys.$post({ json })),
  passkeys: () => call(() => client.api.me.passkeys.$get()),
  removePasskey: (id: string) => call(() => client.api.me.passkeys[':id'].$delete({ param: { id } })),
  sessions: () => call(() => client.api.me.sessions.$get()),
  endSession: (id: string) => call(() => client.api.me.sessions[':id'].$delete({ param: { id } })),
  changePassword: (json: BodyOf<typeof client.api.me.password.$post>) => call(() => client.api.me.password.$post({ json })),
  // Money you can see and take back (issue 24). Withdrawals and problem reports go through the outbox (offline/intents.ts).
  topupStory: (id: string) => call(() => client.api.topups[':id'].$get({ param: { id } })),
  problems: () => call(() => client.api.problems.$get()),
  statement: (month: string) => call(() => client.api.statements[':month'].$get({ param: { month } })),
  exportData: () => call(() => client.api.me.export.$get()),
  closeAccount: (json: BodyOf<typeof client.api.me.close.$post>) => call(() => client.api.me.close.$post({ json })),
  // Notifications: the inbox and this device's Web Push subscription.
  notifications: (cursor?: string | null, limit = 50) => call(() => client.api.notifications.$get(page(cursor, limit))),
  markRead: (json: BodyOf<typeof client.api.notifications.read.$post>) => call(() => client.api.notifications.read.$post({ json })),
  pushKey: () => call(() => client.api.push.key.$get()),
  addPushSubscription: (json: BodyOf<(typeof client.api.me)['push-subscriptions']['$post']>) => call(() => client.api.me['push-subscriptions'].$post({ json })),
  pushSubscriptions: () => call(() => client.api.me['push-subscriptions'].$get()),
  removePushSubscription: (id: string) => call(() => client.api.me['push-subscriptions'][':id'].$delete({ param: { id } })),
};

export type SyncResponse =
  | { kind: 'network'; message: string }
  | { kind: 'http'; status: number; body: unknown; retryAfter: number | null };

/** Sends one chunk; the page's and the worker's fetch both fit (syncTransport below). */
export type SyncTransport = (actions: SyncAction[], userId: string) => Promise<SyncResponse>;

/** The outbox's transport: POST /api/sync, as the user who queued the actions. */
export const syncTransport: SyncTransport = async (actions, userId) => {
  const result = await api.sync(actions, userId);
  if (result.status === 0) return { kind: 'network', message: 'No connection' };
  if (result.ok) return { kind: 'http', status: result.status, body: result.data, retryAfter: null };
  return { kind: 'http', status: result.status, body: { error: result.error }, retryAfter: result.retryAfter };
};
