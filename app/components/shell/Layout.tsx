import { A, Navigate, useLocation, type RouteSectionProps } from '@solidjs/router';
import { Match, Show, Suspense, Switch } from 'solid-js';
import { SyncStatus } from './SyncStatus';
import { Nav } from './Nav';
import { Later } from '../../ui/Later';
import { SignOutButton } from './SignOutButton';
import { ReloadPrompt } from './ReloadPrompt';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';

const PUBLIC = new Set(['/signin', '/signup']);

/** Header (status, sign out), the page, and the navigation; sends signed-out visitors to sign in. */
export function Layout(props: RouteSectionProps) {
  const location = useLocation();
  const isPublic = () => PUBLIC.has(location.pathname);
  const signedIn = () => wallet.phase === 'ready';
  return (
    <>
      <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:start-2 focus:z-30 focus:rounded-lg focus:bg-white focus:p-3 dark:focus:bg-slate-900">
        {t('shell.skip')}
      </a>
      <header class="sticky top-0 z-10 border-b border-slate-200 bg-white/95 pt-[env(safe-area-inset-top)] dark:border-slate-800 dark:bg-slate-900/95">
        <div class="mx-auto flex min-h-14 max-w-2xl flex-wrap items-center gap-1 px-3">
          <A href="/" class="flex min-h-11 items-center gap-2 rounded-lg pe-1 text-lg font-extrabold tracking-tight text-brand-800 dark:text-brand-300">
            <img src="/icons/favicon.svg" alt="" width="28" height="28" />
            TopUp
          </A>
          <div class="ms-auto flex min-w-0 flex-wrap items-center justify-end">
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
            {t('shell.sessionExpired')}{' '}
            {wallet.outbox.length ? `${t('shell.waiting', { count: wallet.outbox.length })} ` : ''}
            <A href="/signin" class="font-bold underline">
              {t('shell.signInAgain')}
            </A>
          </p>
        </div>
      </Show>
      <main id="main" class={`mx-auto max-w-2xl px-[min(1rem,4vw)] pt-4 ${signedIn() ? 'pb-28' : 'pb-10'}`}>
        <Switch>
          <Match when={wallet.phase === 'loading'}>
            <p class="muted">{t('common.loading')}</p>
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
            <Suspense fallback={<p class="muted">{t('common.loading')}</p>}>{props.children}</Suspense>
          </Match>
        </Switch>
      </main>
      {/* A task after the header and the page (ui/Later.tsx): one long task fewer at start. */}
      <Show when={signedIn()}>
        <Later>
          <Nav />
        </Later>
      </Show>
      <ReloadPrompt />
    </>
  );
}
