/**
 * The operations console at /admin (docs/decisions/015-operations.md): its own entry,
 * its own build (vite.admin.config.ts) and stylesheet; nothing of it is in the
 * customer PWA or its precache. Views by URL hash so every screen has a link.
 */
import { createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { render } from 'solid-js/web';
import { api, ApiError, devToken } from './api';
import { Customer } from './views/Customer';
import { Search } from './views/Search';
import { Approvals, Audit, Overview } from './views/Lists';

function useHash() {
  const [hash, setHash] = createSignal(location.hash || '#/search');
  const onChange = () => setHash(location.hash || '#/search');
  window.addEventListener('hashchange', onChange);
  onCleanup(() => window.removeEventListener('hashchange', onChange));
  return hash;
}

function SignIn(props: { retry: () => void; message: string }) {
  const [token, setToken] = createSignal('');
  return (
    <form class="panel" onSubmit={(e) => { e.preventDefault(); devToken.set(token()); props.retry(); }}>
      <h1>Sign in</h1>
      <p>{props.message}</p>
      <p class="muted">Deployed, Cloudflare Access signs you in. Locally, paste the output of <code>npm run admin:token -- you@example.com</code> (and give yourself a role with <code>npm run admin:grant -- you@example.com admin</code>).</p>
      <label for="token">Development token</label>
      <textarea id="token" rows="4" value={token()} onInput={(e) => setToken(e.currentTarget.value)} />
      <div class="row"><button type="submit">Sign in</button></div>
    </form>
  );
}

function App() {
  const hash = useHash();
  // 'checking', 'ok', or why the operator cannot get in.
  const [me, setMe] = createSignal<string>('checking');
  const check = async () => {
    setMe('checking');
    try {
      await api('GET', '/overview');
      setMe('ok');
    } catch (e) {
      setMe(e instanceof ApiError && e.status === 403 ? 'Your account has no operator role yet: ask an admin.' : e instanceof ApiError && e.status === 401 ? 'You are not signed in.' : String(e));
    }
  };
  void check();
  const go = (next: string) => {
    if (location.hash !== next) location.hash = next;
  };
  const part = (n: number) => decodeURIComponent(hash().split('/')[n] ?? '');
  // "/" jumps to search from anywhere (not while typing).
  const onKey = (e: KeyboardEvent) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
    if (e.key === '/' && !typing) {
      e.preventDefault();
      go('#/search');
      document.getElementById('q')?.focus();
    }
  };
  window.addEventListener('keydown', onKey);
  onCleanup(() => window.removeEventListener('keydown', onKey));
  const link = (to: string, label: string) => (
    <a href={to} aria-current={hash().startsWith(to) ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <header>
        <strong>TopUp operations</strong>
        <nav aria-label="Console">
          {link('#/search', 'Search')}
          {link('#/approvals', 'Approvals')}
          {link('#/audit', 'Audit')}
          {link('#/overview', 'Overview')}
        </nav>
        <Show when={devToken.get()}>
          <button type="button" class="secondary" onClick={() => { devToken.clear(); void check(); }}>Sign out (local)</button>
        </Show>
      </header>
      <main>
        <Switch>
          <Match when={me() === 'checking'}><p>Checking your access…</p></Match>
          <Match when={me() !== 'ok'}><SignIn message={me()} retry={() => void check()} /></Match>
          <Match when={hash().startsWith('#/users/')}><Customer id={part(2)} /></Match>
          <Match when={hash().startsWith('#/approvals')}><Approvals /></Match>
          <Match when={hash().startsWith('#/audit')}><Audit target={part(2)} go={go} /></Match>
          <Match when={hash().startsWith('#/overview')}><Overview /></Match>
          <Match when={true}><Search q={part(2)} go={go} /></Match>
        </Switch>
      </main>
    </>
  );
}

render(() => <App />, document.getElementById('root')!);
