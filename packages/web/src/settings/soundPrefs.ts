/**
 * Whether the call plays its soft sounds (someone joined, left or raised a hand). On by default;
 * the choice is remembered in this browser. Tiny on purpose: the Settings panel's switch reads
 * it, and the sounds themselves load with the call's extras.
 */
import { signal } from '@preact/signals';
import { readStored, writeStored } from '../hooks/storage';

const SOUNDS_KEY = 'zvonok.sounds';

/** The call's sounds are on. */
export const soundsOn = signal(readStored(SOUNDS_KEY) !== 'off');

/** Turns the call's sounds on or off and remembers it. */
export function setSoundsOn(on: boolean): void {
  soundsOn.value = on;
  writeStored(SOUNDS_KEY, on ? 'on' : 'off');
}
