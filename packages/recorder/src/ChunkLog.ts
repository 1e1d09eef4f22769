import { RecordingError, RecordingErrorCode } from './errors.js';

/** Where chunks are kept safe while recording; {@link RecordingStore} in the app. */
export interface ChunkSink {
  appendChunk(id: string, seq: number, data: Blob, durationMs: number): Promise<void>;
}

/**
 * The chunks of one recording as MediaRecorder hands them over: kept in memory for the file made
 * at `stop()`, and appended to a {@link ChunkSink} one at a time, in order, numbered 0, 1, 2...
 *
 * The first failed write ends the copying: the sink keeps the prefix stored so far (a shorter but
 * valid recording, should the tab crash), the memory copy keeps everything, and `onStorageError`
 * is told once.
 */
export class ChunkLog {
  readonly #blobs: Blob[] = [];
  /** Sequence number of the next chunk sent to the sink. */
  #nextSeq = 0;
  /** The chain of sink writes; each starts after the previous one settled. */
  #writes: Promise<void> = Promise.resolve();
  #failed = false;
  #storedCount = 0;
  #totalBytes = 0;
  #lastDurationMs = 0;

  readonly #recordingId: string;
  readonly #sink: ChunkSink | undefined;
  readonly #onStorageError: (error: RecordingError) => void;

  /**
   * @param recordingId the id chunks are stored under.
   * @param sink where to copy chunks; none keeps them in memory only.
   * @param onStorageError told once when the sink fails.
   */
  constructor(
    recordingId: string,
    sink: ChunkSink | undefined,
    onStorageError: (error: RecordingError) => void,
  ) {
    this.#recordingId = recordingId;
    this.#sink = sink;
    this.#onStorageError = onStorageError;
  }

  /**
   * Adds the next chunk. Empty chunks (MediaRecorder emits some when nothing was encoded in the
   * slice) are dropped: they carry no bytes and would only use a sequence number.
   *
   * @param durationMs recorded time up to the end of this chunk.
   */
  add(data: Blob, durationMs: number): void {
    this.#lastDurationMs = Math.max(this.#lastDurationMs, durationMs);
    if (data.size === 0) return;
    this.#blobs.push(data);
    this.#totalBytes += data.size;
    const sink = this.#sink;
    if (!sink || this.#failed) return;
    const seq = this.#nextSeq++;
    this.#writes = this.#writes.then(async () => {
      if (this.#failed) return;
      try {
        await sink.appendChunk(this.#recordingId, seq, data, durationMs);
        this.#storedCount++;
      } catch (cause) {
        this.#failed = true;
        this.#onStorageError(
          cause instanceof RecordingError
            ? cause
            : new RecordingError(RecordingErrorCode.StorageFailed, 'could not store a chunk', {
                cause,
              }),
        );
      }
    });
  }

  /** Resolves when every chunk added so far has been written (or the sink has failed). */
  flush(): Promise<void> {
    return this.#writes;
  }

  /** All chunks in order, for the final file. */
  get parts(): readonly Blob[] {
    return this.#blobs;
  }

  /** Bytes recorded so far. */
  get bytes(): number {
    return this.#totalBytes;
  }

  /** Recorded time covered by the chunks so far, ms. */
  get durationMs(): number {
    return this.#lastDurationMs;
  }

  /** Chunks the sink has confirmed. */
  get stored(): number {
    return this.#storedCount;
  }

  /** The sink failed; chunks since are in memory only. */
  get storageFailed(): boolean {
    return this.#failed;
  }
}
