/**
 * The call's soft sounds, made with WebAudio (no sound files to download): two short sine notes,
 * rising when someone joins, falling when someone leaves, and a higher rising pair when someone
 * raises a hand; quiet and under half a second.
 * Nothing plays while the person turned sounds off (Settings), or where WebAudio is missing.
 */
import { soundsOn } from '../../settings/soundPrefs';

/** Which chime. */
export type Chime = 'joined' | 'left' | 'hand';

/** The two notes of each chime, in Hz (E5 to A5 and back; a raised hand is A5 to C#6). */
const NOTES: Record<Chime, readonly [number, number]> = {
  joined: [659.25, 880],
  left: [880, 659.25],
  hand: [880, 1108.73],
};
const NOTE_S = 0.14;
const VOLUME = 0.08;

let context: AudioContext | undefined;

/** Plays `chime` softly, unless sounds are off. Never throws. */
export function playChime(chime: Chime): void {
  if (!soundsOn.value || typeof AudioContext === 'undefined') return;
  try {
    context ??= new AudioContext();
    // Joining was a press, so the context may run; resume() is harmless when it already does.
    if (context.state === 'suspended') context.resume().catch(() => undefined);
    const start = context.currentTime + 0.02;
    NOTES[chime].forEach((frequency, i) => {
      const ctx = context as AudioContext;
      const at = start + i * NOTE_S;
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      // A soft attack and decay: no click at either end.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(VOLUME, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_S * 1.6);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(at);
      oscillator.stop(at + NOTE_S * 1.7);
    });
  } catch {
    // A sound is never worth an error.
  }
}
