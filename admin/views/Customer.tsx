/** One customer: balance, ledger with running balance, top-ups with their timelines, schedules, sessions, problems; and the actions. */
import { createResource, createSignal, For, Show } from 'solid-js';
import { api, money, when, type UserDetail } from '../api';
import { Action } from '../Action';

type Topup = UserDetail['topups'][number];

function Timeline(props: { topup: Topup }) {
  return (
    <ol class="timeline">
      <For each={props.topup.timeline}>
        {(e) => (
          <li>
            {e.event} <span class="muted">{when(e.at)}</span> {e.detail === null ? '' : typeof e.detail === 'number' ? money(e.detail) : e.detail}
          </li>
        )}
      </For>
    </ol>
  );
}

function SettleTopup(props: { topup: Topup; done: () => void }) {
  const [outcome, setOutcome] = createSignal<'completed' | 'failed'>('completed');
  const [ref, setRef] = createSignal('');
  return (
    <Action
      label="Settle"
      confirmText={`Settle this top-up as ${outcome()}${outcome() === 'failed' ? ': amount and fee go back to the wallet' : ''}?`}
      run={(reason) => api('POST', `/topups/${props.topup.id}/settle`, { outcome: outcome(), reason, ...(ref().trim() ? { provider_ref: ref().trim() } : {}) })}
      done={props.done}
    >
      <label for={`outcome-${props.topup.id}`}>Outcome</label>
      <select id={`outcome-${props.topup.id}`} value={outcome()} onChange={(e) => setOutcome(e.currentTarget.value as 'completed' | 'failed')}>
        <option value="completed">Completed (delivered)</option>
        <option value="failed">Failed (refund amount and fee)</option>
      </select>
      <label for={`ref-${props.topup.id}`}>Provider reference (optional)</label>
      <input id={`ref-${props.topup.id}`} value={ref()} onInput={(e) => setRef(e.currentTarget.value)} />
    </Action>
  );
}

function RequestAdjustment(props: { userId: string; done: () => void }) {
  const [amount, setAmount] = createSignal('');
  const fils = () => Math.round(Number(amount()) * 100);
  return (
    <Action
      label="Request adjustment"
      confirmText={`Request an adjustment of ${Number.isFinite(fils()) ? money(fils()) : '?'}? Another operator must approve it before anything moves.`}
      run={(reason) => api('POST', '/adjustments', { user_id: props.userId, amount: fils(), reason })}
      done={props.done}
    >
      <label for="amount">Amount in AED (negative to debit, at most 1,000.00 either way)</label>
      <input id="amount" inputmode="decimal" value={amount()} onInput={(e) => setAmount(e.currentTarget.value)} />
    </Action>
  );
}

export function Customer(props: { id: string }) {
  const [detail, { refetch }] = createResource(() => props.id, (id) => api<UserDetail>('GET', `/users/${id}`));
  const [notice, setNotice] = createSignal('');
  const done = (text: string) => () => {
    setNotice(text);
    void refetch();
  };
  return (
    <Show when={detail()} fallback={<p>{detail.error ? String(detail.error) : 'Loading…'}</p>}>
      {(d) => (
        <>
          <h1>
            {d().user.name || '(no name)'} {d().frozen ? <span class="badge bad">frozen</span> : <span class="badge good">active</span>}
          </h1>
          <div class="facts">
            <div><span>Email</span>{d().user.email}</div>
            <div><span>User id</span><code>{d().user.id}</code></div>
            <div><span>Balance</span><strong>{money(d().user.balance)}</strong></div>
            <div><span>Verified</span>{d().user.verified ? 'yes' : 'no'}</div>
            <div><span>Since</span>{when(d().user.created_at)}</div>
            <div><span>This month</span>{money(d().limits.total.used)} of {money(d().limits.total.limit)}</div>
          </div>
          <Show when={notice()}>
            <p class="notice" role="status">{notice()}</p>
          </Show>
          <div class="actions">
            <Show
              when={d().frozen}
              fallback={<Action label="Freeze account" danger confirmText="Freeze this account? Every write of theirs will be refused until it is unfrozen." run={(reason) => api('POST', `/users/${props.id}/freeze`, { reason })} done={done('Account frozen.')} />}
            >
              <Action label="Unfreeze account" confirmText="Unfreeze this account?" run={(reason) => api('POST', `/users/${props.id}/unfreeze`, { reason })} done={done('Account unfrozen.')} />
            </Show>
            <Action label="End all sessions" danger confirmText="Sign this customer out everywhere?" run={(reason) => api('POST', `/users/${props.id}/sessions/end`, { reason })} done={done('Sessions ended.')} />
            <RequestAdjustment userId={props.id} done={done('Adjustment requested: waiting for a second operator.')} />
          </div>

          <h2>Top-ups</h2>
          <div class="table">
            <table aria-label="Top-ups">
              <thead><tr><th>When</th><th>Phone</th><th class="num">Amount</th><th>Status</th><th>Story</th><th>Reference</th><th /></tr></thead>
              <tbody>
                <For each={d().topups} fallback={<tr><td colspan="7" class="muted">No top-ups.</td></tr>}>
                  {(t) => (
                    <tr>
                      <td>{when(t.created_at)}<br /><code class="muted">{t.id}</code></td>
                      <td>{t.phone}</td>
                      <td class="num">{money(t.amount)}<br /><span class="muted">fee {money(t.fee)}</span></td>
                      <td>{t.status}{t.failure_code ? ` (${t.failure_code})` : ''}</td>
                      <td><Timeline topup={t} /></td>
                      <td>{t.provider_ref ?? '—'}</td>
                      <td>{t.status === 'pending' ? <SettleTopup topup={t} done={done('Top-up settled.')} /> : null}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>

          <h2>Ledger</h2>
          <div class="table">
            <table aria-label="Ledger">
              <thead><tr><th>When</th><th>Kind</th><th class="num">Amount</th><th class="num">Fee</th><th class="num">Balance after</th><th>Status</th></tr></thead>
              <tbody>
                <For each={d().transactions}>
                  {(t) => (
                    <tr>
                      <td>{when(t.created_at)}</td>
                      <td>{t.kind}</td>
                      <td class="num">{money(t.amount)}</td>
                      <td class="num">{money(t.fee)}</td>
                      <td class="num">{money(t.balance_after)}</td>
                      <td>{t.status}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>

          <h2>Beneficiaries</h2>
          <ul>
            <For each={d().beneficiaries} fallback={<li class="muted">None.</li>}>
              {(b) => <li>{b.nickname} — {b.phone} {b.active ? '' : '(inactive)'} · {money(b.month_used)} of {money(b.month_limit)} this month</li>}
            </For>
          </ul>

          <h2>Auto top-ups</h2>
          <ul>
            <For each={d().schedules} fallback={<li class="muted">None.</li>}>
              {(s) => <li>{money(s.amount)} every {s.every}, {s.status}, next {when(s.next_run_at)}{s.last_run ? ` · last: ${s.last_run.result}${s.last_run.code ? ` (${s.last_run.code})` : ''}` : ''}</li>}
            </For>
          </ul>

          <h2>Sessions</h2>
          <ul>
            <For each={d().sessions} fallback={<li class="muted">No live sessions.</li>}>
              {(s) => <li>{s.method} · {s.user_agent ?? 'unknown device'} · since {when(s.created_at)} · last used {when(s.last_used_at)}</li>}
            </For>
          </ul>

          <h2>Problems</h2>
          <ul>
            <For each={d().problems} fallback={<li class="muted">None reported.</li>}>
              {(p) => <li>{p.reason} on {p.topup_id}: {p.status}{p.resolution ? ` — ${p.resolution}` : ''}</li>}
            </For>
          </ul>

          <p><a href={`#/audit/${props.id}`}>Audit of this customer</a></p>
        </>
      )}
    </Show>
  );
}
