import { A, Navigate, useLocation, type RouteSectionProps } from '@solidjs/router';
import { Match, Show, Suspense, Switch } from 'solid-js';
import { SyncStatus } from './SyncStatus';
import { Nav } from './Nav';
import { SignOutButton } from './SignOutButton';
import { ReloadPrompt } from './ReloadPrompt';
import { wallet } from '../state/wallet';

const PUBLIC = new Set(['/signin', '/signup']);

/** Header (status, sign out), the page, and the navigation; sends signed-out visitors to sign in. */
export function Layout(props: RouteSectionProps) {
  const location = useLocation();
  const isPublic = () => PUBLIC.has(location.pathname);
  const signedIn = () => wallet.phase === 'ready';
  return (
    <>
      <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-30 focus:rounded-lg focus:bg-white focus:p-3 dark:focus:bg-slate-900">
        Skip to content
      </a>
      <header class="sticky top-0 z-10 border-b border-slate-200 bg-white/95 pt-[env(safe-area-inset-top)] dark:border-slate-800 dark:bg-slate-900/95">
        <div class="mx-auto flex h-14 max-w-2xl items-center gap-1 px-3">
          <A href="/" class="flex min-h-11 items-center gap-2 rounded-lg pr-1 text-lg font-extrabold tracking-tight text-brand-800 dark:text-brand-300">
            <img src="/icons/favicon.svg" alt="" width="28" height="28" />
            TopUp
          </A>
          <div class="ml-auto flex min-w-0 items-center">
            <Show when={signedIn()}>
              <SyncStatus />
              <SignOutButton />
            </Show>
          </div>
        </div>
      </header>
      <Show when={signedIn() && wallet.sessionExpired && location.pathname !== '/signin'}>
        <div role="alert" class="mx-auto mt-3 max-w-2xl px-4">
          <p class="rounded-xl bg-amber-100 p-3 text-amber-950 dark:bg-amber-300 dark:text-amber-950">
            Your session has expired.{' '}
            {wallet.outbox.length ? `Sign in again to send your ${wallet.outbox.length} waiting change(s). ` : ''}
            <A href="/signin" class="font-bold underline">
              Sign in again
            </A>
          </p>
        </div>
      </Show>
      <main id="main" class={`mx-auto max-w-2xl px-4 pt-4 ${signedIn() ? 'pb-28' : 'pb-10'}`}>
        <Switch>
          <Match when={wallet.phase === 'loading'}>
            <p class="muted">Loading…</p>
          </Match>
          <Match when={wallet.phase === 'signedOut' && !isPublic()}>
            <Navigate href="/signin" />
          </Match>
          <Match when={signedIn() && isPublic() && !wallet.sessionExpired}>
            <Navigate href="/" />
          </Match>
          {/* Session ended (elsewhere, or expired) with nothing queued: straight to sign-in; queued changes keep the banner. */}
          <Match when={signedIn() && wallet.sessionExpired && !wallet.outbox.length && !isPublic()}>
            <Navigate href="/signin" />
          </Match>
          <Match when={true}>
            <Suspense fallback={<p class="muted">Loading…</p>}>{props.children}</Suspense>
          </Match>
        </Switch>
      </main>
      <Show when={signedIn()}>
        <Nav />
      </Show>
      <ReloadPrompt />
    </>
  );
}
