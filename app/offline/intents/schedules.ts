/** The auto top-up intents: set up, change (amount, cadence, pause/resume), delete. One entry each. */
import type { ApiSchedule } from '../../../worker/contract/types';
import { rescheduled } from '../../../worker/domain/schedule';
import { client, type BodyOf } from '../../lib/api';
import type { IntentDefinition, Snapshot } from '../records';
import { t } from '../../i18n';

// Paths and bodies come from the server's routes (hc<AppType>): a route that changes fails to compile here.
const one = client.api.schedules[':id'];
const path = (id: string) => one.$path({ param: { id: encodeURIComponent(id) } });
type CreateBody = BodyOf<typeof client.api.schedules.$post>;
type UpdateBody = BodyOf<typeof one.$patch>;

const upsert = (list: ApiSchedule[], item: ApiSchedule) =>
  list.some((s) => s.id === item.id) ? list.map((s) => (s.id === item.id ? item : s)) : [...list, item];

/** `{schedule}` of the answer, checked (sync results are unknown JSON): a drifted answer folds nothing. */
export function readSchedule(answer: unknown): ApiSchedule | null {
  const s = answer !== null && typeof answer === 'object' && 'schedule' in answer ? answer.schedule : null;
  const ok =
    s !== null && typeof s === 'object' && 'id' in s && typeof s.id === 'string' && 'beneficiary_id' in s && typeof s.beneficiary_id === 'string' &&
    'next_run_at' in s && typeof s.next_run_at === 'string' && 'amount' in s && Number.isSafeInteger(s.amount);
  return ok ? (s as ApiSchedule) : null;
}

/** Creating and changing both answer `{schedule}`: the server's copy replaces ours. */
function foldSchedule(snapshot: Snapshot, _intent: unknown, answer: unknown): Snapshot {
  const schedule = readSchedule(answer);
  return schedule ? { ...snapshot, schedules: upsert(snapshot.schedules ?? [], schedule) } : snapshot;
}

const nameOr = (nameOf: (id: string) => string | undefined, id: string) => nameOf(id) ?? t('intent.someone');

export const addSchedule: IntentDefinition<'addSchedule'> = {
  // No `starts_at`: the first run is due when the server receives it ("now" for the server),
  // so a create that waited offline for longer than the contract's 5-minute window is not refused.
  request: ({ id, beneficiaryId, amount, every }) => ({
    method: 'POST',
    path: client.api.schedules.$path(),
    body: { id, beneficiary_id: beneficiaryId, amount, every } satisfies CreateBody,
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
    path: path(id),
    // Only the fields the person changed: JSON drops the undefined ones.
    body: { amount, every, status } satisfies UpdateBody,
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
  request: ({ id }) => ({ method: 'DELETE', path: path(id) }),
  project(draft, intent) {
    draft.schedules = draft.schedules.filter((s) => s.id !== intent.id);
  },
  fold: (snapshot, intent) => ({ ...snapshot, schedules: (snapshot.schedules ?? []).filter((s) => s.id !== intent.id) }),
  // Already gone (deleted here, or with its beneficiary): the effect the person wanted.
  refusal: (_code, status) => (status === 404 ? 'done' : 'attention'),
  describe: (intent, nameOf) => t('schedules.intent.delete', { name: nameOr(nameOf, intent.beneficiaryId) }),
};
