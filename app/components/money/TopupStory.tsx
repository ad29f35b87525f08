import { createResource, createSignal, For, Match, Show, Suspense, Switch } from 'solid-js';
import type { ApiProblem, ApiTimelineEvent } from '../../../worker/contract/types';
import { api } from '../../lib/api';
import { formatAed, formatDateTime } from '../../lib/format';
import { actions } from '../../state/actions';
import { wallet } from '../../state/wallet';
import { submitOnce } from '../../lib/input';
import { t } from '../../i18n';

const REASONS = ['not_received', 'wrong_number', 'other'] as const;
type Reason = (typeof REASONS)[number];
const REASON_TEXT = { not_received: 'problem.not_received', wrong_number: 'problem.wrong_number', other: 'problem.other' } as const satisfies Record<Reason, string>;

function eventText(e: ApiTimelineEvent): string {
  const fils = typeof e.detail === 'number' ? e.detail : 0;
  if (e.event === 'debited') return t('story.debited', { amount: formatAed(fils) });
  if (e.event === 'sent') return t('story.sent');
  if (e.event === 'completed') return t('story.completed', { ref: String(e.detail ?? '—') });
  if (e.event === 'failed') return t('story.failed');
  return t('story.refunded', { amount: formatAed(fils) });
}

/** Whether a problem report about this top-up is still in the queue. */
function queuedReport(topupId: string) {
  return wallet.outbox.some((e) => e.intent.type === 'reportProblem' && e.intent.topupId === topupId);
}

function ReportForm(props: { topupId: string; onSent: () => void }) {
  const [reason, setReason] = createSignal<Reason>('not_received');
  const [message, setMessage] = createSignal('');
  const submit = submitOnce(async () => {
    const text = message().trim();
    await actions.reportProblem({ topupId: props.topupId, reason: reason(), ...(text ? { message: text.slice(0, 500) } : {}) });
    props.onSent();
  });
  return (
    <form onSubmit={submit} class="mt-3 space-y-3">
      <fieldset>
        <legend class="label">{t('problem.reason')}</legend>
        <For each={REASONS}>
          {(r) => (
            <label class="flex min-h-11 items-center gap-3">
              <input type="radio" name="reason" value={r} checked={reason() === r} onChange={() => setReason(r)} class="size-5 accent-brand-700" />
              <span>{t(REASON_TEXT[r])}</span>
            </label>
          )}
        </For>
      </fieldset>
      <div>
        <label for="problem-message" class="label">
          {t('problem.message')}
        </label>
        <textarea id="problem-message" class="input min-h-24 py-2" dir="auto" maxLength={500} value={message()} onInput={(e) => setMessage(e.currentTarget.value)} />
      </div>
      <button type="submit" class="btn-primary">
        {t('problem.submit')}
      </button>
    </form>
  );
}

/** On a receipt: what happened to the top-up (its timeline from the server), and "Report a problem". */
export function TopupStory(props: { topupId: string }) {
  const [story] = createResource(() => props.topupId, (id) => api.topupStory(id));
  // Read again when a queued report leaves the queue (sent, or found already open).
  const [problems] = createResource(() => `${props.topupId}:${queuedReport(props.topupId)}`, async () => {
    const result = await api.problems();
    return result.ok ? result.data.items : ([] as ApiProblem[]);
  });
  const [reporting, setReporting] = createSignal(false);
  const mine = () => problems()?.find((p) => p.topup_id === props.topupId && p.status === 'open') ?? problems()?.find((p) => p.topup_id === props.topupId);
  const timeline = () => {
    const s = story();
    return s?.ok ? s.data.timeline : null;
  };

  return (
    <section class="card" aria-labelledby="story-title">
      <h2 id="story-title" class="text-lg font-bold">
        {t('story.title')}
      </h2>
      {/* Its own boundaries: the receipt above stays on screen while the story and the problems load. */}
      <Suspense fallback={<p class="muted mt-2">{t('common.loading')}</p>}>
        <Show when={timeline()} fallback={<p class="muted mt-2">{t('story.offline')}</p>}>
          {(events) => (
            <ol class="mt-3 space-y-3 border-s-2 border-slate-200 ps-4 dark:border-slate-700">
              <For each={events()}>
                {(e) => (
                  <li>
                    <p class={`font-medium ${e.event === 'failed' ? 'text-red-700 dark:text-red-300' : ''}`}>
                      <bdi>{eventText(e)}</bdi>
                    </p>
                    <p class="muted text-sm">{formatDateTime(e.at)}</p>
                  </li>
                )}
              </For>
            </ol>
          )}
        </Show>
      </Suspense>
      <div class="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800">
        <Suspense>
        <Switch
          fallback={
            <Show when={reporting()} fallback={<button type="button" class="btn-secondary" onClick={() => setReporting(true)}>{t('problem.report')}</button>}>
              <ReportForm topupId={props.topupId} onSent={() => setReporting(false)} />
            </Show>
          }
        >
          <Match when={queuedReport(props.topupId)}>
            <p role="status">
              <span class="badge-pending">{t('common.pending')}</span> {t('problem.queued')}
            </p>
          </Match>
          <Match when={mine()}>
            {(p) => <p role="status">{p().status === 'resolved' && p().resolution ? t('problem.resolved', { answer: p().resolution! }) : t('problem.open')}</p>}
          </Match>
        </Switch>
        </Suspense>
      </div>
    </section>
  );
}
