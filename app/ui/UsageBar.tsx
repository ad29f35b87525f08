import { Show } from 'solid-js';
import { formatAed } from '../lib/format';
import { t } from '../i18n';

/** Month usage against a limit, as a labelled progress bar. */
export function UsageBar(props: { label: string; shortLabel?: string; used: number; limit: number; pending?: boolean; inverse?: boolean }) {
  const percent = () => (props.limit > 0 ? Math.min(100, Math.round((props.used / props.limit) * 100)) : 0);
  const text = () => t('usage.of', { used: formatAed(props.used), limit: formatAed(props.limit) });
  const tone = () => (props.inverse ? 'bg-white' : percent() >= 90 ? 'bg-red-600 dark:bg-red-400' : percent() >= 70 ? 'bg-amber-500 dark:bg-amber-300' : 'bg-brand-600 dark:bg-brand-300');
  return (
    <div>
      <div class="mb-1 flex flex-wrap items-baseline justify-between gap-x-2 text-sm">
        <span class={props.inverse ? 'text-brand-50' : 'muted'}>{props.shortLabel ?? props.label}</span>
        <span class="font-medium tabular-nums">
          {text()}
          <Show when={props.pending}>
            {' '}
            <span class="badge-pending">{t('common.pending')}</span>
          </Show>
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={props.limit / 100}
        aria-valuenow={Math.min(props.used, props.limit) / 100}
        aria-valuetext={t('usage.used', { text: text() })}
        class={`h-2.5 overflow-hidden rounded-full ${props.inverse ? 'bg-white/25' : 'bg-slate-200 dark:bg-slate-700'}`}
      >
        <div class={`h-full rounded-full ${tone()}`} style={{ width: `${percent()}%` }} />
      </div>
    </div>
  );
}
