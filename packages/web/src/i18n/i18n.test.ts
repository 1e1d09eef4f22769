import { describe, expect, it } from 'vitest';
import { extrasDictionaries } from '../call/extras/messages';
import { effectsDictionaries } from '../effects/messages';
import { layoutDictionaries } from '../layout/messages';
import { qualityDictionaries } from '../quality/messages';
import { meetingDictionaries } from '../meeting/messages';
import { recordingDictionaries } from '../recording/messages';
import { screenDictionaries } from '../screen/messages';
import { securityDictionaries } from '../security/messages';
import { settingsDictionaries } from '../settings/messages';
import { statsEntryDictionaries } from '../stats/entryMessages';
import { statsDictionaries } from '../stats/messages';
import { en } from './en';
import {
  catalog,
  detectLocale,
  dictionaries,
  format,
  locale,
  pickTimeLocale,
  type Locale,
} from './i18n';

/** The `{placeholder}` names of a template, sorted. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1] ?? ''))].sort();
}

type Dictionaries = Record<Locale, Record<string, string>>;

/**
 * Every set of words the app shows: the app's own and each feature's (kept beside the feature).
 * A feature with its own dictionaries is added here, so that the checks below cover it.
 */
const allDictionaries: Record<string, Dictionaries> = {
  app: dictionaries,
  callExtras: extrasDictionaries,
  effects: effectsDictionaries,
  layout: layoutDictionaries,
  quality: qualityDictionaries,
  meeting: meetingDictionaries,
  recording: recordingDictionaries,
  screen: screenDictionaries,
  security: securityDictionaries,
  settings: settingsDictionaries,
  stats: statsDictionaries,
  statsEntry: statsEntryDictionaries,
};

/**
 * Messages that are the same in Russian and English on purpose (the app's name, a pure
 * placeholder pattern). Anything else identical is a string someone forgot to translate.
 */
const SAME_IN_EVERY_LANGUAGE = new Set(['app.appName', 'app.deviceFallback']);

for (const [feature, byLang] of Object.entries(allDictionaries)) {
  describe(`${feature} dictionaries`, () => {
    const source = byLang.en;
    const englishKeys = Object.keys(source).sort();

    it('has one dictionary per language the app speaks', () => {
      expect(Object.keys(byLang).sort()).toEqual(Object.keys(dictionaries).sort());
    });

    for (const [lang, dict] of Object.entries(byLang)) {
      it(`${lang} has exactly the English keys`, () => {
        expect(Object.keys(dict).sort()).toEqual(englishKeys);
      });

      it(`${lang} has no empty message and keeps every placeholder`, () => {
        for (const key of englishKeys) {
          const text = dict[key];
          expect(text, `${lang}.${key}`).toBeTruthy();
          expect(placeholders(text ?? ''), `${lang}.${key}`).toEqual(
            placeholders(source[key] ?? ''),
          );
        }
      });

      if (lang === 'en') continue;
      it(`${lang} translates every message`, () => {
        const untranslated = englishKeys.filter(
          (key) => dict[key] === source[key] && !SAME_IN_EVERY_LANGUAGE.has(`${feature}.${key}`),
        );
        expect(untranslated).toEqual([]);
      });
    }
  });
}

describe('the English source', () => {
  it('is what the app dictionaries are keyed by', () => {
    expect(dictionaries.en).toBe(en);
  });
});

describe('format', () => {
  it('chooses ICU plural cases by each language’s own rules', () => {
    const ru =
      '{count, plural, one {# человек} few {# человека} many {# человек} other {# человека}}';
    expect([1, 2, 5, 11, 21, 22, 25].map((count) => format(ru, { count }, 'ru'))).toEqual([
      '1 человек',
      '2 человека',
      '5 человек',
      '11 человек',
      '21 человек',
      '22 человека',
      '25 человек',
    ]);
    const en = '{count, plural, =0 {nobody} one {# person} other {# people}} here';
    expect([0, 1, 2].map((count) => format(en, { count }, 'en'))).toEqual([
      'nobody here',
      '1 person here',
      '2 people here',
    ]);
  });

  it('fills known placeholders and leaves unknown ones', () => {
    expect(format('{name} joined {room}', { name: 'Ann' })).toBe('Ann joined {room}');
  });

  it('does not read inherited properties as parameters', () => {
    expect(format('{toString}', {})).toBe('{toString}');
  });
});

describe('catalog', () => {
  it('looks a feature message up in the current language, in its plural rules', () => {
    const words = catalog({
      en: { people: '{count, plural, one {# person} other {# people}}' },
      ru: {
        people:
          '{count, plural, one {# человек} few {# человека} many {# человек} other {# человека}}',
      },
    });
    const before = locale.value;
    try {
      locale.value = 'en';
      expect(words.t('people', { count: 2 })).toBe('2 people');
      locale.value = 'ru';
      expect(words.t('people', { count: 2 })).toBe('2 человека');
      expect(words.t('people', { count: 5 })).toBe('5 человек');
    } finally {
      locale.value = before;
    }
    expect(Object.keys(words.dictionaries)).toEqual(['en', 'ru']);
  });
});

describe('detectLocale', () => {
  it('prefers the remembered choice', () => {
    expect(detectLocale('ru', ['en-US'])).toBe('ru');
  });

  it('takes the first browser language it speaks', () => {
    expect(detectLocale(null, ['de-DE', 'ru-RU', 'en'])).toBe('ru');
  });

  it('falls back to English for an unknown or tampered value', () => {
    expect(detectLocale('constructor', ['fr'])).toBe('en');
  });
});

describe('pickTimeLocale', () => {
  it('keeps the regional variant of the app language the person reads', () => {
    expect(pickTimeLocale('en', ['de-DE', 'en-GB'])).toBe('en-GB');
    expect(pickTimeLocale('ru', ['ru-RU'])).toBe('ru-RU');
  });

  it('uses the app language when the browser names no variant of it', () => {
    expect(pickTimeLocale('ru', ['en-US'])).toBe('ru');
  });

  it('writes times as that locale does', () => {
    const ts = Date.UTC(2026, 0, 5, 15, 7);
    const time = (tag: string) =>
      new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone: 'UTC' }).format(ts);
    expect(time(pickTimeLocale('en', ['en-US']))).toMatch(/3:07\sPM/);
    expect(time(pickTimeLocale('en', ['en-GB']))).toBe('15:07');
    expect(time(pickTimeLocale('ru', ['ru-RU']))).toBe('15:07');
  });
});
