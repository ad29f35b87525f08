import { createSignal, onCleanup, Show } from 'solid-js';
import type { ApiSchedule } from '../../../worker/contract/types';
import type { ViewSchedule } from '../../offline/model';
import { aedOptionLabel } from '../../lib/format';
import { locale, t, type MessageKey } from '../../i18n';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "25 Nov 2026, 9:00 AM" in the app's language (Latin digits in Arabic too, as the rest of the app). */
export function scheduleDate(iso: string): string {
  const tag = locale() === 'ar' ? 'ar-AE-u-nu-latn' : 'en-AE';
  let format = formatters.get(tag);
  if (!format) formatters.set(tag, (format = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' })));
  return format.format(new Date(iso));
}

const REASONS: Partial<Record<string, MessageKey>> = {
  INSUFFICIENT_BALANCE: 'schedules.reason.INSUFFICIENT_BALANCE',
  BENEFICIARY_MONTHLY_LIMIT: 'schedules.reason.BENEFICIARY_MONTHLY_LIMIT',
  MONTHLY_LIMIT: 'schedules.reason.MONTHLY_LIMIT',
  BENEFICIARY_INACTIVE: 'schedules.reason.BENEFICIARY_INACTIVE',
  PROVIDER_DECLINED: 'schedules.reason.PROVIDER_DECLINED',
};

/** A person's words for a refusal or failure code; an unknown code is shown as it is. */
export function reasonText(code: string | null): string {
  const known = code === null ? undefined : REASONS[code];
  return known ? t(known as 'schedules.reason.MONTHLY_LIMIT') : t('schedules.reason.other', { code: code ?? '—' });
}

export const scheduleSummary = (s: Pick<ApiSchedule, 'amount' | 'every'>) =>
  t(s.every === 'week' ? 'schedules.summary.week' : 'schedules.summary.month', { amount: aedOptionLabel(s.amount) });

function lastRunText(run: NonNullable<ApiSchedule['last_run']>): string {
  const when = scheduleDate(run.at);
  if (run.result === 'completed') return t('schedules.lastCompleted', { when });
  if (run.result === 'pending') return t('schedules.lastPending', { when });
  if (run.result === 'failed') return t('schedules.lastFailed', { when, reason: reasonText(run.code) });
  return t('schedules.lastRefused', { when, reason: reasonText(run.code) });
}

/** What a schedule will do next and what its last run did (with the reason, by code, when refused). */
export function ScheduleStatus(props: { schedule: ViewSchedule; beneficiaryActive: boolean }) {
  const s = () => props.schedule;
  // Created offline: the server has not set its first run yet.
  const unsent = () => s().pending && s().last_run === null && s().created_at === s().next_run_at;
  // Never a "Next" in the past: a run whose time has come (or comes within the minute) is made at the
  // cron's next check. Re-read on every change of the schedule, and every 30 s while shown.
  const [tick, setTick] = createSignal(0);
  const timer = setInterval(() => setTick((n) => n + 1), 30_000);
  onCleanup(() => clearInterval(timer));
  const next = () => {
    tick();
    if (unsent()) return t('schedules.nextAfterSync');
    return Date.parse(s().next_run_at) - Date.now() < 60_000 ? t('schedules.nextDue') : t('schedules.next', { when: scheduleDate(s().next_run_at) });
  };
  return (
    <div class="text-sm">
      <p class="flex flex-wrap items-center gap-x-2 gap-y-1 font-semibold">
        <span>{scheduleSummary(s())}</span>
        <Show when={s().pending}>
          <span class="badge-pending">{t('schedules.pending')}</span>
        </Show>
        <Show when={s().status === 'paused'}>
          <span class="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-700 dark:text-slate-100">{t('schedules.paused')}</span>
        </Show>
      </p>
      <Show when={s().status === 'active'}>
        <p class="muted">{next()}</p>
      </Show>
      <Show when={!props.beneficiaryActive && s().status === 'active'}>
        <p class="muted">{t('schedules.inactive')}</p>
      </Show>
      <p class={s().last_run?.result === 'refused' || s().last_run?.result === 'failed' ? 'mt-0.5 text-red-700 dark:text-red-300' : 'muted mt-0.5'} data-testid="schedule-last-run">
        {s().last_run ? lastRunText(s().last_run!) : t('schedules.noRunYet')}
      </p>
    </div>
  );
}
