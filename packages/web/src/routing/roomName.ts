/**
 * Room names: new ones are unguessable (a room is a link, so the name is its only key), and
 * pasted links or codes are turned back into a name.
 */
import { ROOM_NAME_PATTERN } from '@zvonok/protocol';

/** Random bytes in a new room name: 128 bits, well above the 96 the design asks for. */
export const ROOM_NAME_BYTES = 16;

/** base64url without padding (RFC 4648 §5): letters, digits, `-` and `_`, safe in a path. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A new unguessable room name: 16 random bytes as base64url (22 characters). Room names must
 * start with a letter or digit, so a draw that starts with `-` or `_` is drawn again; that
 * costs well under one bit of the 128.
 */
export function generateRoomName(random: (bytes: Uint8Array) => void = fillRandom): string {
  for (;;) {
    const bytes = new Uint8Array(ROOM_NAME_BYTES);
    random(bytes);
    const name = base64url(bytes);
    if (ROOM_NAME_PATTERN.test(name)) return name;
  }
}

function fillRandom(bytes: Uint8Array): void {
  crypto.getRandomValues(bytes);
}

/**
 * The room name in what a person pasted: a whole link (`https://host/r/NAME`, any host), a
 * path (`/r/NAME`) or the bare code. Returns null when it is none of these.
 */
export function parseRoomInput(input: string): string | null {
  const text = input.trim();
  if (text === '') return null;
  const fromPath = /(?:^|\/)r\/([^/?#\s]+)/.exec(text)?.[1];
  let candidate = fromPath ?? text;
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
