import { ActiveSpeakerDetector, type ActiveSpeakerOptions } from './ActiveSpeaker.js';

/** Options of `new SpeakerWatch(...)`. */
export interface SpeakerWatchOptions extends ActiveSpeakerOptions {
  /** Everyone's audio level now (0..1), by id; the own one under the own id. */
  sample: () => Promise<ReadonlyMap<string, number>>;
  /** The active speaker changed (undefined: nobody has the floor). */
  onChange: (id: string | undefined) => void;
  /**
   * Who is speaking now changed (ids, the own one included): several at once when people talk
   * over each other, unlike the one who has the floor.
   */
  onSpeakingChange?: (ids: ReadonlySet<string>) => void;
  /** How often levels are read, ms. */
  intervalMs?: number;
  /** The clock, ms. Default `performance.now()`. */
  now?: () => number;
}

/** How often audio levels are read: fast enough to follow a conversation, cheap on 2 cores. */
export const SPEAKER_SAMPLE_MS = 250;

/**
 * Reads audio levels a few times a second and tells who has the floor ({@link
 * ActiveSpeakerDetector}). Reads never pile up on a slow machine; a failed read is skipped.
 */
export class SpeakerWatch {
  readonly #o: SpeakerWatchOptions;
  readonly #detector: ActiveSpeakerDetector;
  readonly #now: () => number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #reading = false;
  #active: string | undefined;
  #speaking: ReadonlySet<string> = new Set();

  constructor(options: SpeakerWatchOptions) {
    this.#o = options;
    this.#detector = new ActiveSpeakerDetector(options);
    this.#now = options.now ?? (() => performance.now());
  }

  /** The id that has the floor (the own id included). */
  get active(): string | undefined {
    return this.#active;
  }

  /** The ids speaking now (the own id included). */
  get speaking(): ReadonlySet<string> {
    return this.#speaking;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.#tick(), this.#o.intervalMs ?? SPEAKER_SAMPLE_MS);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Someone left: the floor is free if it was theirs. */
  remove(id: string): void {
    this.#detector.remove(id);
    this.#report(this.#detector.active);
    if (this.#speaking.has(id)) this.#reportSpeaking([...this.#speaking].filter((s) => s !== id));
  }

  async #tick(): Promise<void> {
    if (this.#reading) return;
    this.#reading = true;
    try {
      const levels = await this.#o.sample();
      if (this.#timer === undefined) return;
      const now = this.#now();
      this.#report(this.#detector.update(levels, now));
      this.#reportSpeaking([...levels.keys()].filter((id) => this.#detector.isSpeaking(id, now)));
    } catch {
      // A connection closed mid-read: the next tick reads again.
    } finally {
      this.#reading = false;
    }
  }

  #report(active: string | undefined): void {
    if (active === this.#active) return;
    this.#active = active;
    this.#o.onChange(active);
  }

  #reportSpeaking(ids: readonly string[]): void {
    const same = ids.length === this.#speaking.size && ids.every((id) => this.#speaking.has(id));
    if (same) return;
    this.#speaking = new Set(ids);
    this.#o.onSpeakingChange?.(this.#speaking);
  }
}
