import { createEffect, createSignal, For, on } from 'solid-js';
import { render } from 'solid-js/web';
import { formatAed } from '../../lib/format';
import { codeText } from '../../lib/errors';
import { nicknameOf, wallet } from '../../state/wallet';
import { t } from '../../i18n';

type Notice = { key: string; text: string; tone: 'done' | 'notDone' };

const OPENED = Date.now();

let mounted = false;

/** Mounted once by the sync engine (after the first paint), beside the app's tree: the notices follow the store, not a route. */
export function mountLaterNotices(): void {
  if (mounted) return;
  mounted = true;
  const at = document.body.appendChild(document.createElement('div'));
  render(() => <LaterNotices />, at);
}

/** A top-up queued offline (or before this page opened) that finishes later: announced wherever the person is, except on its own receipt. */
function LaterNotices() {
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
        if (notice && window.location.pathname !== `/receipt/${key}`) setNotices((list) => [...list.filter((n) => n.key !== key), notice].slice(-3));
      }
    }),
  );

  return (
    <div role="status" class="pointer-events-none fixed inset-x-0 bottom-[calc(3.5rem+1px+env(safe-area-inset-bottom))] z-10 mx-auto max-w-2xl space-y-2 px-[min(1rem,4vw)] pb-2">
      <For each={notices()}>
        {(n) => (
          <p
            class={`card pointer-events-auto flex flex-wrap items-center gap-x-3 border-s-4 font-medium ${n.tone === 'done' ? 'border-emerald-700' : 'border-red-700'}`}
          >
            <span class="w-full">{n.text}</span>
            {/* A plain link: the router handles it (this lives outside the app's tree). */}
            <a href={`/receipt/${n.key}`} class="link" onClick={() => setNotices((list) => list.filter((x) => x.key !== n.key))}>
              {t('notice.receipt')}
            </a>
            <button type="button" class="btn-quiet" onClick={() => setNotices((list) => list.filter((x) => x.key !== n.key))}>
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
  const topup = result?.body?.topup;
  if (topup?.status === 'failed') return { key, tone: 'notDone', text: t('notice.topupDeclined', { name, amount, back: formatAed(topup.amount + topup.fee) }) };
  return { key, tone: 'done', text: t(topup?.status === 'pending' ? 'notice.topupSent' : 'notice.topupDone', { name, amount }) };
}
