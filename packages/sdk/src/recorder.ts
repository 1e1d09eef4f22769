/**
 * The whole-call recorder on its own entry point (`@zvonok/sdk/recorder`), so that an app can
 * load it only when someone presses Record: it draws and mixes the call and writes WebM, code
 * that the first page load does not need.
 */
export { CallRecorder } from './recording/CallRecorder.js';
export type { CallRecorderOptions } from './recording/CallRecorder.js';
