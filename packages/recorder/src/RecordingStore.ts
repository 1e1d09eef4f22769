import { isRecordingActive } from './activeLock.js';
import { RecordingError, RecordingErrorCode } from './errors.js';
import { openDatabase, requestResult, transactionDone } from './idb.js';
import type { RecordingResult, StoredRecording } from './types.js';
import { finishWebm } from './finishWebm.js';

/** Options of {@link RecordingStore}. */
export interface RecordingStoreOptions {
  /** IndexedDB to use. Default: the page's `indexedDB`. */
  indexedDB?: IDBFactory;
  /** Database name. Default `zvonok-recordings`. */
  dbName?: string;
  /**
   * Whether a recording is still running somewhere (then it is not offered for recovery).
   * Default: some tab holds its Web Lock (see `activeLock.ts`).
   */
  isActive?: (id: string) => Promise<boolean>;
}

/** What `create` needs; the totals start at zero. */
export type NewStoredRecording = Omit<StoredRecording, 'durationMs' | 'bytes' | 'chunks'>;

/** A stored chunk: key `[recordingId, seq]`. */
interface ChunkRow {
  recordingId: string;
  seq: number;
  data: Blob;
  /** Recorded time covered up to the end of this chunk, ms. */
  durationMs: number;
}

const DB_VERSION = 1;
const RECORDINGS = 'recordings';
const CHUNKS = 'chunks';
const BY_RECORDING = 'byRecording';

/**
 * Keeps recordings safe in IndexedDB while they are made, so a crashed or reloaded tab loses at
 * most the last chunk (about a second): the recorder appends every chunk as it arrives; on the
 * next visit the app lists what was left unfinished, offers it for download, then deletes it.
 *
 * Chunks are stored as Blobs, which browsers keep on disk rather than in memory.
 */
export class RecordingStore {
  readonly #factory: IDBFactory | undefined;
  readonly #dbName: string;
  readonly #isActive: (id: string) => Promise<boolean>;
  #db: Promise<IDBDatabase> | undefined;

  constructor(options: RecordingStoreOptions = {}) {
    this.#factory = options.indexedDB ?? globalThis.indexedDB;
    this.#dbName = options.dbName ?? 'zvonok-recordings';
    this.#isActive = options.isActive ?? isRecordingActive;
  }

  /** Registers a new recording with no chunks yet. */
  async create(recording: NewStoredRecording): Promise<void> {
    const row: StoredRecording = { ...recording, durationMs: 0, bytes: 0, chunks: 0 };
    await this.#write([RECORDINGS], (tx) => tx.objectStore(RECORDINGS).add(row));
  }

  /**
   * Stores chunk `seq` of a recording and updates its totals, in one transaction: after a crash
   * the totals always match the chunks.
   *
   * @param durationMs recorded time covered up to the end of this chunk.
   * @throws RecordingError(StorageFailed) when IndexedDB refuses (quota, private mode);
   *   RecordingError(NotFound) when the recording was deleted meanwhile.
   */
  async appendChunk(id: string, seq: number, data: Blob, durationMs: number): Promise<void> {
    await this.#write([RECORDINGS, CHUNKS], async (tx) => {
      const recordings = tx.objectStore(RECORDINGS);
      const row = (await requestResult(recordings.get(id))) as StoredRecording | undefined;
      if (!row) throw notFound(id);
      const chunk: ChunkRow = { recordingId: id, seq, data, durationMs };
      tx.objectStore(CHUNKS).put(chunk);
      recordings.put({
        ...row,
        durationMs: Math.max(row.durationMs, durationMs),
        bytes: row.bytes + data.size,
        chunks: row.chunks + 1,
      } satisfies StoredRecording);
    });
  }

  /**
   * Recordings left behind by a tab that crashed, reloaded or closed while recording, oldest
   * first. Recordings still running in some tab are not listed; ones with no chunk at all (the
   * tab died in its first second) are deleted, there is nothing to offer.
   */
  async listUnfinished(): Promise<StoredRecording[]> {
    const db = await this.#open();
    const tx = db.transaction(RECORDINGS, 'readonly');
    const rows = (await requestResult(tx.objectStore(RECORDINGS).getAll())) as StoredRecording[];
    const out: StoredRecording[] = [];
    for (const row of rows) {
      if (await this.#isActive(row.id)) continue;
      if (row.chunks === 0) await this.delete(row.id);
      else out.push(row);
    }
    return out.sort((a, b) => a.startedAt - b.startedAt);
  }

  /**
   * Rebuilds a stored recording as a file: its chunks in order, with the real duration (the
   * time of the last media block; the stored chunk time if none can be read) in the header. Should a chunk be missing, only the part before the gap is
   * used: bytes after a hole would not play.
   *
   * @throws RecordingError(NotFound) when there is no such recording.
   */
  async recover(id: string): Promise<RecordingResult> {
    const db = await this.#open();
    const tx = db.transaction([RECORDINGS, CHUNKS], 'readonly');
    const row = (await requestResult(tx.objectStore(RECORDINGS).get(id))) as
      StoredRecording | undefined;
    if (!row) throw notFound(id);
    // The index is sorted by recordingId, then by primary key [recordingId, seq]: in seq order.
    const chunks = (await requestResult(
      tx.objectStore(CHUNKS).index(BY_RECORDING).getAll(id),
    )) as ChunkRow[];
    const contiguous = chunks.filter((chunk, index) => chunk.seq === index);
    const last = contiguous.at(-1);
    if (!last) throw notFound(id);
    const raw = new Blob(
      contiguous.map((c) => c.data),
      { type: row.mimeType },
    );
    const { blob, durationMs, seekable } = await finishWebm(raw, last.durationMs);
    return { blob, durationMs, fileName: row.fileName, mimeType: row.mimeType, seekable };
  }

  /** Deletes a recording and its chunks. Deleting one that does not exist is not an error. */
  async delete(id: string): Promise<void> {
    await this.#write([RECORDINGS, CHUNKS], async (tx) => {
      tx.objectStore(RECORDINGS).delete(id);
      const chunks = tx.objectStore(CHUNKS);
      const keys = await requestResult(chunks.index(BY_RECORDING).getAllKeys(id));
      for (const key of keys) chunks.delete(key);
    });
  }

  /** Closes the database connection; the store opens it again when used. */
  close(): void {
    const db = this.#db;
    this.#db = undefined;
    db?.then((d) => d.close()).catch(() => undefined);
  }

  #open(): Promise<IDBDatabase> {
    if (!this.#db) {
      const factory = this.#factory;
      if (!factory) {
        return Promise.reject(
          new RecordingError(RecordingErrorCode.StorageFailed, 'IndexedDB is not available'),
        );
      }
      this.#db = openDatabase(factory, this.#dbName, DB_VERSION, (db) => {
        db.createObjectStore(RECORDINGS, { keyPath: 'id' });
        db.createObjectStore(CHUNKS, { keyPath: ['recordingId', 'seq'] }).createIndex(
          BY_RECORDING,
          'recordingId',
        );
      });
      // A failed open is not cached: the next call tries again.
      this.#db.catch(() => {
        this.#db = undefined;
      });
    }
    return this.#db;
  }

  /**
   * Runs `work` in a readwrite transaction and waits for the commit. Errors come out as
   * RecordingError: NotFound as thrown by `work`, anything else as StorageFailed.
   */
  async #write(stores: string[], work: (tx: IDBTransaction) => unknown): Promise<void> {
    try {
      const db = await this.#open();
      const tx = db.transaction(stores, 'readwrite');
      const done = transactionDone(tx);
      try {
        await work(tx);
      } catch (error) {
        done.catch(() => undefined);
        try {
          tx.abort();
        } catch {
          // Already aborted by the failure itself.
        }
        throw error;
      }
      await done;
    } catch (error) {
      if (error instanceof RecordingError) throw error;
      throw new RecordingError(RecordingErrorCode.StorageFailed, 'could not store the recording', {
        cause: error,
      });
    }
  }
}

function notFound(id: string): RecordingError {
  return new RecordingError(RecordingErrorCode.NotFound, `no stored recording ${id}`);
}
