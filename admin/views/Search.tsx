/** Search first: any email, user id, phone (any form), top-up id or provider reference. */
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { api, ApiError, money, type AdminUser } from '../api';

export function Search(props: { q: string; go: (hash: string) => void }) {
  const [q, setQ] = createSignal('');
  const [items, setItems] = createSignal<AdminUser[] | null>(null);
  const [error, setError] = createSignal('');
  const search = async (text: string) => {
    setError('');
    try {
      setItems((await api<{ items: AdminUser[] }>('GET', `/users?q=${encodeURIComponent(text)}`)).items);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    }
  };
  // The query lives in the URL (#/search/<q>): back and forward search again.
  createEffect(
    on(
      () => props.q,
      (text) => {
        setQ(text);
        if (text) void search(text);
      },
    ),
  );
  return (
    <>
      <h1>Find a customer</h1>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const text = q().trim();
          if (!text) return;
          // The same query again does not change the URL: search anyway.
          if (text === props.q) void search(text);
          else props.go(`#/search/${encodeURIComponent(text)}`);
        }}
      >
        <input
          id="q"
          type="search"
          aria-label="Email, user id, phone, top-up id or provider reference"
          placeholder="Email, user id, phone (+9715…, 05…), top-up id or provider reference"
          value={q()}
          onInput={(e) => setQ(e.currentTarget.value)}
          autofocus
          ref={(el) => setTimeout(() => el.focus())}
        />
        <button type="submit">Search</button>
      </form>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={items()}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted">No customer matches.</p>}>
            <div class="table">
              <table aria-label="Customers found">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Email</th>
                    <th class="num">Balance</th>
                    <th>State</th>
                    <th>Shard</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(u) => (
                      <tr>
                        <td>
                          <a href={`#/users/${u.id}`}>{u.name || '(no name)'}</a>
                        </td>
                        <td>{u.email}</td>
                        <td class="num">{money(u.balance)}</td>
                        <td>{u.closed ? <span class="badge">closed</span> : u.frozen ? <span class="badge bad">frozen</span> : <span class="badge good">active</span>}</td>
                        <td>{u.shard}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </>
  );
}
