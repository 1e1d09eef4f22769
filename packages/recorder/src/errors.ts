/**
 * Coded errors of call recording. Kept apart from `CallErrorCode` because recording is an
 * optional module of the SDK: the UI switches on `code` the same way.
 */

/** Every error the recorder and the recording store report, by stable code. */
export enum RecordingErrorCode {
  /** The browser lacks MediaRecorder, WebAudio, canvas capture or every WebM type we write. */
  Unsupported = 'REC_ERR_UNSUPPORTED',
  /** Misuse: `start()` while recording, `stop()` when not recording. */
  InvalidState = 'REC_ERR_INVALID_STATE',
  /** MediaRecorder reported an error; what was recorded so far is kept. */
  RecorderFailed = 'REC_ERR_RECORDER_FAILED',
  /**
   * IndexedDB refused a write (quota, private mode, blocked). Recording goes on in memory, but a
   * crash from now on loses what follows the last stored chunk.
   */
  StorageFailed = 'REC_ERR_STORAGE_FAILED',
  /** No stored recording has that id. */
  NotFound = 'REC_ERR_NOT_FOUND',
  /** The WebM header could not be read or patched: the file is kept, but without a duration. */
  InvalidWebm = 'REC_ERR_INVALID_WEBM',
}

/** Error of the recording module: a stable code, a developer-facing message, the original cause. */
export class RecordingError extends Error {
  override readonly name = 'RecordingError';

  constructor(
    readonly code: RecordingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
