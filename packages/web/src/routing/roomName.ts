/**
 * Room names: new ones are codes a person can read out and type (`abc-defg-hij`), random enough
 * that rooms are not found by guessing (the argument is in docs/SECURITY.md); pasted links or
 * codes are turned back into a name. Older names (22 base64url characters, or any name the
 * server accepts) keep working: they are still valid room names.
 */
import { ROOM_NAME_PATTERN } from '@zvonok/sdk';

/** The letters of a new code: lowercase a to z, nothing that needs spelling ("capital K"). */
export const ROOM_CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** Letters per group of a new code, read as three short words: `abc-defg-hij`. */
export const ROOM_CODE_GROUPS: readonly number[] = [3, 4, 3];

/** Random bits in a new code: 10 letters of 26, log2(26^10) ≈ 47.0. */
export const ROOM_CODE_BITS = 10 * Math.log2(26);

/** The shape of a new code. */
export const ROOM_CODE_PATTERN = /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/;

/**
 * Bytes at or above this are drawn again (234 = 9 × 26), so that every letter is exactly as
 * likely: a byte modulo 26 alone would favour the first 22 letters.
 */
const UNBIASED_LIMIT = 234;

/**
 * A new room code, `abc-defg-hij`: 10 letters drawn uniformly with the browser's CSPRNG
 * (rejection sampling, no modulo bias), grouped 3-4-3 so it can be said over the phone.
 */
export function generateRoomName(random: (bytes: Uint8Array) => void = fillRandom): string {
  const total = ROOM_CODE_GROUPS.reduce((a, b) => a + b, 0);
  const letters: string[] = [];
  const bytes = new Uint8Array(32);
  while (letters.length < total) {
    random(bytes);
    for (const b of bytes) {
      if (b >= UNBIASED_LIMIT) continue;
      letters.push(ROOM_CODE_ALPHABET[b % 26] as string);
      if (letters.length === total) break;
    }
  }
  const groups: string[] = [];
  let at = 0;
  for (const size of ROOM_CODE_GROUPS) {
    groups.push(letters.slice(at, at + size).join(''));
    at += size;
  }
  return groups.join('-');
}

function fillRandom(bytes: Uint8Array): void {
  crypto.getRandomValues(bytes);
}

/**
 * A code as people say or type it: `abc defg hij` or `abcdefghij` (any case) becomes
 * `abc-defg-hij`. Anything else is returned as it is (older names are case-sensitive).
 */
export function normalizeRoomCode(text: string): string {
  const letters = /^([a-z]{3})[\s-]*([a-z]{4})[\s-]*([a-z]{3})$/i.exec(text.trim());
  if (!letters) return text;
  const joined = `${letters[1]}-${letters[2]}-${letters[3]}`;
  // All one case only: a mixed-case name is an older, case-sensitive one.
  if (joined !== joined.toLowerCase() && joined !== joined.toUpperCase()) return text;
  return joined.toLowerCase();
}

/**
 * The room name in what a person pasted: a whole link (`https://host/r/NAME`, any host), a
 * path (`/r/NAME`) or the bare code, also spaced (`abc defg hij`). Returns null when it is none
 * of these.
 */
export function parseRoomInput(input: string): string | null {
  const text = input.trim();
  if (text === '') return null;
  const fromPath = /(?:^|\/)r\/([^/?#\s]+)/.exec(text)?.[1];
  let candidate = fromPath ?? normalizeRoomCode(text);
  try {
    candidate = decodeURIComponent(candidate);
  } catch {
    return null;
  }
  return ROOM_NAME_PATTERN.test(candidate) ? candidate : null;
}

/** Whether a name from the address bar is a valid room name. */
export function isRoomName(name: string): boolean {
  return ROOM_NAME_PATTERN.test(name);
}
