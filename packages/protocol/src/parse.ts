import * as v from 'valibot';
import { ErrorCode } from './errors.js';
import {
  clientMessageSchemas,
  serverMessageSchemas,
  type ClientMessage,
  type ServerMessage,
} from './messages.js';
import { MAX_MESSAGE_BYTES, MAX_SERVER_MESSAGE_BYTES } from './limits.js';
import { findIllFormedText } from './text.js';

/** Why a frame was refused: a stable code, a human message, and the message type if known. */
export interface ProtocolError {
  code: ErrorCode;
  message: string;
  ref?: string;
}

/** The outcome of parsing a frame; parsing never throws. */
export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: ProtocolError };

type SchemaMap = Record<string, v.GenericSchema>;

function parseWith<T>(
  schemas: SchemaMap,
  raw: string,
  maxBytes: number,
  strictText: boolean,
): ParseResult<T> {
  // String length is a cheap lower bound of the UTF-8 size; the exact size is checked only when
  // the string could be over the limit, so ordinary frames skip Buffer.byteLength.
  if (raw.length > maxBytes / 4 && utf8Length(raw) > maxBytes) {
    return fail(ErrorCode.MessageTooLarge, `messages are limited to ${maxBytes} bytes`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return fail(ErrorCode.BadJson, 'the frame is not valid JSON');
  }
  return parseObject<T>(schemas, data, strictText);
}

function parseObject<T>(schemas: SchemaMap, data: unknown, strictText: boolean): ParseResult<T> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(ErrorCode.BadMessage, 'a message must be a JSON object');
  }
  const type = (data as { type?: unknown }).type;
  if (typeof type !== 'string') {
    return fail(ErrorCode.BadMessage, 'a message needs a string "type"');
  }
  if (strictText) {
    // Every string, in every field (even ones the schema would drop): a lone surrogate would
    // travel on to Redis and to other people's browsers, which may choke on it.
    const where = findIllFormedText(data);
    if (where !== null) {
      const ref = Object.hasOwn(schemas, type) ? type : undefined;
      return fail(
        ErrorCode.BadText,
        `ill-formed text (a lone surrogate) in ${where.slice(0, 80)}`,
        ref,
      );
    }
  }
  const schema = Object.hasOwn(schemas, type) ? schemas[type] : undefined;
  if (!schema) {
    return fail(ErrorCode.UnknownType, `unknown message type "${type.slice(0, 40)}"`);
  }
  const result = v.safeParse(schema, data);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return fail(
      ErrorCode.BadMessage,
      `invalid "${type}": ${path ? `${path}: ` : ''}${issue.message}`,
      type,
    );
  }
  return { ok: true, message: result.output as T };
}

function fail(code: ErrorCode, message: string, ref?: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: ref === undefined ? { code, message } : { code, message, ref } };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** UTF-8 byte length without TextEncoder/Buffer, so the module runs anywhere unchanged. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      // A surrogate pair is one 4-byte code point.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Parse a text frame a client sent (at most MAX_MESSAGE_BYTES). Never throws; unknown keys are
 * dropped. Ill-formed text (a lone surrogate) in any string is refused with BAD_TEXT.
 */
export function parseClientMessage(raw: string): ParseResult<ClientMessage> {
  return parseWith<ClientMessage>(clientMessageSchemas, raw, MAX_MESSAGE_BYTES, true);
}

/**
 * Parse a text frame the server sent (at most MAX_SERVER_MESSAGE_BYTES: relayed frames and
 * history pages may be larger than what a client may send). Never throws; unknown keys are
 * dropped.
 */
export function parseServerMessage(raw: string): ParseResult<ServerMessage> {
  return parseWith<ServerMessage>(serverMessageSchemas, raw, MAX_SERVER_MESSAGE_BYTES, false);
}

/** Validate an already-decoded server message object. */
export function validateServerMessage(data: unknown): ParseResult<ServerMessage> {
  return parseObject<ServerMessage>(serverMessageSchemas, data, false);
}
