/** Tuning of {@link ActiveSpeakerDetector}. */
export interface ActiveSpeakerOptions {
  /** A level (0..1, as `audioLevel` in WebRTC statistics) at or above this is speech. */
  onLevel?: number;
  /** Below this a speaker counts as quiet (lower than `onLevel`: a gap between the two). */
  offLevel?: number;
  /** Speech must last this long before it can take the floor, ms (coughs and clicks do not). */
  activateMs?: number;
  /** The active speaker keeps the floor through pauses this long, ms. */
  releaseMs?: number;
  /**
   * Someone louder than the active speaker by this factor, for `overtakeMs`, takes the floor
   * even though the active speaker has not paused (one person talking over a murmur).
   */
  overtakeFactor?: number;
  overtakeMs?: number;
}

/**
 * Levels as browsers report them after their voice processing: speech at a normal distance from
 * a laptop microphone reads about 0.01-0.1 (-40 to -20 dBov), the noise left between words by
 * noise suppression below 0.002.
 */
const DEFAULTS: Required<ActiveSpeakerOptions> = {
  onLevel: 0.006,
  offLevel: 0.0025,
  activateMs: 400,
  releaseMs: 1_200,
  overtakeFactor: 2,
  overtakeMs: 1_500,
};

interface Track {
  /** Smoothed level. */
  level: number;
  /** Since when the level has been continuously at or above `onLevel` (undefined: it is not). */
  loudSince: number | undefined;
  /** The last time the level was at or above `offLevel`. */
  lastHeard: number;
  /** Since when this person has been louder than the active speaker by the overtake factor. */
  aheadSince: number | undefined;
}

/**
 * Who has the floor, from audio levels sampled a few times a second, with hysteresis so that the
 * highlight and the speaker layout do not jump on every cough or overlap:
 * - speech must last `activateMs` before it counts (two thresholds: on above `onLevel`, quiet
 *   below `offLevel`);
 * - the active speaker keeps the floor through pauses shorter than `releaseMs`;
 * - someone else takes it when the active speaker paused that long, or when they are louder by
 *   `overtakeFactor` for `overtakeMs`.
 * The active speaker stays the last one who spoke (a speaker layout keeps showing them) until
 * someone else speaks or they leave ({@link remove}). Pure: time is passed in.
 */
export class ActiveSpeakerDetector {
  readonly #o: Required<ActiveSpeakerOptions>;
  readonly #tracks = new Map<string, Track>();
  #active: string | undefined;

  constructor(options: ActiveSpeakerOptions = {}) {
    this.#o = { ...DEFAULTS, ...options };
  }

  /** The id that has the floor, if anyone has spoken yet. */
  get active(): string | undefined {
    return this.#active;
  }

  /**
   * Whether `id` is speaking now: heard within the release time (for a highlight that goes
   * off when they stop, while they keep the floor).
   */
  isSpeaking(id: string, now: number): boolean {
    const t = this.#tracks.get(id);
    return t !== undefined && t.level >= this.#o.offLevel && now - t.lastHeard < this.#o.releaseMs;
  }

  /**
   * One sample of everyone's level (ids absent from `levels` count as silent). Returns the
   * active speaker after it.
   */
  update(levels: ReadonlyMap<string, number>, now: number): string | undefined {
    const o = this.#o;
    for (const id of levels.keys()) {
      if (!this.#tracks.has(id)) {
        this.#tracks.set(id, {
          level: 0,
          loudSince: undefined,
          lastHeard: -Infinity,
          aheadSince: undefined,
        });
      }
    }
    for (const [id, t] of this.#tracks) {
      const raw = levels.get(id) ?? 0;
      // Rises count at once, falls are smoothed: a syllable boundary is not silence.
      t.level = raw >= t.level ? raw : t.level * 0.3 + raw * 0.7;
      if (t.level >= o.offLevel) t.lastHeard = now;
      if (t.level >= o.onLevel) t.loudSince ??= now;
      else if (t.level < o.offLevel) t.loudSince = undefined;
    }
    const current = this.#active === undefined ? undefined : this.#tracks.get(this.#active);
    const currentHeld = current !== undefined && now - current.lastHeard < o.releaseMs;
    let best: [string, Track] | undefined;
    for (const [id, t] of this.#tracks) {
      if (id === this.#active) {
        t.aheadSince = undefined;
        continue;
      }
      const established =
        t.loudSince !== undefined && now - t.loudSince >= o.activateMs && t.level >= o.onLevel;
      const ahead = current !== undefined && t.level >= current.level * o.overtakeFactor;
      if (ahead && t.loudSince !== undefined) t.aheadSince ??= now;
      else t.aheadSince = undefined;
      if (!established) continue;
      const overtakes = t.aheadSince !== undefined && now - t.aheadSince >= o.overtakeMs;
      if (currentHeld && !overtakes) continue;
      if (!best || t.level > best[1].level) best = [id, t];
    }
    if (best) {
      this.#active = best[0];
      best[1].aheadSince = undefined;
    }
    return this.#active;
  }

  /** Someone left: forget them (the floor is free if it was theirs). */
  remove(id: string): void {
    this.#tracks.delete(id);
    if (this.#active === id) this.#active = undefined;
  }
}
