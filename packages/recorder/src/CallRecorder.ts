import { TypedEmitter, getLogger, type Logger } from '@zvonok/sdk';
import { acquireRecordingLock } from './activeLock.js';
import { AudioMixer } from './AudioMixer.js';
import { ChunkLog, type ChunkSink } from './ChunkLog.js';
import { CompositeCanvas } from './CompositeCanvas.js';
import { RecordingError, RecordingErrorCode } from './errors.js';
import { RecorderEvent, RecorderState, type RecorderEventCallbacks } from './events.js';
import { recordingFileName } from './fileName.js';
import { FrameTicker } from './FrameTicker.js';
import { pickRecordingMimeType } from './mimeType.js';
import { canRecordCalls } from './support.js';
import { RecordingStore } from './RecordingStore.js';
import type { RecordingMeta, RecordingResult, RecordingSource } from './types.js';
import { finishWebm } from './finishWebm.js';

/** Options of {@link CallRecorder}. */
export interface CallRecorderOptions {
  /**
   * Where chunks are kept safe while recording. Default: a {@link RecordingStore} (IndexedDB)
   * when the browser has IndexedDB; `null` keeps the recording in memory only.
   */
  store?: (ChunkSink & Pick<RecordingStore, 'create' | 'delete'>) | null;
  /** How often MediaRecorder hands over a chunk, ms: at most this much is lost in a crash. Default 1000. */
  timesliceMs?: number;
  /** Composite size, px. Default 1280 x 720. */
  width?: number;
  height?: number;
  /** Composite frame rate. Default 24: smooth for faces, half the encoding work of 48. */
  frameRate?: number;
  /** Video bitrate, bit/s. Default 2.5 Mbit/s (about 1.1 GB per hour). */
  videoBitsPerSecond?: number;
  /** Audio bitrate, bit/s. Default 128 kbit/s. */
  audioBitsPerSecond?: number;
  logger?: Logger;
}

/** Everything that exists only while recording. */
interface Session {
  id: string;
  fileName: string;
  mimeType: string;
  recorder: MediaRecorder;
  composite: CompositeCanvas;
  mixer: AudioMixer;
  ticker: FrameTicker;
  videoTrack: MediaStreamTrack;
  chunks: ChunkLog;
  sink: CallRecorderOptions['store'];
  releaseLock: () => void;
  /** `performance.now()` when MediaRecorder started. */
  startedAt: number;
}

/**
 * Records the whole call as one WebM file: a canvas composite of every tile (names on them, a
 * shared screen large) and a mix of every voice, local and remote.
 *
 * ```ts
 * const recorder = new CallRecorder();
 * recorder.setSources([{ id: 'me', name: 'Ann', stream: media.stream, isLocal: true }, ...]);
 * await recorder.start({ room });          // from the Record button's click
 * const { blob, fileName } = await recorder.stop();
 * ```
 *
 * Every chunk (about a second) goes to IndexedDB as it arrives; a tab that crashes or reloads
 * loses at most that second — see {@link RecordingStore.listUnfinished}.
 */
export class CallRecorder extends TypedEmitter<RecorderEventCallbacks> {
  readonly #options: CallRecorderOptions;
  readonly #log: Logger;
  #sources: readonly RecordingSource[] = [];
  #session: Session | undefined;
  #currentState = RecorderState.Inactive;
  /** The IndexedDB store used when none was given; one connection for the recorder's life. */
  #defaultStore: RecordingStore | undefined;

  constructor(options: CallRecorderOptions = {}) {
    const log = options.logger ?? getLogger('recorder');
    super(log);
    this.#options = options;
    this.#log = log;
  }

  /**
   * Whether this browser can record a call: MediaRecorder with a WebM type, WebAudio, canvas
   * capture. Safari (MP4 only) and old browsers cannot; hide the Record button there.
   */
  static isSupported(): boolean {
    return canRecordCalls();
  }

  /** Where the recorder is in its lifecycle. */
  get state(): RecorderState {
    return this.#currentState;
  }

  /** Recorded time so far, ms (0 when not recording). */
  get durationMs(): number {
    const session = this.#session;
    return session && session.startedAt > 0 ? performance.now() - session.startedAt : 0;
  }

  /**
   * Who and what to record, in tile order. Call it whenever participants, their streams or
   * their camera state change; it applies at once while recording.
   */
  setSources(sources: readonly RecordingSource[]): void {
    this.#sources = [...sources];
    this.#session?.composite.setSources(this.#sources);
    this.#session?.mixer.setStreams(this.#sources.map((s) => s.stream));
  }

  /**
   * Starts recording. Call it from a click: browsers start WebAudio only after a gesture.
   *
   * @throws RecordingError(Unsupported) when the browser cannot record a call;
   *   RecordingError(InvalidState) when already recording.
   */
  async start(meta: RecordingMeta): Promise<void> {
    if (this.#currentState !== RecorderState.Inactive) {
      throw new RecordingError(RecordingErrorCode.InvalidState, `cannot start while ${this.state}`);
    }
    if (!CallRecorder.isSupported()) {
      throw new RecordingError(RecordingErrorCode.Unsupported, 'this browser cannot record calls');
    }
    // Claim the state now: a second click while we set up must not start a second recording.
    this.#setState(RecorderState.Starting);
    try {
      this.#session = await this.#open(meta);
      this.#setState(RecorderState.Recording);
    } catch (error) {
      this.#setState(RecorderState.Inactive);
      throw error instanceof RecordingError
        ? error
        : new RecordingError(RecordingErrorCode.RecorderFailed, 'could not start recording', {
            cause: error,
          });
    }
  }

  /**
   * Stops recording and returns the file, its duration written in the header. The stored copy
   * is deleted: the file is in memory now.
   *
   * @throws RecordingError(InvalidState) when not recording.
   */
  async stop(): Promise<RecordingResult> {
    const session = this.#session;
    if (this.#currentState !== RecorderState.Recording || !session) {
      throw new RecordingError(RecordingErrorCode.InvalidState, `cannot stop while ${this.state}`);
    }
    this.#setState(RecorderState.Stopping);
    try {
      // The clock's estimate, used only if the file's own timestamps cannot be read.
      const clockMs = performance.now() - session.startedAt;
      await stopRecorder(session.recorder);
      await this.#teardown(session);
      await session.chunks.flush();
      const raw = new Blob([...session.chunks.parts], { type: session.mimeType });
      const { blob, durationMs, seekable, error } = await finishWebm(raw, clockMs);
      if (error) this.#emitError(error);
      if (session.sink) {
        await session.sink.delete(session.id).catch((error: unknown) => {
          this.#reportError(error, RecordingErrorCode.StorageFailed, 'could not delete the copy');
        });
      }
      return { blob, durationMs, fileName: session.fileName, mimeType: session.mimeType, seekable };
    } finally {
      session.releaseLock();
      this.#session = undefined;
      this.#setState(RecorderState.Inactive);
    }
  }

  async #open(meta: RecordingMeta): Promise<Session> {
    const mimeType = pickRecordingMimeType((t) => MediaRecorder.isTypeSupported(t))!;
    const id = newId();
    const fileName = recordingFileName(meta.room, new Date());
    const releaseLock = await acquireRecordingLock(id);
    let sink = this.#resolveStore();
    if (sink) {
      try {
        await sink.create({ id, room: meta.room, fileName, mimeType, startedAt: Date.now() });
      } catch (error) {
        this.#reportError(error, RecordingErrorCode.StorageFailed, 'recording in memory only');
        sink = null;
      }
    }

    try {
      return await this.#begin({ id, fileName, mimeType, sink, releaseLock });
    } catch (error) {
      releaseLock();
      await sink?.delete(id).catch(() => undefined);
      throw error;
    }
  }

  /** Builds the composite, the mix and the MediaRecorder, and starts it. */
  async #begin(
    base: Pick<Session, 'id' | 'fileName' | 'mimeType' | 'sink' | 'releaseLock'>,
  ): Promise<Session> {
    const { id, mimeType, sink } = base;
    const frameRate = this.#options.frameRate ?? 24;
    const composite = new CompositeCanvas({
      width: this.#options.width,
      height: this.#options.height,
    });
    const mixer = new AudioMixer();
    const ticker = new FrameTicker(frameRate, () => {
      composite.draw();
      // Tracks come and go inside the same streams (late remote tracks, device switches).
      mixer.setStreams(this.#sources.map((s) => s.stream));
    });
    const videoTrack = composite.canvas.captureStream(frameRate).getVideoTracks()[0]!;
    const chunks = new ChunkLog(id, sink ?? undefined, (error) => this.#emitError(error));
    const parts = { composite, mixer, ticker, videoTrack };
    try {
      composite.setSources(this.#sources);
      mixer.setStreams(this.#sources.map((s) => s.stream));
      mixer
        .resume()
        .catch((error: unknown) => this.#log.warn('audio context did not start', error));
      const recorder = new MediaRecorder(new MediaStream([videoTrack, mixer.track]), {
        mimeType,
        videoBitsPerSecond: this.#options.videoBitsPerSecond ?? 2_500_000,
        audioBitsPerSecond: this.#options.audioBitsPerSecond ?? 128_000,
      });
      const session: Session = { ...base, ...parts, recorder, chunks, startedAt: 0 };
      recorder.ondataavailable = (event) => {
        chunks.add(event.data, performance.now() - session.startedAt);
        this.safeEmit(RecorderEvent.Progress, {
          durationMs: chunks.durationMs,
          bytes: chunks.bytes,
        });
      };
      recorder.onerror = (event) => {
        const cause = (event as Event & { error?: unknown }).error;
        this.#reportError(cause, RecordingErrorCode.RecorderFailed, 'MediaRecorder failed');
      };
      // Paint before starting: a canvas track without a frame yet can stall the recorder.
      composite.draw();
      ticker.start();
      recorder.start(this.#options.timesliceMs ?? 1000);
      // Chunk times count from here. Not from the `start` event: on a loaded machine it comes
      // seconds after capture began, and the caller (a Record button) must not wait for it.
      session.startedAt = performance.now();
      this.#log.info('recording', { id, mimeType });
      return session;
    } catch (error) {
      await this.#teardown(parts);
      throw error;
    }
  }

  async #teardown(
    session: Pick<Session, 'ticker' | 'videoTrack' | 'composite' | 'mixer'>,
  ): Promise<void> {
    session.ticker.stop();
    session.videoTrack.stop();
    session.composite.close();
    await session.mixer.close().catch(() => undefined);
  }

  #resolveStore(): CallRecorderOptions['store'] {
    if (this.#options.store !== undefined) return this.#options.store;
    if (typeof indexedDB === 'undefined') return null;
    this.#defaultStore ??= new RecordingStore();
    return this.#defaultStore;
  }

  #setState(state: RecorderState): void {
    if (state === this.#currentState) return;
    this.#currentState = state;
    this.safeEmit(RecorderEvent.StateChanged, state);
  }

  #reportError(cause: unknown, code: RecordingErrorCode, message: string): void {
    this.#emitError(
      cause instanceof RecordingError ? cause : new RecordingError(code, message, { cause }),
    );
  }

  #emitError(error: RecordingError): void {
    this.#log.warn(error.message, error);
    this.safeEmit(RecorderEvent.Error, error);
  }
}

/** Resolves once MediaRecorder has delivered its last chunk and stopped. */
function stopRecorder(recorder: MediaRecorder): Promise<void> {
  if (recorder.state === 'inactive') return Promise.resolve();
  return new Promise((resolve) => {
    recorder.addEventListener('stop', () => resolve(), { once: true });
    recorder.stop();
  });
}

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
