import type { LinkSample } from '../mesh/linkStats.js';
import { LimitReason, type SendDecision } from '../mesh/SendPolicy.js';
import { QualityLevel, QualityReason, type LinkQuality } from './qualityTypes.js';

export { QualityLevel, QualityReason, type LinkQuality } from './qualityTypes.js';

/** What {@link peerQuality} judges from. */
export interface PeerQualityInputs {
  sample: LinkSample | undefined;
  /** The connection is live (PeerLinkState Connected). */
  connected: boolean;
  /** Their camera is on, so a picture should arrive. */
  expectVideo: boolean;
  /** They told us they send no video because of their link. */
  theirVideoPaused: boolean;
  /** What we send them (undefined: no adaptation yet or it is off). */
  ours: SendDecision | undefined;
}

const GOOD: LinkQuality = { level: QualityLevel.Good, reason: QualityReason.None };

/**
 * How the link with one person is doing, from one statistics sample (round trip, loss, jitter,
 * frame rate) and the adaptation state. The worst finding wins; the reason names it.
 */
export function peerQuality(i: PeerQualityInputs): LinkQuality {
  if (!i.connected) return { level: QualityLevel.Poor, reason: QualityReason.Reconnecting };
  if (i.theirVideoPaused && i.expectVideo) {
    return { level: QualityLevel.Poor, reason: QualityReason.TheirVideoPaused };
  }
  // Said before any other finding: the person must know their picture no longer goes out.
  if (i.ours && !i.ours.video) {
    return { level: QualityLevel.Poor, reason: QualityReason.OurVideoPaused };
  }
  const s = i.sample;
  if (!s) return GOOD;
  const loss = Math.max(s.in.loss, s.out.loss);
  const video = i.expectVideo && !i.theirVideoPaused;
  if (video && s.in.fps < 1 && s.in.kbps < 20) {
    return { level: QualityLevel.Poor, reason: QualityReason.NoVideo };
  }
  if (loss > 0.1) return { level: QualityLevel.Poor, reason: QualityReason.Loss };
  if (s.rttMs !== undefined && s.rttMs > 700) {
    return { level: QualityLevel.Poor, reason: QualityReason.Latency };
  }
  if (video && s.in.fps < 5)
    return { level: QualityLevel.Poor, reason: QualityReason.LowFrameRate };
  if (loss > 0.03) return { level: QualityLevel.Fair, reason: QualityReason.Loss };
  if (s.rttMs !== undefined && s.rttMs > 300) {
    return { level: QualityLevel.Fair, reason: QualityReason.Latency };
  }
  if (s.in.jitterMs > 50) return { level: QualityLevel.Fair, reason: QualityReason.Jitter };
  if (video && s.in.fps < 12)
    return { level: QualityLevel.Fair, reason: QualityReason.LowFrameRate };
  if (i.ours && (i.ours.reason === LimitReason.Bandwidth || i.ours.reason === LimitReason.Loss)) {
    return { level: QualityLevel.Fair, reason: QualityReason.UploadLimited };
  }
  return GOOD;
}

/**
 * How our own sending is doing (the own tile): limited by the upload toward some people, by
 * the device's CPU, or fine. `decisions`: what we send each peer.
 */
export function uplinkQuality(decisions: readonly SendDecision[], cpuBusy: boolean): LinkQuality {
  const paused = decisions.filter((d) => !d.video).length;
  const limited = decisions.filter(
    (d) => d.reason === LimitReason.Bandwidth || d.reason === LimitReason.Loss,
  ).length;
  if (decisions.length > 0 && paused === decisions.length) {
    return { level: QualityLevel.Poor, reason: QualityReason.UploadLimited };
  }
  if (paused > 0 || limited > 0)
    return { level: QualityLevel.Fair, reason: QualityReason.UploadLimited };
  if (cpuBusy) return { level: QualityLevel.Fair, reason: QualityReason.DeviceBusy };
  return GOOD;
}

/** Order of the levels, worst last. */
const RANK: Record<QualityLevel, number> = { good: 0, fair: 1, poor: 2 };

/**
 * Hysteresis between readings: a link gets worse at once (a person should see a problem when
 * it happens) but better only after `needed` readings in a row say so (no flicker).
 */
export class QualityFilter {
  #shown: LinkQuality = GOOD;
  #better = 0;

  readonly #needed: number;

  constructor(needed = 2) {
    this.#needed = needed;
  }

  get shown(): LinkQuality {
    return this.#shown;
  }

  /** Feeds a reading; returns what to show. */
  push(q: LinkQuality): LinkQuality {
    const now = RANK[q.level];
    const shown = RANK[this.#shown.level];
    if (now >= shown) {
      this.#better = 0;
      this.#shown = q;
    } else if (++this.#better >= this.#needed) {
      this.#better = 0;
      this.#shown = q;
    }
    return this.#shown;
  }
}
