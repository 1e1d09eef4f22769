/**
 * WebM types in order of preference: VP9 gives the smallest file for screen text and faces,
 * VP8 is what every WebM-recording browser has, bare `video/webm` lets the browser choose.
 */
export const RECORDING_MIME_TYPES = [
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm',
] as const;

/**
 * The best WebM type the browser can record, or `undefined` when it records none (e.g. Safari,
 * which records only MP4).
 *
 * @param isTypeSupported usually `MediaRecorder.isTypeSupported`, bound.
 */
export function pickRecordingMimeType(
  isTypeSupported: (type: string) => boolean,
): string | undefined {
  return RECORDING_MIME_TYPES.find((type) => isTypeSupported(type));
}
