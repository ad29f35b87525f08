/** The approvals queue, the audit log and the overview. */
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { api, money, when, type Adjustment, type AuditRecord, type Overview as OverviewData } from '../api';
import { Action } from '../Action';

export function Approvals() {
  const [list, { refetch }] = createResource(() => api<{ items: Adjustment[] }>('GET', '/adjustments?status=pending'));
  return (
    <>
      <h1>Approvals</h1>
      <p class="muted">Adjustments wait here until an operator other than the one who asked approves or rejects them.</p>
      <Show when={list()} fallback={<p>{list.error ? String(list.error) : 'Loading…'}</p>}>
        {(l) => (
          <div class="table">
            <table aria-label="Pending adjustments">
              <thead><tr><th>Asked</th><th>Customer</th><th class="num">Amount</th><th>Why</th><th>By</th><th /></tr></thead>
              <tbody>
                <For each={l().items} fallback={<tr><td colspan="6" class="muted">Nothing waiting.</td></tr>}>
                  {(a) => (
                    <tr>
                      <td>{when(a.created_at)}</td>
                      <td><a href={`#/users/${a.user_id}`}>{a.user_id}</a></td>
                      <td class="num">{money(a.amount)}</td>
                      <td>{a.reason}</td>
                      <td>{a.requested_by}</td>
                      <td>
                        <div class="actions">
                          <Action label="Approve" confirmText={`Apply ${money(a.amount)} to this customer's wallet?`} run={(reason) => api('POST', `/adjustments/${a.id}/approve`, { reason })} done={() => void refetch()} />
                          <Action label="Reject" danger confirmText="Reject this adjustment? Nothing moves." run={(reason) => api('POST', `/adjustments/${a.id}/reject`, { reason })} done={() => void refetch()} />
                        </div>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </>
  );
}

export function Audit(props: { target: string; go: (hash: string) => void }) {
  const [items, setItems] = createSignal<AuditRecord[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [target, setTarget] = createSignal('');
  const [error, setError] = createSignal('');
  const load = async (filter: string, more: boolean) => {
    setError('');
    const params = new URLSearchParams({ limit: '50' });
    if (filter) params.set('target', filter);
    if (more && cursor()) params.set('cursor', cursor()!);
    try {
      const page = await api<{ items: AuditRecord[]; next_cursor: string | null }>('GET', `/audit?${params.toString()}`);
      setItems(more ? [...items(), ...page.items] : page.items);
      setCursor(page.next_cursor);
    } catch (e) {
      setError(String(e));
    }
  };
  // The filter lives in the URL (#/audit/<target>): each change reloads from the newest.
  createEffect(
    on(
      () => props.target,
      (filter) => {
        setTarget(filter);
        void load(filter, false);
      },
    ),
  );
  return (
    <>
      <h1>Audit log</h1>
      <form class="search" onSubmit={(e) => { e.preventDefault(); props.go(target().trim() ? `#/audit/${encodeURIComponent(target().trim())}` : '#/audit'); }}>
        <input aria-label="Filter by target (user id, top-up id, adjustment id, operator email)" placeholder="Filter by user id, top-up id, adjustment id or operator email" value={target()} onInput={(e) => setTarget(e.currentTarget.value)} />
        <button type="submit">Filter</button>
      </form>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
      <div class="table">
        <table aria-label="Audit records">
          <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Why</th><th>Change</th></tr></thead>
          <tbody>
            <For each={items()} fallback={<tr><td colspan="6" class="muted">No records.</td></tr>}>
              {(r) => (
                <tr>
                  <td>{when(r.at)}</td>
                  <td>{r.actor} <span class="muted">({r.role})</span></td>
                  <td>{r.action}</td>
                  <td><code>{r.target}</code></td>
                  <td>{r.reason}</td>
                  <td><code>{JSON.stringify(r.before)}</code> → <code>{JSON.stringify(r.after)}</code></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={cursor()}>
        <p><button type="button" class="secondary" onClick={() => void load(props.target, true)}>Load more</button></p>
      </Show>
    </>
  );
}

export function Overview() {
  const [data] = createResource(() => api<OverviewData>('GET', '/overview'));
  return (
    <>
      <h1>Overview</h1>
      <Show when={data()} fallback={<p>{data.error ? String(data.error) : 'Loading…'}</p>}>
        {(d) => (
          <div class="table">
            <table aria-label="Shards">
              <thead><tr><th>Shard</th><th class="num">Users</th><th class="num">Pending</th><th class="num">Stuck (&gt;5 min)</th><th class="num">Failed today</th><th class="num">Open problems</th><th class="num">Pending adjustments</th><th>Ledger</th></tr></thead>
              <tbody>
                <For each={d().shards}>
                  {(s) => (
                    <tr>
                      <td>{s.shard}</td>
                      <td class="num">{s.users}</td>
                      <td class="num">{s.pending_topups}</td>
                      <td class="num">{s.stuck_topups > 0 ? <strong class="error">{s.stuck_topups}</strong> : 0}</td>
                      <td class="num">{s.failed_today}</td>
                      <td class="num">{s.open_problems}</td>
                      <td class="num">{s.pending_adjustments > 0 ? <a href="#/approvals">{s.pending_adjustments}</a> : 0}</td>
                      <td>{s.ledger_ok ? <span class="badge good">ok</span> : <span class="badge bad">VIOLATED</span>}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </>
  );
}
