import { A, useLocation } from '@solidjs/router';
import { createEffect, createSignal, For, on } from 'solid-js';
import type { ApiTopup } from '../../worker/domain/contract';
import { formatAed } from '../lib/format';
import { codeText } from '../lib/errors';
import { nicknameOf, wallet } from '../state/wallet';
import { t } from '../i18n';

type Notice = { key: string; text: string; tone: 'done' | 'notDone' };

const OPENED = Date.now();

/**
 * Money that moved out of sight: a top-up queued while offline (or before this page opened)
 * that finishes later. Said where the person is
 * now, announced (role="status"), until dismissed; not on the receipt the person is reading.
 */
export default function LaterNotices() {
  const location = useLocation();
  const watching = new Set<string>();
  const [notices, setNotices] = createSignal<Notice[]>([]);

  createEffect(
    on([() => wallet.outbox, () => wallet.online], ([outbox, online]) => {
      for (const entry of outbox) {
        const queuedEarlier = Date.parse(entry.createdAt) < OPENED;
        if (entry.intent.type === 'topup' && (!online || queuedEarlier)) watching.add(entry.key);
      }
      for (const key of [...watching]) {
        if (outbox.some((e) => e.key === key)) continue;
        watching.delete(key);
        const notice = outcomeOf(key);
        if (notice && location.pathname !== `/receipt/${key}`) setNotices((list) => [...list.filter((n) => n.key !== key), notice].slice(-3));
      }
    }),
  );

  return (
    <div role="status" class="pointer-events-none fixed inset-x-0 bottom-20 z-20 mx-auto flex max-w-2xl flex-col gap-2 px-4 empty:hidden">
      <For each={notices()}>
        {(n) => (
          <p
            class={`pointer-events-auto flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl p-3 shadow-lg ${
              n.tone === 'done' ? 'bg-emerald-800 text-white dark:bg-emerald-200 dark:text-emerald-950' : 'bg-red-800 text-white dark:bg-red-200 dark:text-red-950'
            }`}
          >
            <span class="min-w-0 flex-1">{n.text}</span>
            <A href={`/receipt/${n.key}`} class="font-bold underline" onClick={() => setNotices((list) => list.filter((x) => x.key !== n.key))}>
              {t('notice.receipt')}
            </A>
            <button type="button" class="btn min-h-11 px-2 underline" onClick={() => setNotices((list) => list.filter((x) => x.key !== n.key))}>
              {t('notice.dismiss')}
            </button>
          </p>
        )}
      </For>
    </div>
  );
}

function outcomeOf(key: string): Notice | null {
  const refused = wallet.attention.find((a) => a.key === key);
  const result = wallet.results.find((r) => r.key === key);
  const intent = refused?.intent ?? result?.intent;
  if (!intent) return null;
  if (intent.type !== 'topup') return null;
  const name = nicknameOf(intent.beneficiaryId) ?? t('item.someone');
  const amount = formatAed(intent.amount);
  if (refused) return { key, tone: 'notDone', text: t('notice.topupRefused', { name, amount, reason: codeText(refused.code) }) };
  const topup = (result?.body as { topup?: ApiTopup } | null)?.topup;
  if (topup?.status === 'failed') return { key, tone: 'notDone', text: t('notice.topupDeclined', { name, amount, back: formatAed(topup.amount + topup.fee) }) };
  return { key, tone: 'done', text: t(topup?.status === 'pending' ? 'notice.topupSent' : 'notice.topupDone', { name, amount }) };
}
