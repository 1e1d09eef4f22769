/**
 * Rules for text that crosses the wire. Every string a client sends must be well-formed Unicode
 * (no lone surrogates): it is stored, relayed and serialized by other programs (Redis, other
 * browsers) that may reject or mangle it. Display names are stricter: what a person sees as a
 * name must be what it is, so invisible and direction-changing characters are refused and the
 * name is stored in one normal form.
 */

/** Levels of a path named in an error. */
const PATH_DEPTH = 4;

/** A UTF-16 code unit that is half of a pair, standing alone. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Characters a display name may not contain: controls (Cc), format characters (Cf: bidi
 * overrides and isolates, zero-width spaces and joiners, soft hyphens, tags), lone surrogates
 * (Cs), and line or paragraph separators (Zl, Zp).
 */
const NAME_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/** A zero-width joiner inside an emoji sequence (👩‍💻): the one format character names keep. */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;

/** Whether `s` is well-formed UTF-16: every surrogate is part of a pair. */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/**
 * The first ill-formed string anywhere in a decoded JSON value (keys included), as a path like
 * `text` or `candidate.usernameFragment`; null when every string is well-formed. Walks with its
 * own stack, not recursion: a hostile frame may nest thousands of levels deep.
 */
export function findIllFormedText(value: unknown): string | null {
  // Paths name at most PATH_DEPTH levels: building every level's path would cost the square of
  // the depth.
  const stack: Array<[unknown, string, number]> = [[value, '', 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [current, path, depth] = item;
    if (typeof current === 'string') {
      if (!isWellFormedText(current)) return path || '(value)';
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const at = (key: string) => (depth >= PATH_DEPTH ? path : path === '' ? key : `${path}.${key}`);
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push([current[i], at(String(i)), depth + 1]);
      }
      continue;
    }
    const entries: Array<[string, unknown]> = Object.entries(current as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (!isWellFormedText(key)) return at('(a key)');
      stack.push([child, at(key), depth + 1]);
    }
  }
  return null;
}

/** A display name as kept and shown: trimmed and in Unicode normal form C. */
export function normalizeDisplayName(name: string): string {
  return name.trim().normalize('NFC');
}

/**
 * Whether a (normalized) display name holds only visible, direction-neutral text: no control,
 * format, surrogate or separator characters, except a joiner between two emoji.
 */
export function isCleanDisplayName(name: string): boolean {
  return !NAME_FORBIDDEN.test(name.replace(EMOJI_JOINER, ''));
}
