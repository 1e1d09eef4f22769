/**
 * Writes the real duration into the header of a MediaRecorder WebM file.
 *
 * MediaRecorder streams its output, so the Segment `Info` it writes first has no `Duration`:
 * players then show no length and cannot seek (ffprobe: `duration=N/A`). We rebuild only the
 * small `Info` element at the start of the file and splice it in front of the untouched rest, as
 * a Blob of parts, so an hour-long recording is never copied into memory. (The `fix-webm-duration`
 * package parses and rewrites the whole file in memory, and returns the file unpatched on any
 * error without saying so, hence this small patch instead.)
 *
 * Element ids and layout: https://www.matroska.org/technical/elements.html (RFC 9559).
 */
import {
  concat,
  DEFAULT_TIMESTAMP_SCALE_NS,
  encodeEbmlSize,
  encodeId,
  fail,
  ID_CLUSTER,
  ID_DURATION,
  ID_EBML,
  ID_INFO,
  ID_SEEK_HEAD,
  ID_SEGMENT,
  ID_TIMESTAMP_SCALE,
  ID_VOID,
  readElementHeader,
  readFloat,
  readUint,
  type ElementHeader,
} from './ebml.js';

/** How much of the file's start is read to find `Info`; MediaRecorder puts it in the first 100 B. */
export const WEBM_HEAD_BYTES = 64 * 1024;

/** The result of {@link patchWebmDurationHead}: bytes `[0, replaceEnd)` become `head`. */
export interface WebmHeadPatch {
  head: Uint8Array<ArrayBuffer>;
  replaceEnd: number;
}

/** The element's data end, failing when the element is cut off or of unknown size. */
function dataEnd(buf: Uint8Array, el: ElementHeader, what: string): number {
  if (el.size === undefined) fail(`${what} has an unknown size`);
  const end = el.dataStart + el.size;
  if (end > buf.length) fail(`${what} does not fit in the first ${buf.length} bytes`);
  return end;
}

/** The children of the element whose data spans `[start, end)`. */
function children(buf: Uint8Array, start: number, end: number): ElementHeader[] {
  const out: ElementHeader[] = [];
  for (let pos = start; pos < end;) {
    const el = readElementHeader(buf, pos);
    if (!el || el.size === undefined) fail('truncated or unsized element inside Info');
    out.push(el);
    pos = el.dataStart + el.size;
  }
  return out;
}

/** Where the parts of the file's start that we change are. */
interface HeadLayout {
  segment: ElementHeader;
  info: ElementHeader;
  infoEnd: number;
  /** A Void element right after Info, which can absorb a change of Info's length. */
  voidAfterInfo: ElementHeader | undefined;
  /** A SeekHead with entries: offsets of later elements that must not move. */
  hasSeekHead: boolean;
}

function findHead(buf: Uint8Array): HeadLayout {
  const ebml = readElementHeader(buf, 0);
  if (ebml?.id !== ID_EBML) fail('not an EBML file');
  let pos = dataEnd(buf, ebml, 'EBML header');
  let segment = readElementHeader(buf, pos);
  while (segment?.id === ID_VOID) {
    pos = dataEnd(buf, segment, 'Void');
    segment = readElementHeader(buf, pos);
  }
  if (segment?.id !== ID_SEGMENT) fail('no Segment after the EBML header');
  let hasSeekHead = false;
  for (pos = segment.dataStart; ;) {
    const el = readElementHeader(buf, pos);
    if (!el || el.id === ID_CLUSTER) fail('no Info element before the first Cluster');
    // Firefox's MediaRecorder writes an empty SeekHead (no Seek entries) before Info: it holds
    // no offsets that growing Info could break, so only a SeekHead with entries counts.
    if (el.id === ID_SEEK_HEAD && el.size !== 0) hasSeekHead = true;
    const end = dataEnd(buf, el, `element 0x${el.id.toString(16)}`);
    if (el.id === ID_INFO) {
      const next = readElementHeader(buf, end);
      const voidAfterInfo = next?.id === ID_VOID && next.size !== undefined ? next : undefined;
      return { segment, info: el, infoEnd: end, voidAfterInfo, hasSeekHead };
    }
    pos = end;
  }
}

/** A Void element of exactly `total` bytes (at least 2). */
function voidElement(total: number): Uint8Array<ArrayBuffer> {
  for (let sizeLength = 1; sizeLength <= 8; sizeLength++) {
    const dataLength = total - 1 - sizeLength;
    if (dataLength < 0) break;
    const size = encodeEbmlSize(dataLength, sizeLength);
    if (size.length === sizeLength) {
      return concat([encodeId(ID_VOID), size, new Uint8Array(dataLength)]);
    }
  }
  return fail(`cannot make a Void element of ${total} bytes`);
}

/**
 * Patches the start of a WebM file so that `Segment/Info/Duration` says `durationMs`.
 *
 * @param head the first bytes of the file ({@link WEBM_HEAD_BYTES} is plenty).
 * @returns the bytes to put in place of `head[0, replaceEnd)`.
 * @throws RecordingError(InvalidWebm) when the header cannot be read or safely patched.
 */
export function patchWebmDurationHead(head: Uint8Array, durationMs: number): WebmHeadPatch {
  if (!Number.isFinite(durationMs) || durationMs < 0) fail(`invalid duration: ${durationMs}`);
  const { segment, info, infoEnd, voidAfterInfo, hasSeekHead } = findHead(head);

  const kept: Uint8Array[] = [];
  let scaleNs = DEFAULT_TIMESTAMP_SCALE_NS;
  for (const child of children(head, info.dataStart, infoEnd)) {
    const end = child.dataStart + child.size!;
    if (child.id === ID_DURATION) continue;
    if (child.id === ID_TIMESTAMP_SCALE) scaleNs = readUint(head, child.dataStart, end) || scaleNs;
    kept.push(head.subarray(child.start, end));
  }
  // Duration is a float in TimestampScale units; 8 bytes keep sub-millisecond precision.
  const duration = new Uint8Array(8);
  new DataView(duration.buffer).setFloat64(0, (durationMs * 1_000_000) / scaleNs);
  const infoBody = concat([...kept, encodeId(ID_DURATION), encodeEbmlSize(8), duration]);
  // Keep Info's size field as wide as it was (Firefox writes 8-byte sizes): with a Duration of
  // the same width replaced, Info keeps its length and nothing after it moves.
  const sizeWidth = info.dataStart - info.sizeStart;
  const newInfo = concat([encodeId(ID_INFO), encodeEbmlSize(infoBody.length, sizeWidth), infoBody]);

  let replaceEnd = infoEnd;
  let growth = newInfo.length - (infoEnd - info.start);
  const tail: Uint8Array[] = [];
  if (voidAfterInfo && growth !== 0) {
    // Let the padding after Info absorb the change, so nothing after it moves.
    const voidEnd = voidAfterInfo.dataStart + voidAfterInfo.size!;
    const voidTotal = voidEnd - voidAfterInfo.start - growth;
    if (voidEnd <= head.length && voidTotal >= 2) {
      tail.push(voidElement(voidTotal));
      replaceEnd = voidEnd;
      growth = 0;
    }
  }
  // A SeekHead holds offsets of later elements; they would be wrong once Info grows.
  if (hasSeekHead && growth !== 0) fail('a SeekHead without room to grow Info');

  let segmentSize = head.subarray(segment.sizeStart, segment.dataStart);
  if (segment.size !== undefined) {
    segmentSize = encodeEbmlSize(segment.size + growth, segment.dataStart - segment.sizeStart);
  }
  return {
    head: concat([
      head.subarray(0, segment.sizeStart),
      segmentSize,
      head.subarray(segment.dataStart, info.start),
      newInfo,
      ...tail,
    ]),
    replaceEnd,
  };
}

/**
 * The `TimestampScale` of a WebM file (nanoseconds per tick; 1 000 000 unless it says otherwise).
 *
 * @param head the first bytes of the file.
 * @throws RecordingError(InvalidWebm) when the header cannot be read.
 */
export function readTimestampScaleNs(head: Uint8Array): number {
  const { info, infoEnd } = findHead(head);
  for (const child of children(head, info.dataStart, infoEnd)) {
    if (child.id === ID_TIMESTAMP_SCALE) {
      return (
        readUint(head, child.dataStart, child.dataStart + child.size!) || DEFAULT_TIMESTAMP_SCALE_NS
      );
    }
  }
  return DEFAULT_TIMESTAMP_SCALE_NS;
}

/**
 * The duration written in a WebM header, in ms, or `undefined` when it has none.
 *
 * @param head the first bytes of the file.
 */
export function readWebmDurationMs(head: Uint8Array): number | undefined {
  const { info, infoEnd } = findHead(head);
  let scaleNs = DEFAULT_TIMESTAMP_SCALE_NS;
  let duration: number | undefined;
  for (const child of children(head, info.dataStart, infoEnd)) {
    const end = child.dataStart + child.size!;
    if (child.id === ID_TIMESTAMP_SCALE) scaleNs = readUint(head, child.dataStart, end) || scaleNs;
    if (child.id === ID_DURATION) duration = readFloat(head, child.dataStart, end);
  }
  return duration === undefined ? undefined : (duration * scaleNs) / 1_000_000;
}

/**
 * A copy of `blob` (same type) whose WebM header carries `durationMs`. Reads only the first
 * {@link WEBM_HEAD_BYTES}; the rest of the file is shared with `blob`, not copied.
 *
 * @throws RecordingError(InvalidWebm) when the header cannot be patched.
 */
export async function withWebmDuration(blob: Blob, durationMs: number): Promise<Blob> {
  const head = new Uint8Array(await blob.slice(0, WEBM_HEAD_BYTES).arrayBuffer());
  const patch = patchWebmDurationHead(head, durationMs);
  return new Blob([patch.head, blob.slice(patch.replaceEnd)], { type: blob.type });
}
