/**
 * Reads what really flows: `getStats()` of every peer connection the collector kept (see
 * collector.ts), and the state of the camera/mic tracks the page obtained. All waiting helpers
 * poll with a deadline and fail with the last snapshot in the message.
 */
import { expect, type Page } from '@playwright/test';
import { PROBE, type E2EProbe } from './collector.js';

/** Media deadline from TESTING-WEBRTC.md: 15 s for one call, more for a mesh. */
export const MEDIA_TIMEOUT_MS = 15_000;
export const MESH_TIMEOUT_MS = 20_000;
const POLL_INTERVALS = [100, 250, 250, 500];

/** One inbound RTP stream. */
export interface InboundStream {
  kind: 'audio' | 'video';
  trackIdentifier: string;
  bytesReceived: number;
  packetsReceived: number;
  /** video */
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  /** audio: sum of squared levels over time; it stops rising when only silence arrives */
  totalAudioEnergy: number;
  /** audio: current level 0..1 */
  audioLevel: number;
}

/** A peer connection of the page at one moment. */
export interface PcSnapshot {
  /** Position in the order of creation; stable for the page's life. */
  index: number;
  connectionState: RTCPeerConnectionState;
  iceConnectionState: RTCIceConnectionState;
  video: InboundStream[];
  audio: InboundStream[];
  /** Candidate types of the nominated pair, if there is one. */
  selectedPair?: { local: string; remote: string };
}

/** Snapshot of every peer connection of the page that is not closed. */
export async function peerStats(page: Page): Promise<PcSnapshot[]> {
  return page.evaluate(async (probeName) => {
    const probe = (window as unknown as Record<string, E2EProbe | undefined>)[probeName];
    if (!probe) throw new Error('the peer-connection collector is not installed in this page');
    const out: PcSnapshot[] = [];
    for (const [index, pc] of probe.pcs.entries()) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      const all = new Map<string, Record<string, unknown>>();
      report.forEach((s: Record<string, unknown>) => all.set(s.id as string, s));
      const snap: PcSnapshot = {
        index,
        connectionState: pc.connectionState,
        iceConnectionState: pc.iceConnectionState,
        video: [],
        audio: [],
      };
      const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
      const str = (v: unknown): string => (typeof v === 'string' ? v : '');
      let pairId: string | undefined;
      for (const s of all.values()) {
        if (s.type === 'inbound-rtp' && (s.kind === 'audio' || s.kind === 'video')) {
          const stream: InboundStream = {
            kind: s.kind,
            trackIdentifier: str(s.trackIdentifier),
            bytesReceived: num(s.bytesReceived),
            packetsReceived: num(s.packetsReceived),
            framesDecoded: num(s.framesDecoded),
            frameWidth: num(s.frameWidth),
            frameHeight: num(s.frameHeight),
            totalAudioEnergy: num(s.totalAudioEnergy),
            audioLevel: num(s.audioLevel),
          };
          (s.kind === 'video' ? snap.video : snap.audio).push(stream);
        }
        if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') {
          pairId = s.selectedCandidatePairId;
        }
      }
      if (!pairId) {
        for (const s of all.values()) {
          if (s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded') {
            pairId = s.id as string;
          }
        }
      }
      const pair = pairId ? all.get(pairId) : undefined;
      if (pair) {
        const local = all.get(pair.localCandidateId as string);
        const remote = all.get(pair.remoteCandidateId as string);
        snap.selectedPair = {
          local: str(local?.candidateType),
          remote: str(remote?.candidateType),
        };
      }
      out.push(snap);
    }
    return out;
  }, PROBE);
}

/** The largest value of `pick` over the streams of one kind of a snapshot (0 when none). */
export function best(
  snap: PcSnapshot,
  kind: 'audio' | 'video',
  pick: (s: InboundStream) => number,
): number {
  return Math.max(0, ...snap[kind].map(pick));
}

/**
 * The inbound video stream with the most decoded frames among connected peer connections (a
 * connection may also carry an idle video transceiver, e.g. for a screen, with no frames).
 */
export function liveVideo(snaps: PcSnapshot[]): InboundStream | undefined {
  return connected(snaps)
    .flatMap((s) => s.video)
    .reduce<InboundStream | undefined>(
      (a, v) => (!a || v.framesDecoded > a.framesDecoded ? v : a),
      undefined,
    );
}

/** The connected peer connections of a snapshot list. */
export function connected(snaps: PcSnapshot[]): PcSnapshot[] {
  return snaps.filter((s) => s.connectionState === 'connected');
}

function describe(snaps: PcSnapshot[]): string {
  return JSON.stringify(
    snaps.map((s) => ({
      pc: s.index,
      state: s.connectionState,
      video: s.video.map((v) => `${v.framesDecoded}f ${v.frameWidth}x${v.frameHeight}`),
      audio: s.audio.map((a) => `${a.bytesReceived}B e=${a.totalAudioEnergy.toFixed(4)}`),
    })),
  );
}

/** Options shared by the waiting helpers. */
export interface WaitOptions {
  /** How many connected peer connections must satisfy the condition (default 1). */
  peers?: number;
  timeout?: number;
}

/**
 * Waits until `peers` connected peer connections each decode at least `minFrames` inbound video
 * frames of a real size. Returns the last snapshot.
 */
export async function waitForInboundVideo(
  page: Page,
  {
    minFrames = 10,
    peers = 1,
    timeout = MEDIA_TIMEOUT_MS,
  }: WaitOptions & { minFrames?: number } = {},
): Promise<PcSnapshot[]> {
  let last: PcSnapshot[] = [];
  await expect(async () => {
    last = await peerStats(page);
    const ok = connected(last).filter(
      (s) =>
        best(s, 'video', (v) => v.framesDecoded) >= minFrames &&
        best(s, 'video', (v) => v.frameWidth) > 0,
    );
    expect(
      ok.length,
      `peer connections decoding >= ${minFrames} frames: ${describe(last)}`,
    ).toBeGreaterThanOrEqual(peers);
  }).toPass({ timeout, intervals: POLL_INTERVALS });
  return last;
}

/**
 * Waits until `peers` connected peer connections each receive audio bytes that keep growing
 * (two samples, the second larger than the first and than zero).
 */
export async function waitForInboundAudioBytes(
  page: Page,
  { peers = 1, timeout = MEDIA_TIMEOUT_MS }: WaitOptions = {},
): Promise<PcSnapshot[]> {
  return waitForGrowth(page, 'audio', (a) => a.bytesReceived, { peers, timeout });
}

/** Waits until inbound video frames decoded keep rising on `peers` peer connections. */
export async function waitForVideoFramesRising(
  page: Page,
  { peers = 1, timeout = MEDIA_TIMEOUT_MS }: WaitOptions = {},
): Promise<PcSnapshot[]> {
  return waitForGrowth(page, 'video', (v) => v.framesDecoded, { peers, timeout });
}

/** Waits until inbound audio energy keeps rising (sound, not silence) on `peers` connections. */
export async function waitForAudioEnergyRising(
  page: Page,
  { peers = 1, timeout = MEDIA_TIMEOUT_MS }: WaitOptions = {},
): Promise<PcSnapshot[]> {
  return waitForGrowth(page, 'audio', (a) => a.totalAudioEnergy, { peers, timeout });
}

/**
 * Polls until a metric grew between the previous poll and this one on `peers` connected peer
 * connections. Each poll compares against the one before, so an old rise does not count. Polls
 * are a second or more apart: a busy two-core machine decodes in bursts, and a shorter window
 * can miss the frames of one connection out of five though all of them play.
 */
async function waitForGrowth(
  page: Page,
  kind: 'audio' | 'video',
  metric: (s: InboundStream) => number,
  { peers = 1, timeout = MEDIA_TIMEOUT_MS }: WaitOptions,
): Promise<PcSnapshot[]> {
  let previous = new Map<number, number>();
  let last: PcSnapshot[] = [];
  await expect(async () => {
    last = await peerStats(page);
    const now = new Map(connected(last).map((s) => [s.index, best(s, kind, metric)]));
    const grown = [...now].filter(([i, v]) => v > 0 && v > (previous.get(i) ?? Infinity));
    previous = now;
    expect(
      grown.length,
      `${kind} rising on peer connections: ${describe(last)}`,
    ).toBeGreaterThanOrEqual(peers);
  }).toPass({ timeout, intervals: [1_000, 1_000, 1_500] });
  return last;
}

/**
 * Waits until every connected peer connection receives silence: it has an inbound audio stream
 * but `totalAudioEnergy` does not rise over a ~1 s window and `audioLevel` is ~0. A window is
 * unavoidable to prove that something does not happen; it is measured, not slept on.
 */
export async function waitForInboundSilence(
  page: Page,
  { timeout = MEDIA_TIMEOUT_MS }: { timeout?: number } = {},
): Promise<PcSnapshot[]> {
  let last: PcSnapshot[] = [];
  await expect(async () => {
    const before = connected(await peerStats(page));
    await page.waitForTimeout(1000);
    last = connected(await peerStats(page));
    expect(last.length, 'connected peer connections').toBeGreaterThan(0);
    for (const snap of last) {
      const prev = before.find((b) => b.index === snap.index);
      const energyNow = best(snap, 'audio', (a) => a.totalAudioEnergy);
      const energyBefore = prev ? best(prev, 'audio', (a) => a.totalAudioEnergy) : 0;
      expect(snap.audio.length, `pc ${snap.index} has inbound audio`).toBeGreaterThan(0);
      expect(energyNow - energyBefore, `pc ${snap.index} audio energy rise in 1 s`).toBeLessThan(
        1e-4,
      );
      expect(
        best(snap, 'audio', (a) => a.audioLevel),
        `pc ${snap.index} audio level`,
      ).toBeLessThan(0.001);
    }
  }).toPass({ timeout, intervals: [0] });
  return last;
}

/** Inbound video frame sizes of every connected peer connection, e.g. `['640x480']`. */
export async function videoSizes(page: Page): Promise<string[]> {
  const snaps = connected(await peerStats(page));
  return snaps.flatMap((s) => s.video.map((v) => `${v.frameWidth}x${v.frameHeight}`));
}

/**
 * Waits until every connected peer connection receives video of exactly `width`x`height`.
 * WebRTC starts small while it estimates bandwidth and scales up, so sizes are polled.
 */
export async function waitForVideoSize(
  page: Page,
  width: number,
  height: number,
  { timeout = MEDIA_TIMEOUT_MS }: { timeout?: number } = {},
): Promise<void> {
  await expect
    .poll(
      async () => {
        const sizes = await videoSizes(page);
        return sizes.length > 0 && sizes.every((s) => s === `${width}x${height}`)
          ? 'ok'
          : sizes.join(',');
      },
      { timeout, intervals: POLL_INTERVALS, message: `inbound video ${width}x${height}` },
    )
    .toBe('ok');
}

/** The local candidate type (`host`, `srflx`, `relay`) of each connected peer connection's pair. */
export async function selectedCandidatePairTypes(page: Page): Promise<string[]> {
  const snaps = connected(await peerStats(page));
  return snaps.map((s) => s.selectedPair?.local ?? 'none');
}

/** A camera/mic track the page got from getUserMedia (or a clone of one). */
export interface CapturedTrack {
  kind: string;
  readyState: MediaStreamTrackState;
  enabled: boolean;
  /** From getSettings(): the capture size of a video track (0 for audio). */
  width: number;
  height: number;
}

/** Every camera/mic track the page got from getUserMedia (and clones), oldest first. */
export async function capturedTracks(page: Page): Promise<CapturedTrack[]> {
  return page.evaluate((probeName) => {
    const probe = (window as unknown as Record<string, E2EProbe | undefined>)[probeName];
    if (!probe) throw new Error('the peer-connection collector is not installed in this page');
    return probe.tracks.map((t) => {
      const { width = 0, height = 0 } = t.getSettings();
      return { kind: t.kind, readyState: t.readyState, enabled: t.enabled, width, height };
    });
  }, PROBE);
}

/** The live camera track's capture size, e.g. `{ width: 1280, height: 720 }`. */
export async function cameraSize(page: Page): Promise<{ width: number; height: number }> {
  const live = (await capturedTracks(page)).filter(
    (t) => t.kind === 'video' && t.readyState === 'live',
  );
  const last = live.at(-1);
  if (!last) throw new Error('no live camera track in this page');
  return { width: last.width, height: last.height };
}

/**
 * The signaling states each peer connection of the page went through, by creation order
 * (e.g. `['have-local-offer', 'stable']`). Shows who offered, and rollbacks during glare.
 */
export async function signalingHistory(page: Page): Promise<RTCSignalingState[][]> {
  return page.evaluate((probeName) => {
    const probe = (window as unknown as Record<string, E2EProbe | undefined>)[probeName];
    if (!probe) throw new Error('the peer-connection collector is not installed in this page');
    return probe.signaling.map((s) => [...s]);
  }, PROBE);
}

/** How the page plays audio: which received tracks a person can hear, and whether they hear themselves. */
export interface AudioPlayback {
  /** Received audio track ids (inbound-rtp trackIdentifier) of connected peer connections. */
  received: string[];
  /** Of those, the ones an unmuted, playing media element with volume > 0 holds. */
  audible: string[];
  /** Own microphone tracks (from getUserMedia) that an unmuted playing element holds: echo. */
  ownMicAudible: number;
}

/** Which received audio tracks are really played out loud, and whether the own mic is. */
export async function audioPlayback(page: Page): Promise<AudioPlayback> {
  const received = connected(await peerStats(page)).flatMap((s) =>
    s.audio.map((a) => a.trackIdentifier),
  );
  const { playing, ownMicAudible } = await page.evaluate((probeName) => {
    const probe = (window as unknown as Record<string, E2EProbe | undefined>)[probeName];
    if (!probe) throw new Error('the peer-connection collector is not installed in this page');
    const loud = [...document.querySelectorAll<HTMLMediaElement>('audio, video')].filter(
      (el) => !el.paused && !el.muted && el.volume > 0 && el.srcObject instanceof MediaStream,
    );
    const ids = new Set(
      loud.flatMap((el) => (el.srcObject as MediaStream).getAudioTracks().map((t) => t.id)),
    );
    return {
      playing: [...ids],
      ownMicAudible: probe.tracks.filter((t) => t.kind === 'audio' && ids.has(t.id)).length,
    };
  }, PROBE);
  return { received, audible: received.filter((id) => playing.includes(id)), ownMicAudible };
}

/**
 * Waits until every received audio track of `peers` connected peer connections is played by an
 * unmuted, playing element (what makes it audible), and checks that the own mic is not.
 */
export async function waitForAudiblePlayback(
  page: Page,
  { peers = 1, timeout = MEDIA_TIMEOUT_MS }: WaitOptions = {},
): Promise<void> {
  await expect(async () => {
    const p = await audioPlayback(page);
    expect(p.received.length, 'received audio tracks').toBeGreaterThanOrEqual(peers);
    expect(p.audible, 'received audio tracks played unmuted').toEqual(p.received);
    expect(p.ownMicAudible, 'own microphone played back (echo)').toBe(0);
  }).toPass({ timeout, intervals: POLL_INTERVALS });
}
