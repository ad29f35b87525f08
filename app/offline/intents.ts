/**
 * One definition per kind of change (ADR 106): request, projection, fold, refusals and words.
 * `IntentBook` makes a missing piece a compile error; paths and bodies are typed by the routes.
 */
import type { ApiTopup, SyncAction } from '../../worker/contract/types';
import { likelyOperator } from '../../worker/domain/phone';
import { rescheduled } from '../../worker/domain/schedule';
import { formatAed } from '../../worker/domain/money';
import { client, readAnswer, type Answer, type BodyOf } from '../lib/api';
import { projectView, type Draft, type IntentKind, type IntentOf, type OutboxEntry, type ProjectionContext, type Snapshot, type View } from './model';
import { t } from '../i18n';

export type IntentRequest = Omit<SyncAction, 'key'>;

/** A refusal is `done` when it already has the wanted effect, else `attention`: rolled back, kept in "Needs attention". */
export type RefusalOutcome = 'done' | 'attention';

export type IntentDefinition<K extends IntentKind> = {
  /** The request that replays it (through POST /api/sync, with its Idempotency-Key). */
  request: (intent: IntentOf<K>) => IntentRequest;
  /** How it shows on screen before the server answers (mutates the projection's own draft). */
  project: (draft: Draft, intent: IntentOf<K>, context: ProjectionContext) => void;
  /** The last known state after the server accepted it, from the server's answer (read once, by lib/api.ts). */
  fold: (snapshot: Snapshot, intent: IntentOf<K>, answer: Answer) => Snapshot;
  refusal: (code: string | null, status: number) => RefusalOutcome;
  /** "Top up Mum AED 20.00"; `money` is passed in, so this chunk carries no app formatter. */
  describe: (intent: IntentOf<K>, nameOf: (id: string) => string | undefined, money: (fils: number) => string) => string;
};

const nameOr = (nameOf: (id: string) => string | undefined, id: string) => nameOf(id) ?? t('intent.someone');

const upsert = <T extends { id: string }>(list: T[], item: T) =>
  list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];

const withBalance = (snapshot: Snapshot, balance: number | undefined): Snapshot => (balance === undefined ? snapshot : { ...snapshot, user: { ...snapshot.user, balance } });

// ── Money: a deposit and a top-up ──

/** Counts a top-up towards the limits until the next refresh brings exact figures; a failed one counts nothing. */
function withTopup(snapshot: Snapshot, topup: ApiTopup): Snapshot {
  const add = topup.status !== 'failed' ? topup.amount : 0;
  const limits = snapshot.limits
    ? {
        ...snapshot.limits,
        total: { ...snapshot.limits.total, used: snapshot.limits.total.used + add, remaining: Math.max(0, snapshot.limits.total.remaining - add) },
      }
    : null;
  const beneficiaries = snapshot.beneficiaries.map((b) => (b.id === topup.beneficiary_id ? { ...b, month_used: b.month_used + add } : b));
  const topups = snapshot.topups ? { ...snapshot.topups, items: [topup, ...snapshot.topups.items.filter((t) => t.id !== topup.id)] } : null;
  return { ...snapshot, limits, beneficiaries, topups };
}

export const deposit: IntentDefinition<'deposit'> = {
  request: ({ amount }) => ({
    method: 'POST',
    path: client.api.wallet.deposits.$path(),
    body: { amount } satisfies BodyOf<typeof client.api.wallet.deposits.$post>,
  }),
  project(draft, intent, { key, createdAt }) {
    draft.balance += intent.amount;
    draft.pendingMoney.push({ key, kind: 'deposit', amount: intent.amount, fee: 0, beneficiaryId: null, createdAt });
  },
  fold: (snapshot, _intent, { balance }) => withBalance(snapshot, balance),
  refusal: () => 'attention',
  describe: (intent, _nameOf, money) => t('intent.deposit', { amount: money(intent.amount) }),
};

export const topup: IntentDefinition<'topup'> = {
  request: ({ beneficiaryId, amount }) => ({
    method: 'POST',
    path: client.api.topups.$path(),
    body: { beneficiary_id: beneficiaryId, amount } satisfies BodyOf<typeof client.api.topups.$post>,
  }),
  project(draft, intent, { key, createdAt, fee }) {
    draft.balance -= intent.amount + fee;
    draft.totalUsed += intent.amount;
    draft.beneficiaries = draft.beneficiaries.map((b) => (b.id === intent.beneficiaryId ? { ...b, month_used: b.month_used + intent.amount } : b));
    draft.pendingIds.add(intent.beneficiaryId);
    draft.pendingMoney.push({ key, kind: 'topup', amount: intent.amount, fee, beneficiaryId: intent.beneficiaryId, createdAt });
  },
  fold(snapshot, _intent, { balance, topup }) {
    const next = withBalance(snapshot, balance);
    return topup ? withTopup(next, topup) : next;
  },
  refusal: () => 'attention',
  describe: (intent, nameOf, money) => t('intent.topup', { name: nameOf(intent.beneficiaryId) ?? t('intent.someone'), amount: money(intent.amount) }),
};

// ── Beneficiaries: create, rename, activate/deactivate, delete ──

const oneBeneficiary = client.api.beneficiaries[':id'];
const beneficiaryPath = (id: string) => oneBeneficiary.$path({ param: { id: encodeURIComponent(id) } });

/** Creating, renaming and (de)activating all answer `{beneficiary}`: the server's copy replaces ours. */
function foldBeneficiary(snapshot: Snapshot, _intent: unknown, { beneficiary }: Answer): Snapshot {
  return beneficiary ? { ...snapshot, beneficiaries: upsert(snapshot.beneficiaries, beneficiary) } : snapshot;
}

export const addBeneficiary: IntentDefinition<'addBeneficiary'> = {
  request: ({ id, nickname, phone }) => ({
    method: 'POST',
    path: client.api.beneficiaries.$path(),
    body: { id, nickname, phone } satisfies BodyOf<typeof client.api.beneficiaries.$post>,
  }),
  project(draft, intent, { createdAt, maxActive, perBeneficiary }) {
    if (draft.beneficiaries.some((b) => b.id === intent.id)) return;
    draft.beneficiaries.push({
      id: intent.id,
      nickname: intent.nickname,
      phone: intent.phone,
      // Not sent (the server decides from the real count); guessed as it decides: active while fewer than the maximum are.
      active: draft.beneficiaries.filter((b) => b.active).length < maxActive,
      operator: likelyOperator(intent.phone),
      month_used: 0,
      month_limit: perBeneficiary,
      created_at: createdAt,
      updated_at: createdAt,
    });
    draft.pendingIds.add(intent.id);
  },
  fold: foldBeneficiary,
  refusal: () => 'attention',
  describe: (intent) => t('intent.add', { name: intent.nickname }),
};

export const renameBeneficiary: IntentDefinition<'renameBeneficiary'> = {
  request: ({ id, nickname }) => ({ method: 'PATCH', path: beneficiaryPath(id), body: { nickname } satisfies BodyOf<typeof oneBeneficiary.$patch> }),
  project(draft, intent) {
    draft.beneficiaries = draft.beneficiaries.map((b) => (b.id === intent.id ? { ...b, nickname: intent.nickname } : b));
    draft.pendingIds.add(intent.id);
  },
  fold: foldBeneficiary,
  refusal: () => 'attention',
  describe: (intent, nameOf) => t('intent.rename', { name: nameOr(nameOf, intent.id), to: intent.nickname }),
};

export const setActive: IntentDefinition<'setActive'> = {
  request: ({ id, active }) => ({ method: 'PATCH', path: beneficiaryPath(id), body: { active } satisfies BodyOf<typeof oneBeneficiary.$patch> }),
  project(draft, intent) {
    draft.beneficiaries = draft.beneficiaries.map((b) => (b.id === intent.id ? { ...b, active: intent.active } : b));
    draft.pendingIds.add(intent.id);
  },
  fold: foldBeneficiary,
  refusal: () => 'attention',
  describe: (intent, nameOf) => t(intent.active ? 'intent.activate' : 'intent.deactivate', { name: nameOr(nameOf, intent.id) }),
};

export const deleteBeneficiary: IntentDefinition<'deleteBeneficiary'> = {
  request: ({ id }) => ({ method: 'DELETE', path: beneficiaryPath(id) }),
  project(draft, intent) {
    draft.beneficiaries = draft.beneficiaries.filter((b) => b.id !== intent.id);
  },
  fold: (snapshot, intent) => ({ ...snapshot, beneficiaries: snapshot.beneficiaries.filter((b) => b.id !== intent.id) }),
  // Deleting something that is already gone has the effect the person wanted.
  refusal: (_code, status) => (status === 404 ? 'done' : 'attention'),
  describe: (intent, nameOf) => t('intent.delete', { name: nameOr(nameOf, intent.id) }),
};

// ── Auto top-up: set up, change (amount, cadence, pause/resume), delete ──

const oneSchedule = client.api.schedules[':id'];
const schedulePath = (id: string) => oneSchedule.$path({ param: { id: encodeURIComponent(id) } });

function foldSchedule(snapshot: Snapshot, _intent: unknown, { schedule }: Answer): Snapshot {
  return schedule ? { ...snapshot, schedules: upsert(snapshot.schedules ?? [], schedule) } : snapshot;
}

export const addSchedule: IntentDefinition<'addSchedule'> = {
  // No `starts_at`: the first run is due when the server receives it ("now" for the server),
  // so a create that waited offline for longer than the contract's 5-minute window is not refused.
  request: ({ id, beneficiaryId, amount, every }) => ({
    method: 'POST',
    path: client.api.schedules.$path(),
    body: { id, beneficiary_id: beneficiaryId, amount, every } satisfies BodyOf<typeof client.api.schedules.$post>,
  }),
  project(draft, intent, { createdAt }) {
    if (draft.schedules.some((s) => s.id === intent.id)) return;
    draft.schedules.push({
      id: intent.id,
      beneficiary_id: intent.beneficiaryId,
      amount: intent.amount,
      every: intent.every,
      starts_at: createdAt,
      next_run_at: createdAt,
      status: 'active',
      last_run: null,
      created_at: createdAt,
      updated_at: createdAt,
    });
    draft.pendingSchedules.add(intent.id);
  },
  fold: foldSchedule,
  // DUPLICATE_SCHEDULE, BENEFICIARY_INACTIVE, NOT_FOUND: the person decides what to do.
  refusal: () => 'attention',
  describe: (intent, nameOf, money) =>
    t(intent.every === 'week' ? 'schedules.intent.addWeek' : 'schedules.intent.addMonth', { name: nameOr(nameOf, intent.beneficiaryId), amount: money(intent.amount) }),
};

export const changeSchedule: IntentDefinition<'changeSchedule'> = {
  request: ({ id, amount, every, status }) => ({
    method: 'PATCH',
    path: schedulePath(id),
    // Only the fields the person changed: JSON drops the undefined ones.
    body: { amount, every, status } satisfies BodyOf<typeof oneSchedule.$patch>,
  }),
  project(draft, intent, { createdAt }) {
    draft.schedules = draft.schedules.map((s) => {
      if (s.id !== intent.id) return s;
      // The same calendar as the server's (worker/domain/schedule.ts), so the next date shown is the one it will keep.
      const next = rescheduled(
        { startsAt: s.starts_at, every: s.every, nextRunAt: s.next_run_at, status: s.status, lastRunAt: s.last_run?.at ?? null },
        { every: intent.every, status: intent.status },
        new Date(createdAt),
      );
      return { ...s, amount: intent.amount ?? s.amount, every: intent.every ?? s.every, status: intent.status ?? s.status, next_run_at: next };
    });
    draft.pendingSchedules.add(intent.id);
  },
  fold: foldSchedule,
  refusal: () => 'attention',
  describe(intent, nameOf) {
    const name = nameOr(nameOf, intent.beneficiaryId);
    if (intent.status === 'paused') return t('schedules.intent.pause', { name });
    return intent.status === 'active' ? t('schedules.intent.resume', { name }) : t('schedules.intent.change', { name });
  },
};

export const deleteSchedule: IntentDefinition<'deleteSchedule'> = {
  request: ({ id }) => ({ method: 'DELETE', path: schedulePath(id) }),
  project(draft, intent) {
    draft.schedules = draft.schedules.filter((s) => s.id !== intent.id);
  },
  fold: (snapshot, intent) => ({ ...snapshot, schedules: (snapshot.schedules ?? []).filter((s) => s.id !== intent.id) }),
  // Already gone (deleted here, or with its beneficiary): the effect the person wanted.
  refusal: (_code, status) => (status === 404 ? 'done' : 'attention'),
  describe: (intent, nameOf) => t('schedules.intent.delete', { name: nameOr(nameOf, intent.beneficiaryId) }),
};

// ── Money back: a withdrawal to the bank, and a problem reported about a top-up ──

export const withdraw: IntentDefinition<'withdraw'> = {
  request: ({ amount }) => ({
    method: 'POST',
    path: client.api.wallet.withdrawals.$path(),
    body: { amount } satisfies BodyOf<typeof client.api.wallet.withdrawals.$post>,
  }),
  project(draft, intent, { key, createdAt }) {
    draft.balance -= intent.amount;
    draft.pendingMoney.push({ key, kind: 'withdrawal', amount: intent.amount, fee: 0, beneficiaryId: null, createdAt });
  },
  fold: (snapshot, _intent, { balance }) => withBalance(snapshot, balance),
  // INSUFFICIENT_BALANCE (spent meanwhile on another device): the person decides again.
  refusal: () => 'attention',
  describe: (intent, _nameOf, money) => t('intent.withdraw', { amount: money(intent.amount) }),
};

export const reportProblem: IntentDefinition<'reportProblem'> = {
  request: ({ topupId, reason, message }) => ({
    method: 'POST',
    path: client.api.topups[':id'].problems.$path({ param: { id: topupId } }),
    body: { reason, ...(message ? { message } : {}) } satisfies BodyOf<(typeof client.api.topups)[':id']['problems']['$post']>,
  }),
  // Nothing of the wallet changes; the receipt shows the report as sent once it is in the queue.
  project() {},
  fold: (snapshot) => snapshot,
  // One already open (DUPLICATE_PROBLEM) is what the person wanted: it is reported.
  refusal: (code) => (code === 'DUPLICATE_PROBLEM' ? 'done' : 'attention'),
  describe: () => t('intent.reportProblem'),
};

// ── The simulated identity check (KYC), and the language notifications are worded in ──

export const verify: IntentDefinition<'verify'> = {
  request: () => ({ method: 'POST', path: client.api.me.verification.$path() }),
  // Not shown as verified before the server says so (a real identity check can say no): only "pending".
  project(draft) {
    draft.verificationPending = true;
  },
  fold: (snapshot, _intent, { user }) => (user ? { ...snapshot, user } : snapshot),
  // FORBIDDEN where the deployment has no simulated KYC: the person sees why.
  refusal: () => 'attention',
  describe: () => t('intent.verify'),
};

/** PATCH /api/me {lang}: queued like any change, so a switch made offline reaches the server later. */
export const setLang: IntentDefinition<'setLang'> = {
  request: (intent) => ({ method: 'PATCH', path: client.api.me.$path(), body: { lang: intent.lang } }),
  // The screen already speaks it (the switch applies at once, on this device).
  project: () => undefined,
  fold: (snapshot, intent) => ({ ...snapshot, user: { ...snapshot.user, lang: intent.lang } }),
  // Nothing a person could fix: a refusal is only worth knowing about.
  refusal: () => 'attention',
  describe: () => t('intent.setLang'),
};

// ── The book ──

export type IntentBook = { [K in IntentKind]: IntentDefinition<K> };

export const INTENTS: IntentBook = {
  deposit,
  topup,
  addBeneficiary,
  renameBeneficiary,
  setActive,
  deleteBeneficiary,
  verify,
  addSchedule,
  changeSchedule,
  deleteSchedule,
  withdraw,
  reportProblem,
  setLang,
};

export function toRequest<K extends IntentKind>(intent: IntentOf<K>): IntentRequest {
  return INTENTS[intent.type].request(intent);
}

export function projectIntent<K extends IntentKind>(draft: Draft, intent: IntentOf<K>, context: ProjectionContext): void {
  INTENTS[intent.type].project(draft, intent, context);
}

/** What the screen shows: `snapshot` with every queued intent of `outbox` applied, in order. */
export function project(snapshot: Snapshot, outbox: OutboxEntry[]): View {
  return projectView(snapshot, outbox, projectIntent);
}

/** The last known state after the server accepted `intent`, by its own rule, from the answer as read (lib/api.ts). */
export function foldAnswer<K extends IntentKind>(snapshot: Snapshot, intent: IntentOf<K>, answer: Answer): Snapshot {
  return INTENTS[intent.type].fold(snapshot, intent, answer);
}

/** The same from a body as it came: read first (readAnswer), so a part that drifted folds nothing. */
export function foldSuccess<K extends IntentKind>(snapshot: Snapshot, intent: IntentOf<K>, body: unknown): Snapshot {
  return foldAnswer(snapshot, intent, readAnswer(body));
}

export function refusalOutcome<K extends IntentKind>(intent: IntentOf<K>, code: string | null, status: number): RefusalOutcome {
  return INTENTS[intent.type].refusal(code, status);
}

export function describeIntent<K extends IntentKind>(intent: IntentOf<K>, nameOf: (id: string) => string | undefined, money: (fils: number) => string = formatAed): string {
  return INTENTS[intent.type].describe(intent, nameOf, money);
}

export const isIntentKind = (type: unknown): type is IntentKind => typeof type === 'string' && Object.hasOwn(INTENTS, type);
