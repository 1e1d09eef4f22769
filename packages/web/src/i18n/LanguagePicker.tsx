import { locale, localeNames, setLocale, t, type Locale } from './i18n';

/** A select that switches the app's language (remembered). */
export function LanguagePicker() {
  return (
    <label class="language-picker">
      <span class="visually-hidden">{t('language')}</span>
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
