/** The remembered effect choices of this browser, in one entry (one key). */
import { forgetStored, readStored, writeStored } from '../hooks/storage';
/** Where the effect choices are remembered; absent while every effect is off. */
const EFFECTS_KEY = 'zvonok.effects';

/** What is remembered: only what is on. */
export interface EffectChoices {
  noise?: boolean;
  /** A built-in background's name, or `blur`. */
  background?: string;
}

/** The remembered choices (none when nothing or something unreadable is stored). */
export function readChoices(): EffectChoices {
  try {
    const value: unknown = JSON.parse(readStored(EFFECTS_KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}

/** Remembers a change; forgets the entry once every effect is off. */
export function rememberChoice(change: EffectChoices): void {
  const next: Record<string, unknown> = { ...readChoices(), ...change };
  for (const key of Object.keys(next)) if (!next[key]) delete next[key];
  if (Object.keys(next).length) writeStored(EFFECTS_KEY, JSON.stringify(next));
  else forgetStored(EFFECTS_KEY);
}
