/** Where an effect is: off, being loaded, running, or failed (the device track is sent). */
export type EffectStatus = 'off' | 'loading' | 'on' | 'failed';

/** The message of anything thrown, for a human-readable reason. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
