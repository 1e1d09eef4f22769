import { describe, expect, it } from 'vitest';
import { en } from './en';
import { detectLocale, dictionaries, format } from './i18n';

/** The `{placeholder}` names of a template, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('dictionaries', () => {
  const englishKeys = Object.keys(en).sort();

  for (const [lang, dict] of Object.entries(dictionaries)) {
    it(`${lang} has exactly the English keys`, () => {
      expect(Object.keys(dict).sort()).toEqual(englishKeys);
    });

    it(`${lang} has no empty message and keeps every placeholder`, () => {
      for (const key of englishKeys) {
        const text = (dict as Record<string, string>)[key];
        expect(text, `${lang}.${key}`).toBeTruthy();
        expect(placeholders(text ?? ''), `${lang}.${key}`).toEqual(
          placeholders((en as Record<string, string>)[key] ?? ''),
        );
      }
    });
  }
});

describe('format', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(format('{name} joined {room}', { name: 'Ann' })).toBe('Ann joined {room}');
  });

  it('does not read inherited properties as parameters', () => {
    expect(format('{toString}', {})).toBe('{toString}');
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
