import type { ErrorCode, ServerMessage } from '@zvonok/protocol';

/**
 * A server message as a complete WebSocket text frame: header and UTF-8 JSON, built once. A
 * broadcast writes the same Buffer to every recipient's socket, so the JSON is serialized,
 * encoded and framed once per message, not once per member.
 */
export type Frame = Buffer;

/** A buffer for a text frame of `length` payload bytes, its header written; the payload offset. */
function allocTextFrame(length: number): { frame: Frame; header: number } {
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81; // FIN + opcode 1 (text)
  if (header === 2) {
    frame[1] = length;
  } else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  return { frame, header };
}

/** Frames a JSON text as one unmasked, final text frame (RFC 6455, section 5.2). */
export function textFrame(json: string): Frame {
  const { frame, header } = allocTextFrame(Buffer.byteLength(json));
  frame.write(json, header, 'utf8');
  return frame;
}

const SDP_KEY = Buffer.from('"sdp":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;

function isJsonSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Where the sender's own JSON text of the SDP is in the frame it sent: `[start, end)` of the
 * string literal, quotes included, or null when it cannot be proven to be the value that was
 * parsed and validated. `raw` is known to be valid UTF-8 (ws checks text frames) and valid JSON
 * whose top level is an object (it was just parsed). The literal is reused only when it is the
 * value of a key spelled exactly `sdp` (the byte before the key is `{` or `,`, so its first quote
 * is not escaped) that is the last member of the top-level object (only `}` and white space
 * follow it): JSON.parse keeps the last of duplicated keys, and a nested `sdp` would be followed
 * by a second `}`. Anything else (another key order, a nested or escaped `sdp`) returns null.
 */
export function findSdpLiteral(raw: Buffer): [number, number] | null {
  const at = raw.lastIndexOf(SDP_KEY);
  if (at < 0) return null;
  let before = at - 1;
  while (isJsonSpace(raw[before])) before--;
  if (raw[before] !== COMMA && raw[before] !== OPEN_BRACE) return null;
  const start = at + SDP_KEY.length - 1;
  // The closing quote: the first one preceded by an even number of backslashes.
  let end = start;
  for (;;) {
    end = raw.indexOf(QUOTE, end + 1);
    if (end < 0) return null;
    let backslashes = 0;
    while (raw[end - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) break;
  }
  end++;
  let after = end;
  while (isJsonSpace(raw[after])) after++;
  if (raw[after] !== CLOSE_BRACE) return null;
  after++;
  while (isJsonSpace(raw[after])) after++;
  return after === raw.length ? [start, end] : null;
}

/**
 * A relayed `offer` or `answer` frame: `{"type","from","sdp"}`. Serializing a 3 KB SDP again
 * (its line breaks escaped) and encoding it to UTF-8 is most of what relaying costs, so when the
 * sender's frame `raw` holds the SDP's JSON text where {@link findSdpLiteral} can prove it is the
 * validated value, those bytes are copied as they are; otherwise the message is serialized.
 * Either way the frame carries exactly these three fields.
 */
export function descriptionFrame(
  type: 'offer' | 'answer',
  from: string,
  sdp: string,
  raw: Buffer | undefined,
): Frame {
  const literal = raw === undefined ? null : findSdpLiteral(raw);
  if (raw === undefined || literal === null) return encode({ type, from, sdp });
  const [start, end] = literal;
  const prefix = `{"type":"${type}","from":${JSON.stringify(from)},"sdp":`;
  const prefixBytes = Buffer.byteLength(prefix);
  const { frame, header } = allocTextFrame(prefixBytes + (end - start) + 1);
  frame.write(prefix, header, 'utf8');
  raw.copy(frame, header + prefixBytes, start, end);
  frame[frame.length - 1] = CLOSE_BRACE;
  return frame;
}

/** Serializes and frames a server message. */
export function encode(message: ServerMessage): Frame {
  return textFrame(JSON.stringify(message));
}

/** An `error` frame. */
export function errorFrame(code: ErrorCode, message: string, ref?: string): Frame {
  return encode(
    ref === undefined ? { type: 'error', code, message } : { type: 'error', code, message, ref },
  );
}
