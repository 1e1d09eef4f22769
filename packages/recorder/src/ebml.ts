/**
 * The bits of EBML (the binary format under WebM) that the recording module reads and writes:
 * element ids, variable-size integers, element headers.
 * https://www.matroska.org/technical/elements.html (RFC 8794, RFC 9559).
 */
import { RecordingError, RecordingErrorCode } from './errors.js';

/** Element ids, as written (with their length-marker bits). */
export const ID_EBML = 0x1a45dfa3;
export const ID_SEGMENT = 0x18538067;
export const ID_SEEK_HEAD = 0x114d9b74;
export const ID_INFO = 0x1549a966;
export const ID_TIMESTAMP_SCALE = 0x2ad7b1;
export const ID_DURATION = 0x4489;
export const ID_CLUSTER = 0x1f43b675;
export const ID_VOID = 0xec;

/** Default `TimestampScale`: 1 ms per tick, in nanoseconds. */
export const DEFAULT_TIMESTAMP_SCALE_NS = 1_000_000;

/** One EBML element header read from a buffer. */
export interface ElementHeader {
  id: number;
  /** Offset of the element's first byte (its id). */
  start: number;
  /** Offset of the size field. */
  sizeStart: number;
  /** Offset of the data. */
  dataStart: number;
  /** Data size, or `undefined` for the "unknown size" of a live stream. */
  size: number | undefined;
}

/** Throws the module's error for a file it cannot read or patch. */
export function fail(message: string): never {
  throw new RecordingError(RecordingErrorCode.InvalidWebm, message);
}

/** Length of a variable-size integer from its first byte: the count of leading zero bits + 1. */
export function vintLength(firstByte: number, maxLength: number): number {
  for (let length = 1; length <= maxLength; length++) {
    if (firstByte & (0x80 >> (length - 1))) return length;
  }
  return fail(`invalid EBML variable-size integer (first byte 0x${firstByte.toString(16)})`);
}

/** Reads the element header at `pos`, or `undefined` if it does not fit in `buf`. */
export function readElementHeader(buf: Uint8Array, pos: number): ElementHeader | undefined {
  if (pos >= buf.length) return undefined;
  const idLength = vintLength(buf[pos]!, 4);
  const sizeStart = pos + idLength;
  if (sizeStart >= buf.length) return undefined;
  let id = 0;
  for (let i = pos; i < sizeStart; i++) id = id * 256 + buf[i]!;
  const sizeLength = vintLength(buf[sizeStart]!, 8);
  const dataStart = sizeStart + sizeLength;
  if (dataStart > buf.length) return undefined;
  let size = buf[sizeStart]! & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let i = sizeStart + 1; i < dataStart; i++) {
    size = size * 256 + buf[i]!;
    allOnes &&= buf[i] === 0xff;
  }
  return { id, start: pos, sizeStart, dataStart, size: allOnes ? undefined : size };
}

/** Encodes a data size as an EBML variable-size integer of at least `minLength` bytes. */
export function encodeEbmlSize(value: number, minLength = 1): Uint8Array {
  let length = Math.max(1, minLength);
  // All value bits set means "unknown size", so the largest size of n bytes is 2^(7n) - 2.
  while (length < 8 && value > 2 ** (7 * length) - 2) length++;
  if (!Number.isSafeInteger(value) || value < 0 || value > 2 ** (7 * length) - 2) {
    fail(`EBML size out of range: ${value}`);
  }
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  out[0]! |= 0x80 >> (length - 1);
  return out;
}

/** The bytes of an element id. */
export function encodeId(id: number): Uint8Array {
  const bytes: number[] = [];
  for (let rest = id; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.from(bytes);
}

/** One buffer of all `parts`, in order. */
export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A big-endian unsigned integer of `end - start` bytes. */
export function readUint(buf: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + buf[i]!;
  return value;
}

/** A big-endian float of 4 or 8 bytes. */
export function readFloat(buf: Uint8Array, start: number, end: number): number {
  const view = new DataView(buf.buffer, buf.byteOffset + start, end - start);
  if (end - start === 4) return view.getFloat32(0);
  if (end - start === 8) return view.getFloat64(0);
  return fail(`EBML float of ${end - start} bytes`);
}
