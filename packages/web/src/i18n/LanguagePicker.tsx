import { locale, localeNames, setLocale, t, type Locale } from './i18n';

/**
 * A select that switches the app's language (remembered). Its label "Language" is for screen
 * readers only unless `showLabel` (e.g. in a settings list of labelled fields).
 */
export function LanguagePicker({ showLabel = false }: { showLabel?: boolean }) {
  return (
    <label class={showLabel ? 'language-picker field' : 'language-picker'}>
      <span class={showLabel ? 'field__label' : 'visually-hidden'}>{t('language')}</span>
      <select
        class="select"
        value={locale.value}
        onChange={(e) => setLocale(e.currentTarget.value as Locale)}
      >
        {(Object.keys(localeNames) as Locale[]).map((code) => (
          <option key={code} value={code} lang={code}>
            {localeNames[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
