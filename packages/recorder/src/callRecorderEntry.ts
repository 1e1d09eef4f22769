/**
 * The recorder itself on its own entry point (`@zvonok/recorder/call-recorder`), so that an app
 * can load it only when someone presses Record: it draws and mixes the call and writes WebM, code
 * that the first page load does not need. The light parts (support check, events, errors, the
 * store of unfinished recordings) come from `@zvonok/recorder`.
 */
export { CallRecorder } from './CallRecorder.js';
export type { CallRecorderOptions } from './CallRecorder.js';
