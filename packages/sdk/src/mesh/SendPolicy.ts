/**
 * How hard each connection's camera may send: a pure function from what is known about the
 * call and the link (peer count, measured uplink, loss, round trip, CPU, what the receiver shows,
 * a shared screen) to the limits of the video sender's encoding. Unit-tested with recorded
 * sequences of statistics (SendPolicy.test.ts); applied by {@link SendAdapter}.
 */

/** Why the camera to one peer sends less than it could. */
export enum LimitReason {
  /** Nothing holds it back beyond the share of the uplink every peer gets. */
  None = 'none',
  /** The estimated uplink bandwidth to this peer is low. */
  Bandwidth = 'bandwidth',
  /** Packets to this peer are lost or the round trip is long. */
  Loss = 'loss',
  /** The encoder cannot keep up (`qualityLimitationReason` cpu). */
  Cpu = 'cpu',
  /** The peer shows this camera small or not at all. */
  Hint = 'hint',
  /** A screen is shared: cameras yield to it. */
  Screen = 'screen',
}

/** What the receiving peer says about how it shows this camera (see HintChannel.ts). */
export interface ViewHint {
  /** Whether the camera is on screen at all (false: tile hidden, tab in the background). */
  visible: boolean;
  /** Height in device pixels of the tile showing it (0: unknown). */
  height: number;
  /** Shown as the active speaker or the spotlight: give it more. */
  prominent: boolean;
}

/** Smoothed measurements of one connection (see linkStats.ts). */
export interface LinkMeasure {
  /** `availableOutgoingBitrate` of the connection's candidate pair, kbit/s (undefined: unknown). */
  availableKbps?: number | undefined;
  /** Fraction (0..1) of packets sent to this peer that it reports lost. */
  loss: number;
  /** Round trip, ms (undefined: unknown). */
  rttMs?: number | undefined;
  /** The encoder says it is held back by CPU. */
  cpuLimited: boolean;
}

/** Everything the policy decides from, for one connection. */
export interface SendInputs {
  /** Number of remote peers the camera is sent to (the mesh's size minus one). */
  peers: number;
  link: LinkMeasure;
  /** Own capture: height and frame rate of the camera track. */
  source: { height: number; frameRate: number };
  /** A screen is shared in the call: by us (`own`) or someone else (`other`). */
  screen: 'none' | 'own' | 'other';
  hint?: ViewHint | undefined;
  /** The previous decision for this connection, for hysteresis (undefined: the first). */
  previous?: SendDecision | undefined;
  /**
   * Video has been off long enough to try it again (see VideoRetry.ts): the estimate of a path
   * carrying voice alone says little, so it comes back at a modest rate whatever the estimate.
   */
  retryVideo?: boolean | undefined;
  /** Video came back by a try moments ago: the estimate is still catching up, not believed. */
  estimateRamping?: boolean | undefined;
}

/** Limits for the camera's encoding on one connection (and the screen's, when we share one). */
export interface SendDecision {
  /** Send video at all (false: audio only, the link is too poor). */
  video: boolean;
  /** bit/s */
  maxBitrate: number;
  scaleResolutionDownBy: number;
  maxFramerate: number;
  /** For our shared screen, if we share one. */
  screenMaxBitrate: number;
  /** The strongest reason the camera sends less than its fair share (for the UI). */
  reason: LimitReason;
}

/** Tuning of the policy; the defaults are what the unit tests and bench:mesh measured against. */
export const SEND_POLICY = {
  /**
   * Video bit rate a whole uplink may carry across all peers, kbit/s. 2.2 Mbit/s of video plus
   * 5 voices at ~40 kbit/s keeps six people under 2.5 Mbit/s each (the goal).
   */
  totalVideoKbps: 2_200,
  /** One peer never gets more than this (720p at 30 fps looks good at 1.5 Mbit/s). */
  maxPerPeerKbps: 1_500,
  /** Kept for voice and RTCP out of each connection's estimate, kbit/s. */
  audioReserveKbps: 60,
  /** The share of the estimated bandwidth video may use (the estimate overshoots at times). */
  estimateShare: 0.85,
  /** A path losing more than this share of packets, or this slow (ms), is congested. */
  congestedLoss: 0.01,
  congestedRttMs: 150,
  /** Below this the camera to that peer stops (audio only); it comes back above `resumeKbps`. */
  audioOnlyKbps: 80,
  resumeKbps: 180,
  /** Cameras get this share when we share a screen, and this one when someone else does. */
  ownScreenCameraShare: 0.25,
  otherScreenCameraShare: 0.6,
  /** Never below this many frames per second while video is sent (the 15 fps goal). */
  minFramerate: 15,
  /** A try after a pause, and the estimate's catch-up after it, send at most this, kbit/s. */
  retryKbps: 250,
} as const;

/**
 * Height ladder: the largest picture height a bit rate carries well with VP8 (kbit/s -> lines).
 * Smaller pictures at a good frame rate look better than large blocky ones.
 */
const LADDER: readonly (readonly [number, number])[] = [
  [1_000, 720],
  [600, 540],
  [350, 360],
  [200, 270],
  [0, 180],
];

/** The limits for the camera (and screen) on one connection. */
export function decideSend(input: SendInputs): SendDecision {
  const p = SEND_POLICY;
  const peers = Math.max(1, input.peers);
  let reason = LimitReason.None;
  const limit = (kbps: number, why: LimitReason, current: number): number => {
    if (kbps < current) {
      reason = why;
      return kbps;
    }
    return current;
  };

  // The fair share of a whole uplink, then everything that lowers it.
  let kbps = Math.min(p.maxPerPeerKbps, p.totalVideoKbps / peers);
  let screenKbps = 0;
  if (input.screen === 'own') {
    // The screen takes what the cameras give up; text must stay sharp.
    screenKbps = Math.max(300, kbps * (1 - p.ownScreenCameraShare));
    kbps = limit(kbps * p.ownScreenCameraShare, LimitReason.Screen, kbps);
  } else if (input.screen === 'other') {
    kbps = limit(kbps * p.otherScreenCameraShare, LimitReason.Screen, kbps);
  }

  const { link } = input;
  const usable =
    link.availableKbps === undefined
      ? undefined
      : Math.max(0, link.availableKbps * p.estimateShare - p.audioReserveKbps);
  // The browser's estimate grows little past what is sent: on a clean path it follows our own
  // limit down, and taken as a ceiling there it would lower the limit round after round. It
  // binds on a congested path (loss, a long round trip), or when it is far below what we allowed.
  const congested = link.loss > p.congestedLoss || (link.rttMs ?? 0) > p.congestedRttMs;
  const farBelow =
    usable !== undefined &&
    input.previous !== undefined &&
    usable * 1000 < input.previous.maxBitrate / 2;
  const wasOff = input.previous?.video === false;
  const retrying = wasOff && input.retryVideo === true;
  const trying = retrying || input.estimateRamping === true;
  if (usable !== undefined && !trying && (congested || farBelow)) {
    // With our screen on this connection too, the camera gets its part of what is usable.
    const forCamera = input.screen === 'own' ? usable * p.ownScreenCameraShare : usable;
    if (input.screen === 'own') screenKbps = Math.min(screenKbps, usable - forCamera);
    kbps = limit(forCamera, LimitReason.Bandwidth, kbps);
  }
  // Loss and delay: the estimate reacts late to a bad path; back off before voice suffers.
  let lossFactor = 1;
  if (link.loss > 0.1) lossFactor = 0.5;
  else if (link.loss > 0.03) lossFactor = 0.75;
  if (link.rttMs !== undefined && link.rttMs > 400) lossFactor = Math.min(lossFactor, 0.7);
  kbps = limit(kbps * lossFactor, LimitReason.Loss, kbps);

  const hint = input.hint;
  if (hint?.prominent && reason === LimitReason.None) {
    // The speaker or spotlight: up to twice the share, within the estimate and the cap.
    const ceiling = Math.min(
      p.maxPerPeerKbps,
      usable !== undefined && congested ? usable : Infinity,
    );
    kbps = Math.max(kbps, Math.min(kbps * 2, ceiling));
  }

  // A try sends modestly: enough for a picture and for the estimate to learn the path.
  if (trying) kbps = limit(Math.min(kbps, p.retryKbps), LimitReason.Bandwidth, kbps);
  // Audio only when the camera would get too little to be of use; back with hysteresis (or
  // by a try, unless loss leaves too little even for that).
  const audioOnly = wasOff
    ? kbps < (retrying ? p.audioOnlyKbps : p.resumeKbps)
    : kbps < p.audioOnlyKbps;
  if (audioOnly) {
    return {
      video: false,
      maxBitrate: Math.round(p.audioOnlyKbps * 1000),
      scaleResolutionDownBy: 4,
      maxFramerate: p.minFramerate,
      screenMaxBitrate: Math.round(Math.max(0, screenKbps) * 1000),
      reason: reason === LimitReason.None ? LimitReason.Bandwidth : reason,
    };
  }

  let height = ladderHeight(kbps);
  let fps = kbps >= 500 ? 30 : kbps >= 250 ? 24 : 20;
  if (link.cpuLimited) {
    // The encoder is the bottleneck: fewer pixels and frames, before it drops frames itself.
    height = Math.min(height, 360);
    fps = Math.min(fps, 20);
    if (reason === LimitReason.None) reason = LimitReason.Cpu;
  }
  if (hint) {
    if (!hint.visible) {
      height = Math.min(height, 180);
      fps = Math.min(fps, p.minFramerate);
      kbps = limit(Math.min(kbps, 150), LimitReason.Hint, kbps);
    } else if (hint.height > 0 && !hint.prominent) {
      // No more lines than the tile shows (rounded up to the ladder's next step).
      const fits = [...LADDER].reverse().find(([, h]) => h >= hint.height)?.[1] ?? 720;
      if (fits < height) {
        height = fits;
        kbps = limit(Math.min(kbps, budgetFor(fits)), LimitReason.Hint, kbps);
      }
    }
  }
  const sourceHeight = Math.max(1, input.source.height);
  const sourceFps = Math.max(1, input.source.frameRate);
  return {
    video: true,
    maxBitrate: Math.round(kbps * 1000),
    scaleResolutionDownBy: Math.max(1, round2(sourceHeight / Math.min(height, sourceHeight))),
    maxFramerate: Math.max(Math.min(p.minFramerate, sourceFps), Math.min(fps, sourceFps)),
    screenMaxBitrate: Math.round(Math.max(0, screenKbps) * 1000),
    reason,
  };
}

/** The largest picture height the ladder lets `kbps` carry. */
function ladderHeight(kbps: number): number {
  return LADDER.find(([min]) => kbps >= min)?.[1] ?? 180;
}

/**
 * Keeps the camera's whole uplink within {@link SEND_POLICY}`.totalVideoKbps` once every
 * connection has its decision: receivers that show us large (the speaker, a spotlight) each ask
 * for up to twice the fair share, and when most of them do, the sum would pass the uplink goal.
 * Every video link is then scaled down by the same factor, its picture made no larger than the
 * new bit rate carries. Decisions within the budget come back unchanged.
 */
export function fitUplink(
  decisions: readonly SendDecision[],
  sourceHeight: number,
): SendDecision[] {
  const cap = SEND_POLICY.totalVideoKbps * 1000;
  const total = decisions.reduce((sum, d) => sum + (d.video ? d.maxBitrate : 0), 0);
  if (total <= cap) return [...decisions];
  const factor = cap / total;
  const source = Math.max(1, sourceHeight);
  return decisions.map((d) => {
    if (!d.video) return d;
    const maxBitrate = Math.floor(d.maxBitrate * factor);
    const height = Math.min(ladderHeight(maxBitrate / 1000), source);
    return {
      ...d,
      maxBitrate,
      scaleResolutionDownBy: Math.max(d.scaleResolutionDownBy, round2(source / height)),
    };
  });
}

/** The bit rate the ladder gives a picture height (the least that carries it well). */
function budgetFor(height: number): number {
  const step = LADDER.find(([, h]) => h === height);
  const next = LADDER[LADDER.indexOf(step ?? LADDER[0]!) - 1];
  return next ? next[0] : SEND_POLICY.maxPerPeerKbps;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Whether two decisions differ enough to be worth a `setParameters` (each one costs a little). */
export function sameSend(a: SendDecision | undefined, b: SendDecision): boolean {
  if (!a) return false;
  return (
    a.video === b.video &&
    a.scaleResolutionDownBy === b.scaleResolutionDownBy &&
    a.maxFramerate === b.maxFramerate &&
    Math.abs(a.maxBitrate - b.maxBitrate) <= 0.1 * b.maxBitrate &&
    Math.abs(a.screenMaxBitrate - b.screenMaxBitrate) <= 0.1 * Math.max(1, b.screenMaxBitrate)
  );
}
