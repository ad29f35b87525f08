import { A } from '@solidjs/router';
import { For } from 'solid-js';
import { t } from '../../i18n';

const ITEMS = [
  { href: '/', label: 'nav.home', icon: 'M3 11.5 12 4l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z' },
  { href: '/beneficiaries', label: 'nav.beneficiaries', icon: 'M16 11a4 4 0 1 0-8 0 4 4 0 0 0 8 0zM4 21c0-4 3.6-6 8-6s8 2 8 6' },
  { href: '/activity', label: 'nav.activity', icon: 'M4 6h16M4 12h16M4 18h10' },
  { href: '/account', label: 'nav.account', icon: 'M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6z' },
] as const;

/** The main navigation: a bottom bar on phones, a rail at the inline start on desktop (styles.css). */
export function Nav() {
  return (
    <nav aria-label={t('nav.label')} class="fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] dark:border-slate-800 dark:bg-slate-900/95">
      <ul class="mx-auto flex max-w-2xl">
        <For each={ITEMS}>
          {(item) => (
            <li class="min-w-0 flex-1">
              <A
                href={item.href}
                end={item.href === '/'}
                class="nav-link"
                activeClass="!text-brand-800 dark:!text-brand-300 font-bold"
              >
                <svg aria-hidden="true" viewBox="0 0 24 24" class="h-6 w-6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                  <path d={item.icon} />
                </svg>
                {t(item.label)}
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
