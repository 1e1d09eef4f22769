/**
 * How long someone has been speaking, through the short pauses of speech: a spell starts with
 * speech and ends only after a pause longer than `pauseMs`. Used to lower a raised hand once the
 * person has had the floor for a while.
 */
export class SpeechSpell {
  #start: number | undefined;
  #lastSpeech = -Infinity;

  constructor(private readonly pauseMs = 1500) {}

  /** Records whether the person speaks at `now`; returns how long the spell has lasted (ms). */
  sample(speaking: boolean, now: number): number {
    if (speaking) {
      if (this.#start === undefined || now - this.#lastSpeech > this.pauseMs) this.#start = now;
      this.#lastSpeech = now;
    } else if (this.#start !== undefined && now - this.#lastSpeech > this.pauseMs) {
      this.#start = undefined;
    }
    return this.#start === undefined ? 0 : now - this.#start;
  }
}
