import { createResource, createSignal, For, Show } from 'solid-js';
import type { ApiStatement } from '../../worker/contract/types';
import { dubaiMonth } from '../../worker/domain/money';
import { PageTitle } from '../ui/PageTitle';
import { TransactionItem } from '../components/money/ActivityItem';
import { UsageBar } from '../ui/UsageBar';
import { api } from '../lib/api';
import { formatAed, formatPhone, formatSignedAed } from '../lib/format';
import { updateSnapshot } from '../offline/writes';
import { currentDb, wallet } from '../state/wallet';
import { locale, t } from '../i18n';

/** Past months kept on the device: enough for a year of statements offline. */
const KEEP = 12;

/** The Dubai months from the account's first to this one, newest first. */
function monthsOfAccount(createdAt: string | undefined, now = new Date()): string[] {
  const last = dubaiMonth(now);
  const first = createdAt ? dubaiMonth(new Date(createdAt)) : last;
  const months: string[] = [];
  let [year, month] = last.split('-').map(Number) as [number, number];
  while (months.length < 120) {
    const m = `${year}-${String(month).padStart(2, '0')}`;
    months.push(m);
    if (m <= first) break;
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return months;
}

function monthName(month: string): string {
  const lang = locale() === 'ar' ? 'ar-AE-u-nu-latn' : 'en-AE';
  return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** A statement from the server; a month that is over is kept on the device and read from there when offline. */
async function loadStatement(month: string): Promise<ApiStatement | null> {
  const result = await api.statement(month);
  const db = currentDb();
  if (result.ok && typeof result.data === 'object') {
    const statement = result.data;
    if (db && month < dubaiMonth(new Date())) {
      await updateSnapshot(db, (s) => {
        const kept = Object.entries({ ...s.statements, [month]: statement })
          .sort(([a], [b]) => (a < b ? 1 : -1))
          .slice(0, KEEP);
        return { ...s, statements: Object.fromEntries(kept) };
      });
    }
    return statement;
  }
  return wallet.snapshot?.statements?.[month] ?? null;
}

function Row(props: { label: string; value: string; strong?: boolean }) {
  return (
    // A row that does not fit (large text, a narrow phone) puts its amount on the next line, at the end.
    <div class="flex flex-wrap justify-between gap-x-4">
      <dt class={props.strong ? 'font-bold' : 'muted'}>{props.label}</dt>
      <dd class={`ms-auto text-end tabular-nums ${props.strong ? 'font-bold' : ''}`}>
        <bdi>{props.value}</bdi>
      </dd>
    </div>
  );
}

/** Activity → Statements: a month's totals, spend per beneficiary against its limit, its transactions; CSV and print (A4 via the print stylesheet). */
export default function Statements() {
  const months = () => monthsOfAccount(wallet.snapshot?.user.created_at);
  const [month, setMonth] = createSignal(dubaiMonth(new Date()));
  const [statement] = createResource(month, loadStatement);

  return (
    <div class="statement space-y-4">
      <PageTitle>{t('statement.title')}</PageTitle>
      <div class="no-print space-y-3">
        <div>
          <label for="statement-month" class="label">
            {t('statement.month')}
          </label>
          <select id="statement-month" class="input" value={month()} onChange={(e) => setMonth(e.currentTarget.value)}>
            <For each={months()}>{(m) => <option value={m}>{monthName(m)}</option>}</For>
          </select>
        </div>
        <div class="flex flex-wrap gap-2">
          <a class="btn-secondary" href={`/api/statements/${month()}.csv`} download={`topup-${month()}.csv`}>
            {t('statement.csv')}
          </a>
          <button type="button" class="btn-secondary" onClick={() => window.print()}>
            {t('statement.print')}
          </button>
        </div>
      </div>
      <p class="print-only font-semibold">{t('statement.for', { name: wallet.snapshot?.user.name ?? '', month: monthName(month()) })}</p>
      <Show when={!statement.loading} fallback={<p class="muted">{t('common.loading')}</p>}>
        <Show when={statement()} fallback={<p class="muted">{t('statement.offline')}</p>}>
          {(s) => (
            <>
              <section class="card" aria-labelledby="summary-title">
                <h2 id="summary-title" class="text-lg font-bold">
                  {t('statement.summary')}
                </h2>
                <dl class="mt-2 space-y-1.5">
                  <Row label={t('statement.opening')} value={formatAed(s().opening_balance)} />
                  <Row label={t('statement.deposits')} value={formatSignedAed(s().totals.deposits)} />
                  <Row label={t('statement.topups')} value={formatSignedAed(-s().totals.topups)} />
                  <Row label={t('statement.fees')} value={formatSignedAed(-s().totals.fees)} />
                  <Row label={t('statement.refunds')} value={formatSignedAed(s().totals.refunds)} />
                  <Row label={t('statement.withdrawals')} value={formatSignedAed(-s().totals.withdrawals)} />
                  <Show when={s().totals.adjustments !== 0}>
                    <Row label={t('statement.adjustments')} value={formatSignedAed(s().totals.adjustments)} />
                  </Show>
                  <Row label={t('statement.closing')} value={formatAed(s().closing_balance)} strong />
                </dl>
                <p class="muted mt-3 text-sm">{t('statement.timeZone')}</p>
              </section>
              <Show when={s().beneficiaries.length}>
                <section class="card" aria-labelledby="by-beneficiary-title">
                  <h2 id="by-beneficiary-title" class="text-lg font-bold">
                    {t('statement.byBeneficiary')}
                  </h2>
                  <ul class="mt-3 space-y-4">
                    <For each={s().beneficiaries}>
                      {(b) => (
                        <li>
                          <UsageBar label={b.nickname || '—'} used={b.amount} limit={b.limit} />
                          <p class="muted mt-1 flex flex-wrap gap-x-2 text-sm">
                            <span dir="ltr" class="whitespace-nowrap tabular-nums">
                              {b.phone ? formatPhone(b.phone) : ''}
                            </span>
                            <span>{t('statement.count', { count: b.count })}</span>
                          </p>
                        </li>
                      )}
                    </For>
                  </ul>
                </section>
              </Show>
              <section class="card" aria-labelledby="items-title">
                <h2 id="items-title" class="text-lg font-bold">
                  {t('statement.items')}
                </h2>
                <Show when={s().items.length} fallback={<p class="muted py-3">{t('statement.none')}</p>}>
                  <ul class="divide-y divide-slate-200 dark:divide-slate-800">
                    <For each={s().items}>{(item) => <TransactionItem item={item} fullDate />}</For>
                  </ul>
                </Show>
              </section>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}
