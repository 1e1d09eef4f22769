/**
 * A tiny i18n: `t(key, params)` over typed dictionaries. The current language is a signal, so
 * every component that calls `t` re-renders when it changes.
 */
import { signal } from '@preact/signals';
import { en, type Dictionary, type MessageKey } from './en';
import { ru } from './ru';
import { readStored, writeStored } from '../hooks/storage';

/** The languages the app speaks, by BCP 47 primary tag. */
export const dictionaries = { en, ru } satisfies Record<string, Dictionary>;

/** A supported language. */
export type Locale = keyof typeof dictionaries;

/** Names of the languages in themselves, for the language picker. */
export const localeNames: Record<Locale, string> = { en: 'English', ru: 'Русский' };

const STORAGE_KEY = 'zvonok.lang';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(dictionaries, value);
}

/** The remembered choice, else the first browser language we speak, else English. */
export function detectLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

/** The current language. */
export const locale = signal<Locale>(
  detectLocale(
    readStored(STORAGE_KEY),
    typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
  ),
);

/** Switches the language and remembers it. */
export function setLocale(next: Locale): void {
  locale.value = next;
  writeStored(STORAGE_KEY, next);
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** `{count, plural, one {…} few {…} other {…}}` (an ICU MessageFormat plural, one level deep). */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

/** Plural rules per language, made once. */
const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The case of an ICU plural for `count` under the language's own rules (`Intl.PluralRules`:
 * Russian has one/few/many, "1 человек, 2 человека, 5 человек"); `#` in it is the count.
 */
function pickPlural(cases: string, count: number, lang: string): string {
  const byCase = new Map<string, string>();
  for (const m of cases.matchAll(PLURAL_CASE)) byCase.set(m[1] ?? '', m[2] ?? '');
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  const text = byCase.get(`=${count}`) ?? byCase.get(rules.select(count)) ?? byCase.get('other');
  return (text ?? '').replace(/#/g, String(count));
}

/**
 * Fills `{name}` placeholders and `{count, plural, …}` choices (in the rules of `lang`, the
 * current language unless given); unknown placeholders stay as they are.
 */
export function format(
  template: string,
  params?: Record<string, string | number>,
  lang: string = locale.value,
): string {
  if (!params) return template;
  return template
    .replace(PLURAL, (whole, name: string, cases: string) => {
      const value = params[name];
      return typeof value === 'number' ? pickPlural(cases, value, lang) : whole;
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
}

/** The message `key` in the current language, with its placeholders filled. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return format(dictionaries[locale.value][key], params, locale.value);
}

/**
 * The locale for dates and times: the person's first browser language in the app's language
 * (so a person in en-GB gets 24-hour times, and one who reads `de-DE, en-GB` too), else the
 * app's language itself.
 */
export function timeLocale(): string {
  return pickTimeLocale(
    locale.value,
    typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
  );
}

/** {@link timeLocale} for a given app language and browser languages. */
export function pickTimeLocale(lang: Locale, browserLanguages: readonly string[]): string {
  return browserLanguages.find((tag) => tag.toLowerCase().split('-')[0] === lang) ?? lang;
}

/** A feature's own words: one dictionary per language, each with the same keys. */
export type FeatureDictionaries<K extends string> = Record<Locale, Record<K, string>>;

/** A feature's message lookup and the dictionaries behind it (see {@link catalog}). */
export interface Catalog<K extends string> {
  /** The message `key` in the current language, with its placeholders filled. */
  readonly t: (key: K, params?: Record<string, string | number>) => string;
  /** Every language's dictionary, for the test that keeps them complete (i18n.test.ts). */
  readonly dictionaries: FeatureDictionaries<K>;
}

/**
 * The lookup for a feature whose words live beside it (and load with it, not on first visit):
 * `catalog({ en, ru })` follows the app's current language like {@link t}.
 */
export function catalog<K extends string>(dictionaries: FeatureDictionaries<K>): Catalog<K> {
  return {
    t: (key, params) => format(dictionaries[locale.value][key], params, locale.value),
    dictionaries,
  };
}
