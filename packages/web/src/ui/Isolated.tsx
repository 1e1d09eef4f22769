/**
 * Display names shown isolated from the text around them (`<bdi>`): a right-to-left name
 * ("שלום", "مريم") or one ending in digits or punctuation would otherwise reorder the words and
 * numbers next to it ("Ann: 12:30" read backwards), and a name can never make the sentence it
 * sits in read differently than the app wrote it. Names with bidi controls are refused by the
 * server already; this is the rendering half.
 */
import type { ComponentChildren } from 'preact';

/** A display name on its own, isolated. */
export function Name({ value, class: className }: { value: string; class?: string }) {
  return <bdi class={className}>{value}</bdi>;
}

/**
 * `text` (a translated message that contains `name`, e.g. "Ann is recording this call") with
 * the name isolated where it occurs; the text as it is when it does not contain it.
 */
export function withName(text: string, name: string): ComponentChildren {
  const at = name === '' ? -1 : text.indexOf(name);
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <bdi>{name}</bdi>
      {text.slice(at + name.length)}
    </>
  );
}
