import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { nicknameOf, wallet } from '../../state/wallet';
import { t } from '../../i18n';
import { ScheduleStatus } from './ScheduleStatus';

/** Home: the active auto top-ups, soonest first (the view keeps them sorted by next run). */
export function UpcomingAutoTopups() {
  const upcoming = () => wallet.view?.schedules.filter((s) => s.status === 'active') ?? [];
  const activeOf = (id: string) => wallet.view?.beneficiaries.find((b) => b.id === id)?.active ?? false;
  return (
    <Show when={upcoming().length}>
      <section aria-labelledby="upcoming-title" class="card">
        <div class="flex items-center justify-between gap-2">
          <h2 id="upcoming-title" class="text-lg font-bold">
            {t('schedules.upcoming')}
          </h2>
        </div>
        <ul aria-labelledby="upcoming-title" class="divide-y divide-slate-200 dark:divide-slate-800">
          <For each={upcoming()}>
            {(s) => (
              <li class="py-3">
                <h3 class="font-bold">
                  <A href="/beneficiaries" class="link">
                    <bdi>{nicknameOf(s.beneficiary_id) ?? '—'}</bdi>
                  </A>
                </h3>
                <ScheduleStatus schedule={s} beneficiaryActive={activeOf(s.beneficiary_id)} />
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
