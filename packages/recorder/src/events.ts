import type { RecordingError } from './errors.js';

/** Lifecycle of a {@link CallRecorder}. */
export enum RecorderState {
  /** Not recording: before `start()`, and again once `stop()` has produced the file. */
  Inactive = 'inactive',
  /** `start()` is setting up (storage, composite, mix, MediaRecorder). */
  Starting = 'starting',
  /** Recording; chunks are being stored. */
  Recording = 'recording',
  /** `stop()` is finishing the file. */
  Stopping = 'stopping',
}

/** How far a recording has come; sent with every chunk (about once a second). */
export interface RecordingProgress {
  /** Recorded time so far, ms. */
  durationMs: number;
  /** Bytes recorded so far. */
  bytes: number;
}

/** Events of a {@link CallRecorder}. Subscribe with `recorder.on(RecorderEvent.X, listener)`. */
export enum RecorderEvent {
  /** The recorder's state changed. args: (state: RecorderState) */
  StateChanged = 'stateChanged',
  /** A chunk was recorded. args: (progress: RecordingProgress) */
  Progress = 'progress',
  /**
   * A problem that does not stop the recording: storage refused a chunk (crash safety lost from
   * here on), the recorder reported an error, the duration could not be written.
   * args: (error: RecordingError)
   */
  Error = 'error',
}

/** Listener signatures of {@link RecorderEvent}, by event. */
export type RecorderEventCallbacks = {
  [RecorderEvent.StateChanged]: (state: RecorderState) => void;
  [RecorderEvent.Progress]: (progress: RecordingProgress) => void;
  [RecorderEvent.Error]: (error: RecordingError) => void;
};
