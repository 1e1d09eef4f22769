import type { ErrorCode, ServerMessage } from '@zvonok/protocol';

/**
 * A server message as a complete WebSocket text frame: header and UTF-8 JSON, built once. A
 * broadcast writes the same Buffer to every recipient's socket, so the JSON is serialized,
 * encoded and framed once per message, not once per member.
 */
export type Frame = Buffer;

/** Frames a JSON text as one unmasked, final text frame (RFC 6455, section 5.2). */
export function textFrame(json: string): Frame {
  const length = Buffer.byteLength(json);
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
  frame.write(json, header, 'utf8');
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
