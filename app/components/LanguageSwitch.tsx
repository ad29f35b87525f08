import { locale, setLocale, t } from '../i18n';
import { setServerLang } from '../state/commands';
import { wallet } from '../state/wallet';

/**
 * Offers the other language, named in itself ("العربية" / "English"): the switch
 * applies at once (no reload) and is remembered on this device, signed in or not;
 * signed in, the server learns it too (PATCH /api/me {lang}, through the queue).
 */
async function switchTo(lang: 'en' | 'ar'): Promise<void> {
  await setLocale(lang, true);
  // Signed in: notifications and pushes are worded in it from now on.
  if (wallet.session) await setServerLang(lang);
}

export function LanguageSwitch(props: { class?: string }) {
  const other = () => (locale() === 'ar' ? 'en' : 'ar');
  return (
    <p class={props.class ?? 'mt-4 text-center'}>
      <span class="muted">{t('common.language')}: </span>
      <button type="button" lang={other()} class="btn-quiet" onClick={() => void switchTo(other())}>
        {other() === 'ar' ? 'العربية' : 'English'}
      </button>
    </p>
  );
}
