/**
 * What travels over Redis pub/sub between instances.
 *
 * Room events (on the room's channel) are text: `ev|kind|subject|extra|body`, made by the Lua
 * scripts. Ids, instance ids and room names never contain `|`, so the first four separators are
 * unambiguous and the body (JSON) is the rest.
 *
 * Forwards (on an instance's channel) are binary: `f|room|to|` followed by a complete WebSocket
 * frame, written to the recipient's socket as it is: the receiving instance neither parses nor
 * re-encodes it. Forwards to one instance within one event-loop turn travel as one batch:
 * `b` followed by (4-byte big-endian length, forward) for each.
 */

/** Kinds of room events. */
export const EventKind = {
  /** `subject` joined on instance `extra`; body: peer-joined. */
  Joined: 'j',
  /** `subject` left; `extra` is {@link LEFT_REPLACED} when it was replaced (its connection must close). */
  Left: 'l',
  /** `subject` changed state; body: peer-state. */
  State: 's',
  /** Chat from `subject`; body: the chat message. */
  Chat: 'c',
  /** `subject` resumed on instance `extra` (no body). */
  Moved: 'm',
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** The `extra` of a {@link EventKind.Left} event whose subject was replaced by a new session. */
export const LEFT_REPLACED = 'k';

/** A parsed room event. */
export interface RoomEvent {
  /** The room's event number: events of a room are numbered in the order Redis ran them. */
  readonly ev: number;
  readonly kind: EventKind;
  readonly subject: string;
  readonly extra: string;
  /** The JSON body ('' for none). */
  readonly body: string;
}

/** Parses a room event; null for anything malformed. */
export function parseRoomEvent(text: string): RoomEvent | null {
  const a = text.indexOf('|');
  const b = text.indexOf('|', a + 1);
  const c = text.indexOf('|', b + 1);
  const d = text.indexOf('|', c + 1);
  if (a <= 0 || b < 0 || c < 0 || d < 0) return null;
  const ev = Number(text.slice(0, a));
  const kind = text.slice(a + 1, b) as EventKind;
  if (!Number.isSafeInteger(ev)) return null;
  return {
    ev,
    kind,
    subject: text.slice(b + 1, c),
    extra: text.slice(c + 1, d),
    body: text.slice(d + 1),
  };
}

const PIPE = 0x7c;
/** Room names and ids are at most 64 characters: the header is short. */
const MAX_HEADER = 160;

/** A forward of `frame` to member `to` of `room`. */
export function encodeForward(room: string, to: string, frame: Buffer): Buffer {
  const header = Buffer.from(`f|${room}|${to}|`, 'latin1');
  return Buffer.concat([header, frame], header.length + frame.length);
}

/** A parsed forward. */
export interface Forward {
  readonly room: string;
  readonly to: string;
  readonly frame: Buffer;
}

/** Parses a forward; null for anything else. */
export function parseForward(message: Buffer): Forward | null {
  if (message[0] !== 0x66 /* f */ || message[1] !== PIPE) return null;
  const end = Math.min(message.length, MAX_HEADER);
  const b = message.indexOf(PIPE, 2);
  const c = b < 0 ? -1 : message.indexOf(PIPE, b + 1);
  if (b < 0 || c < 0 || c >= end) return null;
  return {
    room: message.toString('latin1', 2, b),
    to: message.toString('latin1', b + 1, c),
    frame: message.subarray(c + 1),
  };
}

/** Several forwards as one message (see the file comment). */
export function encodeBatch(forwards: readonly Buffer[]): Buffer {
  let size = 1;
  for (const f of forwards) size += 4 + f.length;
  const out = Buffer.allocUnsafe(size);
  out[0] = 0x62; // b
  let at = 1;
  for (const f of forwards) {
    out.writeUInt32BE(f.length, at);
    f.copy(out, at + 4);
    at += 4 + f.length;
  }
  return out;
}

/** The forwards of a message: one, several (a batch), or none if it is malformed. */
export function parseForwards(message: Buffer): Forward[] {
  if (message[0] !== 0x62 /* b */) {
    const one = parseForward(message);
    return one === null ? [] : [one];
  }
  const forwards: Forward[] = [];
  let at = 1;
  while (at + 4 <= message.length) {
    const length = message.readUInt32BE(at);
    const end = at + 4 + length;
    if (end > message.length) break;
    const one = parseForward(message.subarray(at + 4, end));
    if (one !== null) forwards.push(one);
    at = end;
  }
  return forwards;
}
