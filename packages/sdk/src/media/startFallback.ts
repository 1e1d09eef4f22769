import { CallErrorCode, type CallError } from '../errors.js';
import type { MediaKind } from '../events.js';
import { toMediaError } from './mediaErrors.js';

/** What {@link startWithFallback} does its work through (LocalMedia). */
export interface StartTarget {
  /** getUserMedia for `kinds` and put the tracks in place; rejects when they cannot be had. */
  acquire(kinds: readonly MediaKind[]): Promise<void>;
  /** Record why `kind` could not be had (`audioError`/`videoError`) and return it as a CallError. */
  fail(kind: MediaKind, err: unknown): CallError;
  /** Forget the recorded failure of `kind`: it works now. */
  succeeded(kind: MediaKind): void;
  /** The recorded failure of `kind`, if any. */
  error(kind: MediaKind): CallError | undefined;
  /** The state changed (`LocalMediaEvent.Changed`). */
  changed(): void;
}

/** One kind could not be had while the other works. */
export interface PartialFailure {
  failed: MediaKind;
  error: CallError;
}

/**
 * Acquire `wanted` (one or both kinds) together. When both were asked for and the request fails
 * as a whole, find out which one works, so that a call can go on with the microphone alone (or
 * the camera alone). Resolves with the kind that failed, if one did; rejects with a Media*
 * CallError only when nothing could be had (each kind's own failure is then recorded).
 */
export async function startWithFallback(
  wanted: readonly MediaKind[],
  target: StartTarget,
): Promise<PartialFailure | undefined> {
  let firstError: unknown;
  try {
    await target.acquire(wanted);
    for (const kind of wanted) target.succeeded(kind);
    target.changed();
    return undefined;
  } catch (err) {
    firstError = err;
    if (wanted.length === 1 || toMediaError(err, '').code === CallErrorCode.MediaUnsupported) {
      throw target.fail(wanted[0] as MediaKind, err);
    }
  }
  // Audio first, since a call without a camera is still a call.
  for (const [ok, failed] of [
    ['audio', 'video'],
    ['video', 'audio'],
  ] as const) {
    try {
      await target.acquire([ok]);
      target.succeeded(ok);
      // With the mic working, the joint failure was the camera's; otherwise the mic's own
      // failure (from the audio-only try just before) is the one to report.
      const error =
        ok === 'audio'
          ? target.fail('video', firstError)
          : target.fail('audio', target.error('audio'));
      target.changed();
      return { failed, error };
    } catch (err) {
      target.fail(ok, err);
    }
  }
  target.changed();
  // audioError/videoError now hold each kind's own failure.
  throw toMediaError(firstError, 'camera and microphone');
}
