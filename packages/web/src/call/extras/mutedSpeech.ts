/**
 * "You are muted" when someone talks with the microphone off. A muted microphone is a disabled
 * track (silent to everyone, our own analyser included), so the level is read from a clone of
 * it that stays enabled and is never sent anywhere.
 */
import { watchSpeaking } from '../../tile/audioLevel';

/** Speech must last this long before the hint shows (a cough is not talking). */
export const MUTED_SPEECH_MS = 800;
/** How long the hint stays. */
export const MUTED_HINT_MS = 6000;
/** After the hint, at least this long before it shows again: a reminder, not a nag. */
export const MUTED_HINT_PAUSE_MS = 30_000;

/**
 * When the hint may show: speech has gone on for {@link MUTED_SPEECH_MS} and the last hint
 * ended at least {@link MUTED_HINT_PAUSE_MS} ago (`hiddenAt` is -Infinity before the first).
 */
export function hintDue(now: number, speakingSince: number | null, hiddenAt: number): boolean {
  return (
    speakingSince !== null &&
    now - speakingSince >= MUTED_SPEECH_MS &&
    now - hiddenAt >= MUTED_HINT_PAUSE_MS
  );
}

/**
 * Calls `onChange` when speech starts or stops on the microphone while it is muted. Returns
 * the stop function (which also stops the clone).
 */
export function watchMutedSpeech(
  track: MediaStreamTrack,
  onChange: (speaking: boolean) => void,
): () => void {
  const clone = track.clone();
  clone.enabled = true;
  const stop = watchSpeaking(clone, onChange);
  return () => {
    stop();
    clone.stop();
  };
}
