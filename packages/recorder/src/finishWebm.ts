import { RecordingError, RecordingErrorCode } from './errors.js';
import { withWebmDuration } from './webmDuration.js';
import { lastWebmTimestampMs } from './webmTimeline.js';

/** A recorded file made ready for download. */
export interface FinishedWebm {
  blob: Blob;
  durationMs: number;
  /** The duration is in the header. */
  seekable: boolean;
  /** Why the header could not be patched, when `seekable` is false. */
  error?: RecordingError;
}

/**
 * Writes the real duration into a MediaRecorder file: the time of its last media block, or
 * `fallbackMs` (measured by the clock) when no block can be read. A file whose header cannot be
 * patched is returned as it is, not lost: it plays, without a length.
 */
export async function finishWebm(raw: Blob, fallbackMs: number): Promise<FinishedWebm> {
  try {
    const durationMs = (await lastWebmTimestampMs(raw)) ?? fallbackMs;
    return { blob: await withWebmDuration(raw, durationMs), durationMs, seekable: true };
  } catch (cause) {
    const error =
      cause instanceof RecordingError
        ? cause
        : new RecordingError(RecordingErrorCode.InvalidWebm, 'could not write the duration', {
            cause,
          });
    return { blob: raw, durationMs: fallbackMs, seekable: false, error };
  }
}
