import { signal, type Signal } from '@preact/signals';

const queries = new Map<string, Signal<boolean>>();

/**
 * A signal that follows a CSS media query (shared per query, so each is watched once). In
 * places without `matchMedia` (node tests) it stays false.
 */
export function mediaQuery(query: string): Signal<boolean> {
  let s = queries.get(query);
  if (s) return s;
  const list = typeof matchMedia === 'function' ? matchMedia(query) : undefined;
  s = signal(list?.matches ?? false);
  const own = s;
  list?.addEventListener('change', (e) => (own.value = e.matches));
  queries.set(query, s);
  return s;
}

/**
 * A phone upright or on its side (the same bounds as the CSS: 30rem either way): the toolbar
 * keeps its main buttons and the own video floats.
 */
export function isPhoneLayout(): Signal<boolean> {
  return mediaQuery('(max-width: 30rem), (max-height: 30rem)');
}
