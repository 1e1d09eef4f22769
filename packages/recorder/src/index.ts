/**
 * @packageDocumentation
 * `@zvonok/recorder`, whole-call recording: a canvas composite of every tile plus a mix of every
 * voice, into a seekable WebM, with chunks kept in IndexedDB so a crash loses at most a second.
 */
export { CallRecorder } from './CallRecorder.js';
export type { CallRecorderOptions } from './CallRecorder.js';
// (An app that loads the recorder lazily imports it from `@zvonok/recorder/call-recorder` and the
// rest from here; see ../README.md.)
export { RecordingStore } from './RecordingStore.js';
export type { RecordingStoreOptions } from './RecordingStore.js';
export { RecorderEvent, RecorderState } from './events.js';
export type { RecorderEventCallbacks, RecordingProgress } from './events.js';
export { RecordingError, RecordingErrorCode } from './errors.js';
export type { RecordingSource, RecordingMeta, RecordingResult, StoredRecording } from './types.js';
export { recordingFileName } from './fileName.js';
export { canRecordCalls } from './support.js';
export { withWebmDuration, readWebmDurationMs } from './webmDuration.js';
