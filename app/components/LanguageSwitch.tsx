import { locale, setLocale, t } from '../i18n';

/**
 * Offers the other language, named in itself ("العربية" / "English"): the switch
 * applies at once (no reload) and is remembered on this device, signed in or not.
 */
export function LanguageSwitch(props: { class?: string }) {
  const other = () => (locale() === 'ar' ? 'en' : 'ar');
  return (
    <p class={props.class ?? 'mt-4 text-center'}>
      <span class="muted">{t('common.language')}: </span>
      <button type="button" lang={other()} class="btn-quiet" onClick={() => void setLocale(other(), true)}>
        {other() === 'ar' ? 'العربية' : 'English'}
      </button>
    </p>
  );
}
