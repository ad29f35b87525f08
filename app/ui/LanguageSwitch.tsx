import { locale, setLocale, t } from '../i18n';

/** The other language, named in itself: applied at once and remembered on this device; `onChosen` hears the choice. */
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
