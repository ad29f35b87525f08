import { For, Show } from 'solid-js';
import { describeIntent } from '../../offline/intents';
import { actions } from '../../state/actions';
import { nicknameOf, wallet } from '../../state/wallet';
import { codeText } from '../../lib/errors';
import { formatAed } from '../../lib/format';
import { t } from '../../i18n';
import type { AttentionEntry } from '../../offline/model';
import { topupRefusal, usage } from '../../../worker/domain/money';

// Refusals the same request meets again, whatever happens meanwhile: Dismiss only, no "Retry".
const FINAL = new Set(['VALIDATION_FAILED', 'NOT_FOUND', 'ID_CONFLICT', 'DUPLICATE_BENEFICIARY', 'DUPLICATE_SCHEDULE', 'DUPLICATE_PROBLEM', 'EMAIL_TAKEN', 'IDEMPOTENCY_KEY_REUSED']);
const MONEY = new Set(['INSUFFICIENT_BALANCE', 'BENEFICIARY_MONTHLY_LIMIT', 'MONTHLY_LIMIT']);

/** "Retry" only where it can go through now: a top-up refused for money, once the balance and limits allow it. */
function worthRetrying(item: AttentionEntry): boolean {
  const intent = item.intent;
  if (!intent || FINAL.has(item.code)) return false;
  if (intent.type !== 'topup' || !MONEY.has(item.code)) return true;
  const view = wallet.view;
  const b = view?.beneficiaries.find((x) => x.id === intent.beneficiaryId);
  return !!view && !!b && !topupRefusal({ amount: intent.amount, fee: view.fee, balance: view.balance, beneficiary: usage(b.month_used, b.month_limit), total: view.total });
}

/** Actions the server refused: rolled back on screen, kept here until dismissed or retried. */
export default function AttentionList() {
  return (
    <>
      <section aria-labelledby="attention-title" class="card border-s-4 border-red-700 dark:border-red-400">
        <h2 id="attention-title" class="text-lg font-bold">
          {t('attention.title')}
        </h2>
        <ul class="mt-2 divide-y divide-slate-200 dark:divide-slate-800">
          <For each={wallet.attention}>
            {(item) => {
              // A parked record (an older app's action that could not be upgraded) has no intent to describe or retry.
              const what = () => (item.intent ? describeIntent(item.intent, nicknameOf, formatAed) : t('attention.olderVersion'));
              return (
                <li class="py-3">
                  <p class="font-semibold">{what()}</p>
                  <p class="text-sm text-red-700 dark:text-red-300">{t('attention.notDone', { reason: item.code === 'QUEUE_UPGRADE_FAILED' ? t('attention.olderReason') : codeText(item.code) })}</p>
                  <div class="mt-2 flex gap-2">
                    <Show when={worthRetrying(item)}>
                      <button type="button" class="btn-secondary" aria-label={t('attention.retryLabel', { what: what() })} onClick={() => void actions.retry(item.key)}>
                        {t('attention.retry')}
                      </button>
                    </Show>
                    <button type="button" class="btn-quiet" aria-label={t('attention.dismissLabel', { what: what() })} onClick={() => void actions.dismiss(item.key)}>
                      {t('attention.dismiss')}
                    </button>
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </section>
    </>
  );
}
