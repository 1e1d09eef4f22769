import { describe, expect, test } from 'vitest';
import { CHROMIUM_VP9_OPUS_MIME, chromiumVp9OpusWebm } from './__fixtures__/chromiumVp9Opus.js';
import { firefoxVp8OpusHead } from './__fixtures__/firefoxVp8Opus.js';
import { RecordingErrorCode } from './errors.js';
import { encodeEbmlSize } from './ebml.js';
import { patchWebmDurationHead, readWebmDurationMs, withWebmDuration } from './webmDuration.js';

/** A real MediaRecorder file: no Duration, unknown-size Segment and Clusters. */
const FIXTURE = chromiumVp9OpusWebm();

/** Bytes of an EBML element with the given id (as written, marker bits included) and data. */
function el(id: number[], ...data: (number[] | Uint8Array)[]): number[] {
  const body = data.flatMap((d) => Array.from(d));
  return [...id, ...encodeEbmlSize(body.length), ...body];
}

const EBML_HEADER = el([0x1a, 0x45, 0xdf, 0xa3], el([0x42, 0x82], [0x77, 0x65, 0x62, 0x6d]));
const timestampScale = (ns: number): number[] =>
  el([0x2a, 0xd7, 0xb1], [ns >>> 24, (ns >>> 16) & 0xff, (ns >>> 8) & 0xff, ns & 0xff]);
const info = (...children: number[][]): number[] => el([0x15, 0x49, 0xa9, 0x66], ...children);
const cluster = el([0x1f, 0x43, 0xb6, 0x75], el([0xe7], [0]), el([0xa3], [1, 2, 3, 4, 5, 6]));
const segment = (...children: number[][]): number[] => el([0x18, 0x53, 0x80, 0x67], ...children);
const voidOf = (n: number): number[] => el([0xec], new Uint8Array(n));
const seekHead = el([0x11, 0x4d, 0x9b, 0x74], el([0x4d, 0xbb], el([0x53, 0xac], [0x40])));

function apply(file: Uint8Array, durationMs: number): Uint8Array {
  const patch = patchWebmDurationHead(file, durationMs);
  return Uint8Array.from([...patch.head, ...file.subarray(patch.replaceEnd)]);
}

describe('encodeEbmlSize', () => {
  test('uses the shortest form and never the all-ones "unknown" pattern', () => {
    expect([...encodeEbmlSize(0)]).toEqual([0x80]);
    expect([...encodeEbmlSize(126)]).toEqual([0xfe]);
    expect([...encodeEbmlSize(127)]).toEqual([0x40, 0x7f]);
    expect([...encodeEbmlSize(5, 4)]).toEqual([0x10, 0, 0, 5]);
  });
});

describe('patchWebmDurationHead', () => {
  test('adds a Duration to an Info without one and grows a known-size Segment to match', () => {
    const file = Uint8Array.from([
      ...EBML_HEADER,
      ...segment(info(timestampScale(1_000_000)), cluster),
    ]);
    expect(readWebmDurationMs(file)).toBeUndefined();
    const patched = apply(file, 3210.5);
    expect(readWebmDurationMs(patched)).toBeCloseTo(3210.5, 6);
    // The Segment size now covers the 11 bytes of Duration, and the Cluster is intact at the end.
    expect(patched.length).toBe(file.length + 11);
    expect([...patched.subarray(patched.length - cluster.length)]).toEqual(cluster);
  });

  test('replaces an existing Duration and honours a non-default TimestampScale', () => {
    const float32 = new Uint8Array(4);
    new DataView(float32.buffer).setFloat32(0, 0);
    const oldDuration = el([0x44, 0x89], float32);
    const file = Uint8Array.from([
      ...EBML_HEADER,
      ...segment(info(timestampScale(1000), oldDuration), cluster),
    ]);
    const patched = apply(file, 1500);
    expect(readWebmDurationMs(patched)).toBeCloseTo(1500, 6);
    // With 1 µs ticks the stored float is 1 500 000.
    const at = patched.findIndex(
      (_, i) => patched[i] === 0x44 && patched[i + 1] === 0x89 && patched[i + 2] === 0x88,
    );
    expect(new DataView(patched.buffer, at + 3, 8).getFloat64(0)).toBe(1_500_000);
  });

  test('lets a Void after Info absorb the growth when a SeekHead holds offsets', () => {
    const file = Uint8Array.from([
      ...EBML_HEADER,
      ...segment(seekHead, info(timestampScale(1_000_000)), voidOf(40), cluster),
    ]);
    const patched = apply(file, 42);
    expect(patched.length).toBe(file.length);
    expect(readWebmDurationMs(patched)).toBeCloseTo(42, 6);
    expect([...patched.subarray(patched.length - cluster.length)]).toEqual(cluster);
  });

  test('an empty SeekHead (Firefox writes one) holds no offsets: Info may grow', () => {
    const emptySeekHead = el([0x11, 0x4d, 0x9b, 0x74]);
    const file = Uint8Array.from([
      ...EBML_HEADER,
      ...segment(emptySeekHead, info(timestampScale(1_000_000)), cluster),
    ]);
    const patched = apply(file, 1234);
    expect(readWebmDurationMs(patched)).toBeCloseTo(1234, 6);
    expect([...patched.subarray(patched.length - cluster.length)]).toEqual(cluster);
  });

  test("Firefox's header: Duration 0 replaced in place, 8-byte size fields kept, same length", () => {
    const head = firefoxVp8OpusHead();
    const clusterAt = head.length;
    const file = Uint8Array.from([...head, ...cluster]);
    expect(readWebmDurationMs(file)).toBe(0);
    const patched = apply(file, 6383);
    expect(readWebmDurationMs(patched)).toBeCloseTo(6383, 6);
    expect(patched.length).toBe(file.length);
    // Tracks and everything after Info are byte for byte what Firefox wrote.
    const tracksAt = 152;
    expect([...patched.subarray(tracksAt)]).toEqual([...file.subarray(tracksAt)]);
    expect([...patched.subarray(clusterAt)]).toEqual(cluster);
  });

  describe('failure cases', () => {
    test('a SeekHead and no Void to absorb the growth: InvalidWebm, nothing half-patched', () => {
      const file = Uint8Array.from([
        ...EBML_HEADER,
        ...segment(seekHead, info(timestampScale(1_000_000)), cluster),
      ]);
      expect(() => patchWebmDurationHead(file, 1000)).toThrow(
        expect.objectContaining({ code: RecordingErrorCode.InvalidWebm }),
      );
    });

    test('bytes that are not EBML: InvalidWebm', () => {
      expect(() => patchWebmDurationHead(new TextEncoder().encode('RIFF....WAVE'), 1)).toThrow(
        expect.objectContaining({ code: RecordingErrorCode.InvalidWebm }),
      );
    });

    test('a Cluster before any Info: InvalidWebm', () => {
      const file = Uint8Array.from([...EBML_HEADER, ...segment(cluster)]);
      expect(() => patchWebmDurationHead(file, 1)).toThrow(/no Info element/);
    });

    test('a negative or non-finite duration: InvalidWebm', () => {
      const file = Uint8Array.from([...EBML_HEADER, ...segment(info(), cluster)]);
      expect(() => patchWebmDurationHead(file, Number.NaN)).toThrow(/invalid duration/);
      expect(() => patchWebmDurationHead(file, -1)).toThrow(/invalid duration/);
    });
  });
});

describe('withWebmDuration on a real MediaRecorder file', () => {
  test('writes the duration; everything after the header is the recorded bytes, unchanged', async () => {
    expect(readWebmDurationMs(FIXTURE)).toBeUndefined();
    const blob = new Blob([FIXTURE], { type: CHROMIUM_VP9_OPUS_MIME });
    const fixed = await withWebmDuration(blob, 1503);
    expect(fixed.type).toBe(CHROMIUM_VP9_OPUS_MIME);
    const bytes = new Uint8Array(await fixed.arrayBuffer());
    expect(readWebmDurationMs(bytes)).toBeCloseTo(1503, 6);
    // Chromium's Info (TimestampScale, MuxingApp, WritingApp) gains 11 bytes of Duration; the
    // Segment has an unknown size, so nothing else changes.
    expect(bytes.length).toBe(FIXTURE.length + 11);
    expect(bytes.subarray(0, 0x30)).toEqual(FIXTURE.subarray(0, 0x30));
    expect(bytes.subarray(200)).toEqual(FIXTURE.subarray(189));
  });

  test('patching twice replaces the first duration instead of adding a second', async () => {
    const blob = new Blob([FIXTURE], { type: CHROMIUM_VP9_OPUS_MIME });
    const twice = await withWebmDuration(await withWebmDuration(blob, 1000), 2000);
    const bytes = new Uint8Array(await twice.arrayBuffer());
    expect(readWebmDurationMs(bytes)).toBeCloseTo(2000, 6);
    expect(bytes.length).toBe(FIXTURE.length + 11);
  });
});
