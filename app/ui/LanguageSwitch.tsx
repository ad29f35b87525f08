import { locale, setLocale, t } from '../i18n';

/**
 * Offers the other language, named in itself ("العربية" / "English"): the switch
 * applies at once (no reload) and is remembered on this device, signed in or not;
 * `onChosen` hears the choice (Account tells the server: PATCH /api/me {lang}, queued).
 */
export function LanguageSwitch(props: { class?: string; onChosen?: (lang: 'en' | 'ar') => void }) {
  const other = () => (locale() === 'ar' ? 'en' : 'ar');
  const choose = async () => {
    const lang = other();
    await setLocale(lang, true);
    props.onChosen?.(lang);
  };
  return (
    <p class={props.class ?? 'mt-4 text-center'}>
      <span class="muted">{t('common.language')}: </span>
      <button type="button" lang={other()} class="btn-quiet" onClick={() => void choose()}>
        {other() === 'ar' ? 'العربية' : 'English'}
      </button>
    </p>
  );
}
