import { createSignal, Match, onMount, Show, Switch } from 'solid-js';
import { pushState, turnPushOff, turnPushOn, type PushState } from '../../lib/push';
import { t } from '../../i18n';

/** Push on this device, explained before the browser asks (only "Turn on" prompts), and what to do where it cannot work. */
export function NotificationSettings() {
  const [state, setState] = createSignal<PushState | null>(null);
  const [note, setNote] = createSignal<'offline' | 'failed' | null>(null);
  const [busy, setBusy] = createSignal(false);
  onMount(() => void pushState().then(setState));
  const run = async (action: () => Promise<PushState | 'offline' | 'failed'>) => {
    setBusy(true);
    setNote(null);
    try {
      const next = await action();
      if (next === 'offline' || next === 'failed') setNote(next);
      else setState(next);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="push-title" class="card" data-testid="push-settings">
      <h2 id="push-title" class="text-lg font-bold">
        {t('push.title')}
      </h2>
      <Switch>
        <Match when={state() === 'unsupported'}>
          <p class="mt-1">{t('push.unsupported')}</p>
        </Match>
        <Match when={state() === 'ios-not-installed'}>
          <p class="mt-1">{t('push.ios')}</p>
        </Match>
        <Match when={state() === 'denied'}>
          <p class="mt-1">{t('push.denied')}</p>
        </Match>
        <Match when={state() === 'on'}>
          <p class="mt-1" role="status">
            {t('push.on')}
          </p>
          <button type="button" class="btn-secondary mt-3" disabled={busy()} onClick={() => void run(turnPushOff)}>
            {busy() ? t('push.working') : t('push.turnOff')}
          </button>
        </Match>
        <Match when={state() === 'off'}>
          <p class="mt-1">{t('push.explain')}</p>
          <p class="muted mt-1" role="status">
            {t('push.off')}
          </p>
          <button type="button" class="btn-primary mt-3" disabled={busy()} onClick={() => void run(turnPushOn)}>
            {busy() ? t('push.working') : t('push.turnOn')}
          </button>
        </Match>
      </Switch>
      <Show when={note()}>{(n) => <p class="error-text mt-2">{n() === 'offline' ? t('push.offline') : t('push.failed')}</p>}</Show>
    </section>
  );
}
