import { describe, expect, test } from 'vitest';
import { CHROMIUM_VP9_OPUS_MIME, chromiumVp9OpusWebm } from './__fixtures__/chromiumVp9Opus.js';
import { encodeEbmlSize } from './ebml.js';
import { RecordingErrorCode } from './errors.js';
import { lastWebmTimestampMs } from './webmTimeline.js';

const FIXTURE = chromiumVp9OpusWebm();
const webm = (bytes: Uint8Array | number[]): Blob =>
  new Blob([Uint8Array.from(bytes)], { type: CHROMIUM_VP9_OPUS_MIME });

function el(id: number[], ...data: (number[] | Uint8Array)[]): number[] {
  const body = data.flatMap((d) => Array.from(d));
  return [...id, ...encodeEbmlSize(body.length), ...body];
}
const EBML_HEADER = el([0x1a, 0x45, 0xdf, 0xa3], el([0x42, 0x82], [0x77, 0x65, 0x62, 0x6d]));
const INFO = el([0x15, 0x49, 0xa9, 0x66], el([0x2a, 0xd7, 0xb1], [0x0f, 0x42, 0x40]));
/** A Segment of unknown size, as MediaRecorder writes it. */
const SEGMENT_OPEN = [0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const CLUSTER_OPEN = [0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const timestamp = (ms: number): number[] => el([0xe7], [ms >> 8, ms & 0xff]);
/** A SimpleBlock of track 1 at `relative` ms from its cluster (16-bit, two's complement). */
const simpleBlock = (relative: number): number[] =>
  el([0xa3], [0x81, (relative >> 8) & 0xff, relative & 0xff, 0x80, 1, 2, 3]);
const blockGroup = (relative: number): number[] =>
  el([0xa0], el([0xa1], [0x81, (relative >> 8) & 0xff, relative & 0xff, 0, 9]), el([0x9b], [20]));

describe('lastWebmTimestampMs', () => {
  test('a real MediaRecorder file: the last packet time ffprobe shows (1.452 s)', async () => {
    expect(await lastWebmTimestampMs(webm(FIXTURE))).toBe(1452);
  });

  test('takes the latest block of the last cluster, SimpleBlock or BlockGroup', async () => {
    const file = [
      ...EBML_HEADER,
      ...SEGMENT_OPEN,
      ...INFO,
      ...CLUSTER_OPEN,
      ...timestamp(0),
      ...simpleBlock(900),
      ...CLUSTER_OPEN,
      ...timestamp(1000),
      ...simpleBlock(40),
      ...blockGroup(120),
      ...simpleBlock(80),
    ];
    expect(await lastWebmTimestampMs(webm(file))).toBe(1120);
  });

  test('a block cut off by a crash is ignored; the one before it counts', async () => {
    const file = [
      ...EBML_HEADER,
      ...SEGMENT_OPEN,
      ...INFO,
      ...CLUSTER_OPEN,
      ...timestamp(2000),
      ...simpleBlock(10),
      ...simpleBlock(30).slice(0, 5),
    ];
    expect(await lastWebmTimestampMs(webm(file))).toBe(2010);
  });

  test('the cluster id bytes inside block data are not taken for a cluster', async () => {
    const decoy = el([0xa3], [0x81, 0, 50, 0x80, 0x1f, 0x43, 0xb6, 0x75, 0x81, 0x00]);
    const file = [
      ...EBML_HEADER,
      ...SEGMENT_OPEN,
      ...INFO,
      ...CLUSTER_OPEN,
      ...timestamp(500),
      ...simpleBlock(10),
      ...decoy,
    ];
    expect(await lastWebmTimestampMs(webm(file))).toBe(550);
  });

  test('the fixture cut mid-file (a crash) still gives the time of its last whole block', async () => {
    const cut = await lastWebmTimestampMs(webm(FIXTURE.subarray(0, 9000)));
    expect(cut).toBeGreaterThan(500);
    expect(cut).toBeLessThan(1452);
  });

  test('a last cluster that starts before the first tail window is still found', async () => {
    const padding = el([0xa3], [0x81, 0, 100, 0x80, ...new Uint8Array(300_000)]);
    const file = [
      ...EBML_HEADER,
      ...SEGMENT_OPEN,
      ...INFO,
      ...CLUSTER_OPEN,
      ...timestamp(7000),
      ...padding,
      ...simpleBlock(200),
    ];
    expect(await lastWebmTimestampMs(webm(file))).toBe(7200);
  });

  describe('failure cases', () => {
    test('a header with no block yet: undefined', async () => {
      expect(await lastWebmTimestampMs(webm([...EBML_HEADER, ...SEGMENT_OPEN, ...INFO]))).toBe(
        undefined,
      );
    });

    test('not WebM: InvalidWebm', async () => {
      await expect(lastWebmTimestampMs(webm([1, 2, 3, 4]))).rejects.toMatchObject({
        code: RecordingErrorCode.InvalidWebm,
      });
    });
  });
});
