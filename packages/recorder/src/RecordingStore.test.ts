import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import { CHROMIUM_VP9_OPUS_MIME, chromiumVp9OpusWebm } from './__fixtures__/chromiumVp9Opus.js';
import { RecordingErrorCode } from './errors.js';
import { RecordingStore, type NewStoredRecording } from './RecordingStore.js';
import { readWebmDurationMs } from './webmDuration.js';

const FIXTURE = chromiumVp9OpusWebm();
const MIME = CHROMIUM_VP9_OPUS_MIME;

function meta(id: string, startedAt = 1_700_000_000_000): NewStoredRecording {
  return { id, room: 'r1', fileName: `zvonok-r1-${id}.webm`, mimeType: MIME, startedAt };
}

/** The fixture cut into three chunks, as MediaRecorder's timeslices would. */
const SLICES = [FIXTURE.subarray(0, 4000), FIXTURE.subarray(4000, 9000), FIXTURE.subarray(9000)];

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

let factory: IDBFactory;
let active: Set<string>;
let store: RecordingStore;

beforeEach(() => {
  factory = new IDBFactory();
  active = new Set();
  store = newStore();
});

function newStore(): RecordingStore {
  return new RecordingStore({
    indexedDB: factory,
    isActive: (id) => Promise.resolve(active.has(id)),
  });
}

async function storeFixture(id: string): Promise<void> {
  await store.create(meta(id));
  for (const [seq, slice] of SLICES.entries()) {
    await store.appendChunk(id, seq, new Blob([slice]), 500 * (seq + 1));
  }
}

describe('RecordingStore', () => {
  test('appendChunk keeps running totals; a store opened later (after a reload) lists them', async () => {
    await storeFixture('a');
    store.close();
    expect(await newStore().listUnfinished()).toEqual([
      { ...meta('a'), durationMs: 1500, bytes: FIXTURE.length, chunks: 3 },
    ]);
  });

  test('listUnfinished leaves out recordings still running in some tab', async () => {
    await storeFixture('a');
    await storeFixture('b');
    active.add('a');
    expect((await store.listUnfinished()).map((r) => r.id)).toEqual(['b']);
  });

  test('listUnfinished lists oldest first and drops recordings that never got a chunk', async () => {
    await store.create(meta('new', 3));
    await store.appendChunk('new', 0, new Blob([SLICES[0]!]), 100);
    await store.create(meta('old', 1));
    await store.appendChunk('old', 0, new Blob([SLICES[0]!]), 100);
    await store.create(meta('empty', 2));
    expect((await store.listUnfinished()).map((r) => r.id)).toEqual(['old', 'new']);
    await expect(store.recover('empty')).rejects.toMatchObject({
      code: RecordingErrorCode.NotFound,
    });
  });

  test('recover joins the chunks in order and writes the real media duration', async () => {
    await storeFixture('a');
    const result = await store.recover('a');
    // 1452 ms: the last block of the fixture (what ffprobe shows), not the stored chunk time.
    expect(result).toMatchObject({
      durationMs: 1452,
      fileName: 'zvonok-r1-a.webm',
      mimeType: MIME,
      seekable: true,
    });
    expect(result.blob.type).toBe(MIME);
    const bytes = await bytesOf(result.blob);
    expect(readWebmDurationMs(bytes)).toBeCloseTo(1452, 6);
    // Everything after the header is the recorded bytes, unchanged (11 bytes of Duration added).
    expect(bytes.length).toBe(FIXTURE.length + 11);
    expect(bytes.subarray(1000)).toEqual(FIXTURE.subarray(989));
  });

  test('recover stops at a missing chunk: the part after a hole would not play', async () => {
    await store.create(meta('a'));
    await store.appendChunk('a', 0, new Blob([SLICES[0]!]), 500);
    await store.appendChunk('a', 2, new Blob([SLICES[2]!]), 1500);
    const result = await store.recover('a');
    // The last whole block of the first 4000 bytes is at 363 ms.
    expect(result.durationMs).toBe(363);
    expect(result.blob.size).toBe(SLICES[0]!.length + 11);
  });

  test('recover of a file with no whole block yet uses the stored chunk time', async () => {
    await store.create(meta('a'));
    // The fixture's header, up to where its first Cluster starts.
    await store.appendChunk('a', 0, new Blob([FIXTURE.subarray(0, 0xcf)]), 800);
    const result = await store.recover('a');
    expect(result).toMatchObject({ durationMs: 800, seekable: true });
    expect(readWebmDurationMs(await bytesOf(result.blob))).toBeCloseTo(800, 6);
  });

  test('recover of bytes that are not WebM hands them back as they are, marked not seekable', async () => {
    await store.create(meta('a'));
    await store.appendChunk('a', 0, new Blob(['not a webm file']), 700);
    const result = await store.recover('a');
    expect(result.seekable).toBe(false);
    expect(new TextDecoder().decode(await bytesOf(result.blob))).toBe('not a webm file');
  });

  test('delete removes the recording and its chunks, and only those', async () => {
    await storeFixture('a');
    await storeFixture('b');
    await store.delete('a');
    expect((await store.listUnfinished()).map((r) => r.id)).toEqual(['b']);
    await expect(store.recover('a')).rejects.toMatchObject({ code: RecordingErrorCode.NotFound });
    expect((await store.recover('b')).blob.size).toBe(FIXTURE.length + 11);
    await store.delete('never-existed');
  });

  describe('failure cases', () => {
    test('appendChunk to a recording that was deleted: NotFound, and no orphan chunk', async () => {
      await expect(store.appendChunk('ghost', 0, new Blob(['x']), 1)).rejects.toMatchObject({
        code: RecordingErrorCode.NotFound,
      });
      await store.create(meta('ghost'));
      await expect(store.recover('ghost')).rejects.toMatchObject({
        code: RecordingErrorCode.NotFound,
      });
    });

    test('create with an id already stored: StorageFailed', async () => {
      await store.create(meta('a'));
      await expect(store.create(meta('a'))).rejects.toMatchObject({
        code: RecordingErrorCode.StorageFailed,
      });
    });

    test('no IndexedDB at all (old browser, some private modes): StorageFailed', async () => {
      const bare = new RecordingStore({ indexedDB: undefined });
      // In Node there is no global indexedDB either.
      await expect(bare.create(meta('a'))).rejects.toMatchObject({
        code: RecordingErrorCode.StorageFailed,
      });
    });
  });
});
