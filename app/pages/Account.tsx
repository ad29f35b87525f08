import { Show } from 'solid-js';
import { PageTitle } from '../components/PageTitle';
import { VerifyCard } from '../components/VerifyCard';
import { Attention } from '../components/Attention';
import { install, installOffer } from '../lib/install';
import { formatWhen } from '../lib/format';
import { wallet } from '../state/wallet';
import { AccountSecurity } from '../components/AccountSecurity';

export default function Account() {
  const user = () => wallet.snapshot?.user;
  return (
    <div class="space-y-4">
      <PageTitle>Account</PageTitle>
      <Attention />
      <section aria-labelledby="profile-title" class="card">
        <h2 id="profile-title" class="text-lg font-bold">
          Profile
        </h2>
        <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt class="muted">Name</dt>
          <dd class="truncate">{user()?.name}</dd>
          <dt class="muted">Email</dt>
          <dd class="break-all">{user()?.email}</dd>
          <dt class="muted">Last synced</dt>
          <dd>{wallet.snapshot?.syncedAt ? formatWhen(wallet.snapshot.syncedAt) : 'Not yet'}</dd>
        </dl>
      </section>
      <VerifyCard />
      <AccountSecurity />
      <Show when={installOffer()}>
        <section aria-labelledby="install-title" class="card">
          <h2 id="install-title" class="text-lg font-bold">
            Install TopUp
          </h2>
          <p class="mt-1">Add TopUp to your home screen: it opens instantly and works offline.</p>
          <button type="button" class="btn-primary mt-3" onClick={() => void install()}>
            Install app
          </button>
        </section>
      </Show>
    </div>
  );
}
