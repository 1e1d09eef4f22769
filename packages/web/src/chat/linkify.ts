/**
 * Splits chat text into plain text and http(s) links. The result is rendered as text nodes and
 * `<a>` elements (never as HTML), so markup in a message is shown literally, and only http: and
 * https: URLs ever become links: `javascript:`, `data:` and the like stay text.
 */

/**
 * A piece of a chat message. A link whose text does not show where it really goes carries
 * `realHost`: the host of its href in ASCII (an IDN homograph like `https://аpple.com`, with a
 * Cyrillic "а", goes to `xn--pple-43d.com`; `https://bank.com@evil.example` goes to
 * `evil.example`), which the app shows next to it.
 */
export type TextSegment =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string; realHost?: string };

// A URL candidate: scheme, then everything up to whitespace or an angle bracket.
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"]+/gi;

// Punctuation that usually ends a sentence rather than a URL.
const TRAILING_PUNCTUATION = /[.,;:!?'"»)\]]+$/;

/** Parses a candidate into a safe absolute http(s) href, or null. */
export function safeHref(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  return url.href;
}

/**
 * The host `href` really goes to, when the link's `text` does not show it as it is: a host that
 * is not plain ASCII as written (punycode, so look-alike letters of another script show), or a
 * URL with a user name or password before the host. Undefined when the text tells the truth.
 */
export function hiddenHost(text: string, href: string): string | undefined {
  const url = new URL(href);
  const host = url.host;
  const misleadingUser = url.username !== '' || url.password !== '';
  const shownAsIs = text.toLowerCase().includes(`//${host.toLowerCase()}`);
  return misleadingUser || !shownAsIs ? host : undefined;
}

/** Cuts trailing sentence punctuation off a URL, but keeps a `)` that closes a `(` inside it. */
function trimTrailing(candidate: string): string {
  let url = candidate;
  const trailing = TRAILING_PUNCTUATION.exec(url)?.[0] ?? '';
  url = url.slice(0, url.length - trailing.length);
  for (const ch of trailing) {
    const opens = url.split('(').length - 1;
    const closes = url.split(')').length - 1;
    if (ch === ')' && opens > closes) url += ch;
    else break;
  }
  return url;
}

/** Splits `text` into text and link segments; joining their `text` gives back the input. */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  const pushText = (s: string): void => {
    if (s === '') return;
    const prev = segments[segments.length - 1];
    if (prev?.kind === 'text') prev.text += s;
    else segments.push({ kind: 'text', text: s });
  };
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const start = match.index;
    const url = trimTrailing(match[0]);
    const href = safeHref(url);
    pushText(text.slice(last, start));
    if (href) {
      const realHost = hiddenHost(url, href);
      segments.push(
        realHost === undefined
          ? { kind: 'link', text: url, href }
          : { kind: 'link', text: url, href, realHost },
      );
    } else pushText(url);
    last = start + url.length;
  }
  pushText(text.slice(last));
  return segments;
}
