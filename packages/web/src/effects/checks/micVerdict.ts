/**
 * What the lobby's microphone check concludes from what the microphone delivers, and the
 * Bluetooth headset heuristic. Pure functions, unit-tested.
 */

/** Below this RMS (about -70 dBFS) a block is digital silence, not a quiet room. */
export const SILENCE_RMS = 0.0003;
/** A sample at or above this magnitude is at full scale. */
export const CLIP_LEVEL = 0.99;
/** Clipping when more than this share of samples sits at full scale. */
export const CLIP_SHARE = 0.01;
/** How long a problem must last before it is said (a pause is not silence). */
export const VERDICT_MS = 3000;

/** One measured block of samples. */
export interface MicBlock {
  rms: number;
  /** Share of samples at full scale (0..1). */
  clipped: number;
}

/** Measures a block of samples. */
export function measure(samples: ArrayLike<number>): MicBlock {
  let sum = 0;
  let clipped = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
    if (Math.abs(s) >= CLIP_LEVEL) clipped++;
  }
  const n = samples.length || 1;
  return { rms: Math.sqrt(sum / n), clipped: clipped / n };
}

/** What the microphone is doing. */
export type MicVerdict = 'ok' | 'silent' | 'clipping';

/**
 * The verdict over the last blocks (oldest first) spanning at least {@link VERDICT_MS}: silent
 * when every block is silent, clipping when most clip; otherwise (or too short) ok.
 */
export function verdict(blocks: readonly MicBlock[], spanMs: number): MicVerdict {
  if (spanMs < VERDICT_MS || blocks.length === 0) return 'ok';
  if (blocks.every((b) => b.rms < SILENCE_RMS)) return 'silent';
  const clipping = blocks.filter((b) => b.clipped > CLIP_SHARE).length;
  return clipping * 2 > blocks.length ? 'clipping' : 'ok';
}

/** The part of a device that the heuristics need. */
export interface DeviceLike {
  kind: string;
  deviceId: string;
  groupId?: string;
  label: string;
}

/** Words in device labels that name a Bluetooth headset or earbuds. */
const HEADSET =
  /bluetooth|\bbt\b|airpods|buds|hands-?free|headset|\bwh-|\bwf-|jabra|bose|beats|plantronics|poly\b/i;

/** Whether a label names a Bluetooth headset (or earbuds). */
export function isHeadsetLabel(label: string): boolean {
  return HEADSET.test(label);
}

/**
 * The Bluetooth headset whose microphone is not the one in use, if any: a headset is connected
 * (as an output or an input), and the microphone in use is not it. Browsers list a headset's
 * output and input in the same group; labels are matched too (some list none).
 * Returns the headset's label.
 */
export function unusedHeadsetMic(
  devices: readonly DeviceLike[],
  micInUse: string | undefined,
): string | null {
  if (!micInUse) return null;
  const mic = devices.find((d) => d.kind === 'audioinput' && d.deviceId === micInUse);
  if (!mic) return null;
  if (isHeadsetLabel(mic.label)) return null;
  const headset = devices.find(
    (d) =>
      (d.kind === 'audioinput' || d.kind === 'audiooutput') &&
      d.deviceId !== 'default' &&
      d.deviceId !== 'communications' &&
      isHeadsetLabel(d.label) &&
      !(mic.groupId && d.groupId === mic.groupId),
  );
  return headset ? headset.label.replace(/\s*\([0-9a-f]{4}:[0-9a-f]{4}\)\s*$/i, '') : null;
}
