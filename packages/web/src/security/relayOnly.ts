/**
 * The person's relay-only choice ("hide my IP address"), remembered in this browser: someone who
 * must not reveal their address should not have to remember to tick it every time.
 */
import { signal } from '@preact/signals';
import { readStored, writeStored } from '../hooks/storage';

const KEY = 'zvonok.relayOnly';

/** Whether calls use the TURN relay only (read when a call is created). */
export const relayOnly = signal(readStored(KEY) === '1');

/** Changes the choice and remembers it. */
export function setRelayOnly(on: boolean): void {
  relayOnly.value = on;
  writeStored(KEY, on ? '1' : '0');
}
