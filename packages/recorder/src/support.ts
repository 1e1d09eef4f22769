import { pickRecordingMimeType } from './mimeType.js';

/**
 * Whether this browser can record a whole call (MediaRecorder, WebAudio, canvas capture and a
 * WebM type it can write). Kept apart from CallRecorder so that an app can decide whether to
 * show its Record control without loading the recorder itself.
 */
export function canRecordCalls(): boolean {
  return (
    typeof MediaRecorder !== 'undefined' &&
    typeof AudioContext !== 'undefined' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    typeof HTMLCanvasElement.prototype.captureStream === 'function' &&
    pickRecordingMimeType((t) => MediaRecorder.isTypeSupported(t)) !== undefined
  );
}
