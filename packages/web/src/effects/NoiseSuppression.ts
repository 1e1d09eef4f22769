/**
 * The noise suppression switch of a room page: remembered in this browser, loads the RNNoise
 * chunk only when turned on, and puts it between the microphone and every sender
 * (`LocalMedia.setProcessor`: a replaced track, no renegotiation).
 */
import { signal } from '@preact/signals';
import type { LocalMedia } from '@zvonok/sdk';
import { readChoices, rememberChoice } from './prefs';
import { reasonOf, type EffectStatus } from './EffectState';
import type { RnnoiseProcessor } from './noise/rnnoiseProcessor';

/** Noise suppression of one LocalMedia. */
export class NoiseSuppression {
  /** What the person chose (remembered). */
  readonly wanted = signal(readChoices().noise === true);
  readonly status = signal<EffectStatus>('off');
  /** Why it failed, when `status` is `failed`. */
  readonly failure = signal<string | null>(null);
  /** The browser holds the audio back until the person clicks or presses a key. */
  readonly waitingForGesture = signal(false);

  readonly #media: LocalMedia;
  #processor: RnnoiseProcessor | undefined;
  /** Bumped by every change, so a slow load that is no longer wanted is dropped. */
  #generation = 0;
  #offGesture: (() => void) | undefined;

  constructor(media: LocalMedia) {
    this.#media = media;
  }

  /** Applies the remembered choice (loads the processor if it is on). */
  start(): Promise<void> {
    return this.wanted.value ? this.#apply(true) : Promise.resolve();
  }

  /** Turns it on or off, and remembers the choice. */
  set(on: boolean): Promise<void> {
    this.wanted.value = on;
    rememberChoice({ noise: on });
    return this.#apply(on);
  }

  /** Lets go of the processor and its audio context (the page is going away). */
  dispose(): void {
    this.#generation++;
    this.#offGesture?.();
    void this.#processor?.close();
    this.#processor = undefined;
  }

  async #apply(on: boolean): Promise<void> {
    const generation = ++this.#generation;
    this.failure.value = null;
    if (!on) {
      const processor = this.#processor;
      this.#processor = undefined;
      this.#offGesture?.();
      this.status.value = 'off';
      if (processor) await this.#media.setProcessor('audio', null);
      await processor?.close();
      return;
    }
    if (this.#processor) return;
    this.status.value = 'loading';
    try {
      const { RnnoiseProcessor } = await import('./noise/rnnoiseProcessor');
      const processor = await RnnoiseProcessor.load();
      if (generation !== this.#generation) {
        await processor.close();
        return;
      }
      this.#processor = processor;
      processor.onFailure = (reason) => void this.#fail(processor, reason);
      await this.#media.setProcessor('audio', processor);
      if (!processor.running) this.#resumeOnGesture(processor);
      this.status.value = 'on';
    } catch (error) {
      if (generation !== this.#generation) return;
      void this.#processor?.close();
      this.#processor = undefined;
      this.status.value = 'failed';
      this.failure.value = reasonOf(error);
    }
  }

  /** The processor broke while running: send the microphone as it is, and say why. */
  async #fail(processor: RnnoiseProcessor, reason: string): Promise<void> {
    if (this.#processor !== processor) return;
    this.#generation++;
    this.#processor = undefined;
    this.#offGesture?.();
    this.status.value = 'failed';
    this.failure.value = reason;
    await this.#media.setProcessor('audio', null).catch(() => undefined);
    await processor.close().catch(() => undefined);
  }

  /** Browsers start audio only after a click or key press on the page. */
  #resumeOnGesture(processor: RnnoiseProcessor): void {
    this.waitingForGesture.value = true;
    const resume = (): void => {
      void processor.resume().then(() => {
        if (processor.running) {
          this.waitingForGesture.value = false;
          this.#offGesture?.();
        }
      });
    };
    const events = ['pointerdown', 'keydown'] as const;
    for (const type of events) addEventListener(type, resume, { capture: true });
    this.#offGesture = () => {
      for (const type of events) removeEventListener(type, resume, { capture: true });
      this.#offGesture = undefined;
      this.waitingForGesture.value = false;
    };
  }
}
