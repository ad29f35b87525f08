import { Show } from 'solid-js';
import { PageTitle } from '../ui/PageTitle';
import { VerifyCard } from '../components/account/VerifyCard';
import { Attention } from '../components/shell/Attention';
import { install, installOffer } from '../lib/install';
import { formatWhen } from '../lib/format';
import { wallet } from '../state/wallet';
import { actions } from '../state/actions';
import { AccountSecurity } from '../components/account/AccountSecurity';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { YourData } from '../components/account/YourData';
import { NotificationSettings } from '../components/account/NotificationSettings';
import { t } from '../i18n';

export default function Account() {
  const user = () => wallet.snapshot?.user;
  return (
    <div class="space-y-4">
      <PageTitle>{t('account.title')}</PageTitle>
      <Attention />
      <section aria-labelledby="profile-title" class="card">
        <h2 id="profile-title" class="text-lg font-bold">
          {t('account.profile')}
        </h2>
        <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt class="muted">{t('common.name')}</dt>
          <dd class="min-w-0 [overflow-wrap:anywhere]">
            <bdi>{user()?.name}</bdi>
          </dd>
          <dt class="muted">{t('common.email')}</dt>
          <dd class="min-w-0 break-all">
            <bdi>{user()?.email}</bdi>
          </dd>
          <dt class="muted">{t('account.lastSynced')}</dt>
          <dd>{wallet.snapshot?.syncedAt ? formatWhen(wallet.snapshot.syncedAt) : t('account.notYet')}</dd>
        </dl>
        <LanguageSwitch class="mt-3" onChosen={(lang) => void actions.setServerLang(lang)} />
      </section>
      <VerifyCard />
      <NotificationSettings />
      <AccountSecurity />
      <YourData />
      <Show when={installOffer()}>
        <section aria-labelledby="install-title" class="card">
          <h2 id="install-title" class="text-lg font-bold">
            {t('account.installTitle')}
          </h2>
          <p class="mt-1">{t('account.installBody')}</p>
          <button type="button" class="btn-primary mt-3" onClick={() => void install()}>
            {t('account.install')}
          </button>
        </section>
      </Show>
    </div>
  );
}
