import type { ErrorCode, ServerMessage } from '@zvonok/protocol';

/**
 * A server message as UTF-8 JSON, encoded once. A broadcast hands the same Buffer to every
 * recipient, so the JSON is built and encoded once per message, not once per member.
 */
export type Frame = Buffer;

/** Serializes a server message into a frame. */
export function encode(message: ServerMessage): Frame {
  return Buffer.from(JSON.stringify(message));
}

/** An `error` frame. */
export function errorFrame(code: ErrorCode, message: string, ref?: string): Frame {
  return encode(
    ref === undefined ? { type: 'error', code, message } : { type: 'error', code, message, ref },
  );
}
