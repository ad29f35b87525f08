/**
 * The only client of the server, typed by its routes (`hc<AppType>`): a changed route breaks the build,
 * not a screen. It never throws: a failed network is status 0, so callers tell offline from refused.
 */
import { hc, parseResponse, type ClientResponse, type InferRequestType } from 'hono/client';
import type { StatusCode } from 'hono/utils/http-status';
import type { AppType } from '../../worker/index';
import type { ApiBeneficiary, ApiSchedule, ApiTopup, ApiUser, SyncAction } from '../../worker/contract/types';

export type ApiError = { code: string; message: string; details?: Record<string, unknown> };

export type Result<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiError; retryAfter: number | null };

/** Read-your-writes over D1 replicas: the latest `X-D1-Bookmark` goes back with every call (sessionStorage: a reload keeps it). */
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
  const response = await sent(send);
  if (!response) return NETWORK;
  if (response.ok) return succeeded(response).catch(() => NETWORK); // the body did not arrive whole
  const { body, retryAfter } = await refused(response);
  return { ok: false as const, status: response.status as number, error: readError(body, response.status), retryAfter };
}

/** The response, or null when the network failed. */
async function sent<R extends AnyResponse>(send: () => Promise<R>): Promise<R | null> {
  try {
    return await send();
  } catch {
    return null;
  }
}

/** A refusal as it came: its JSON body (null when there is none) and Retry-After. */
async function refused(response: AnyResponse): Promise<{ body: unknown; retryAfter: number | null }> {
  return { body: parse(await response.text().catch(() => '')), retryAfter: Number(response.headers.get('Retry-After')) || null };
}

function parse(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && name in value ? (value as Record<string, unknown>)[name] : undefined;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function readError(body: unknown, status: number): ApiError {
  const error = field(body, 'error');
  const code = text(field(error, 'code'));
  if (code !== null) {
    const details = field(error, 'details');
    return { code, message: text(field(error, 'message')) ?? code, ...(details !== null && typeof details === 'object' ? { details: Object.fromEntries(Object.entries(details)) } : {}) };
  }
  return { code: status >= 500 ? 'SERVER' : 'UNKNOWN', message: `The server answered ${status}` };
}

/** The code a refusal's body names (`{error: {code}}`), as it came; null when it names none. */
export const errorCode = (body: unknown): string | null => text(field(field(body, 'error'), 'code'));
const errorMessage = (body: unknown): string | null => text(field(field(body, 'error'), 'message'));

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
  // Withdrawals and problem reports go through the outbox (offline/intents.ts).
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

// ── POST /api/sync: the outbox's transport, and its answer, read once ──

/** One chunk's answer as it came, before anything in it is read. */
export type SyncResponse =
  | { kind: 'network'; message: string }
  | { kind: 'http'; status: number; body: unknown; retryAfter: number | null };

export type SyncTransport = (actions: SyncAction[], userId: string) => Promise<SyncResponse>;

const OFFLINE = { kind: 'network', message: 'No connection' } as const satisfies SyncResponse;

/** The outbox's transport: POST /api/sync, as the user who queued the actions. */
export const syncTransport: SyncTransport = async (actions, userId) => {
  const response = await sent(() => client.api.sync.$post({ json: { actions } }, asUser(userId)));
  if (!response) return OFFLINE;
  if (!response.ok) return { kind: 'http', status: response.status, ...(await refused(response)) };
  try {
    return { kind: 'http', status: response.status, body: await parseResponse(response), retryAfter: null };
  } catch {
    return OFFLINE; // the body did not arrive whole
  }
};

/** What the device keeps of an accepted action's answer, each part checked on arrival: a part that drifted is left out. */
export type Answer = { beneficiary?: ApiBeneficiary; schedule?: ApiSchedule; topup?: ApiTopup; balance?: number; user?: ApiUser };

/** One replayed action as the server answered it (an item of `results`), read. */
export type Reply = {
  key: string;
  status: number;
  /** The refusal's code and words, as the body names them (null when it names none). */
  code: string | null;
  message: string | null;
  answer: Answer;
};

/** A chunk's answer, read: every action's reply, or the whole request refused (nothing in it applied), or no network. */
export type SyncAnswer =
  | { kind: 'offline'; message: string }
  | { kind: 'replies'; replies: Reply[] }
  | { kind: 'refused'; status: number; code: string | null; reason: string; retryAfter: number | null };

/** The one reading of a sync answer: everything after it (the flush, the folds, the receipts) takes typed values. */
export function readSync(response: SyncResponse): SyncAnswer {
  if (response.kind === 'network') return { kind: 'offline', message: response.message };
  const { status, body, retryAfter } = response;
  const results = status === 200 ? field(body, 'results') : undefined;
  if (Array.isArray(results)) return { kind: 'replies', replies: results.flatMap(readReply) };
  // A refusal reads as every call's does (readError); a 2xx without results names nothing, so says its status.
  const error = status >= 200 && status < 300 ? { code: errorCode(body), message: errorMessage(body) } : readError(body, status);
  return { kind: 'refused', status, code: error.code, reason: error.message ?? `HTTP ${status}`, retryAfter };
}

/** An item of `results`; one without a key or a status is no reply (its action counts as unanswered). */
function readReply(result: unknown): Reply[] {
  const key = field(result, 'key');
  const status = field(result, 'status');
  if (typeof key !== 'string' || typeof status !== 'number') return [];
  const body = field(result, 'body');
  return [{ key, status, code: errorCode(body), message: errorMessage(body), answer: readAnswer(body) }];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';
const isCount = (value: unknown): value is number => Number.isSafeInteger(value);

// The fields each part's consumers rely on (its id, what it is matched and counted by).
const isBeneficiary = (b: unknown): b is ApiBeneficiary => isObject(b) && typeof b.id === 'string' && typeof b.active === 'boolean';
const isSchedule = (s: unknown): s is ApiSchedule =>
  isObject(s) && typeof s.id === 'string' && typeof s.beneficiary_id === 'string' && typeof s.next_run_at === 'string' && isCount(s.amount);
const isTopup = (t: unknown): t is ApiTopup => isObject(t) && typeof t.beneficiary_id === 'string' && isCount(t.amount);
const isUser = (u: unknown): u is ApiUser => isObject(u) && typeof u.verified === 'boolean' && isCount(u.balance);

/** An accepted action's body, read into an Answer (queue-upgrade.ts reads an older version's receipts the same way). */
export function readAnswer(body: unknown): Answer {
  const answer: Answer = {};
  const { beneficiary, schedule, topup, balance, user } = isObject(body) ? body : {};
  if (isBeneficiary(beneficiary)) answer.beneficiary = beneficiary;
  if (isSchedule(schedule)) answer.schedule = schedule;
  if (isTopup(topup)) answer.topup = topup;
  if (isCount(balance)) answer.balance = balance;
  if (isUser(user)) answer.user = user;
  return answer;
}
