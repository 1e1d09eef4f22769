/**
 * The speaker the others' voices play on: `HTMLMediaElement.setSinkId` where the browser has it
 * (Chromium; not Safari, nor Firefox without a flag), hidden elsewhere.
 */
import { signal } from '@preact/signals';
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import { rememberDevice, rememberedDevice } from './devicePrefs';

/** The chosen speaker's deviceId; '' is the system default. */
export const speakerId = signal<string>(rememberedDevice('audiooutput') ?? '');

/** Whether this browser lets a page choose the speaker. */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** Chooses the speaker for every element that plays a voice, and remembers it. */
export function setSpeaker(deviceId: string): void {
  speakerId.value = deviceId;
  rememberDevice('audiooutput', deviceId);
}

/**
 * The chosen speaker went away: play on the default again (the choice stays remembered, so the
 * speaker is used again when it is back next time).
 */
export function speakerLost(): void {
  speakerId.value = '';
}

/** Plays `ref`'s element on the chosen speaker (when `enabled`: elements that play voices). */
export function useSpeaker(ref: RefObject<HTMLMediaElement | null>, enabled = true): void {
  const id = speakerId.value;
  useEffect(() => {
    const el = ref.current;
    if (!enabled || !el || !canChooseSpeaker() || el.sinkId === id) return;
    el.setSinkId(id).catch(() => {
      // Gone or not allowed: the element keeps playing where it did.
    });
  }, [ref, enabled, id]);
}
