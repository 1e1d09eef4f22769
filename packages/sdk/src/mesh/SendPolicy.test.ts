import { describe, expect, it } from 'vitest';
import {
  decideSend,
  fitUplink,
  LimitReason,
  sameSend,
  type LinkMeasure,
  type SendDecision,
  type SendInputs,
} from './SendPolicy.js';

const SOURCE = { height: 720, frameRate: 30 };

/** Runs a recorded sequence of measurements (one every 2 s) through the policy, as the adapter does. */
function run(samples: LinkMeasure[], base: Partial<SendInputs> = {}): SendDecision[] {
  const out: SendDecision[] = [];
  let previous: SendDecision | undefined;
  for (const link of samples) {
    previous = decideSend({ peers: 1, source: SOURCE, screen: 'none', ...base, link, previous });
    out.push(previous);
  }
  return out;
}

const good: LinkMeasure = { availableKbps: 3_000, loss: 0, rttMs: 20, cpuLimited: false };

describe('decideSend', () => {
  it('gives one peer 720p at 30 fps on a good link', () => {
    const [d] = run([good]);
    expect(d).toMatchObject({ video: true, scaleResolutionDownBy: 1, maxFramerate: 30 });
    expect(d!.maxBitrate).toBe(1_500_000);
    expect(d!.reason).toBe(LimitReason.None);
  });

  it('tightens every connection as people join, keeping six under the uplink goal', () => {
    const byPeers = [1, 2, 3, 4, 5].map((peers) => run([good], { peers })[0]!);
    for (let i = 1; i < byPeers.length; i++) {
      expect(byPeers[i]!.maxBitrate).toBeLessThan(byPeers[i - 1]!.maxBitrate);
      expect(byPeers[i]!.scaleResolutionDownBy).toBeGreaterThanOrEqual(
        byPeers[i - 1]!.scaleResolutionDownBy,
      );
    }
    // A sixth person joins: five connections, each video within 2.2 Mbit/s / 5.
    const six = byPeers[4]!;
    expect(six.maxBitrate * 5).toBeLessThanOrEqual(2_200_000);
    expect(six.maxFramerate).toBeGreaterThanOrEqual(15);
    expect(six.video).toBe(true);
    // 440 kbit/s carries 360 lines well: a 720p camera is halved.
    expect(six.scaleResolutionDownBy).toBe(2);
  });

  // Recorded on a Wi-Fi link walking away from the access point (availableOutgoingBitrate,
  // remote-inbound-rtp fractionLost, candidate-pair currentRoundTripTime every 2 s).
  const degrading: LinkMeasure[] = [
    { availableKbps: 2_480, loss: 0, rttMs: 18, cpuLimited: false },
    { availableKbps: 1_950, loss: 0.004, rttMs: 35, cpuLimited: false },
    { availableKbps: 1_120, loss: 0.012, rttMs: 80, cpuLimited: false },
    { availableKbps: 640, loss: 0.041, rttMs: 190, cpuLimited: false },
    { availableKbps: 310, loss: 0.083, rttMs: 320, cpuLimited: false },
    { availableKbps: 150, loss: 0.16, rttMs: 520, cpuLimited: false },
    { availableKbps: 96, loss: 0.22, rttMs: 700, cpuLimited: false },
  ];

  it('degrades video step by step on a degrading link, then falls back to audio only', () => {
    const d = run(degrading);
    for (let i = 1; i < d.length; i++) {
      expect(d[i]!.maxBitrate).toBeLessThanOrEqual(d[i - 1]!.maxBitrate);
    }
    expect(d[0]!.video).toBe(true);
    expect(d[3]).toMatchObject({ video: true, reason: LimitReason.Loss });
    expect(d[3]!.scaleResolutionDownBy).toBeGreaterThan(1);
    expect(d.at(-1)).toMatchObject({ video: false });
    // Never more video than the link minus the voice's reserve.
    for (const [i, s] of degrading.entries()) {
      if (d[i]!.video) expect(d[i]!.maxBitrate).toBeLessThan(s.availableKbps! * 1000);
    }
  });

  it('brings video back by itself when the link recovers, with hysteresis', () => {
    const recovering: LinkMeasure[] = [
      { availableKbps: 90, loss: 0.2, rttMs: 650, cpuLimited: false },
      // Just above the audio-only line: not yet back (it would flap).
      { availableKbps: 170, loss: 0.02, rttMs: 240, cpuLimited: false },
      { availableKbps: 420, loss: 0.01, rttMs: 120, cpuLimited: false },
      { availableKbps: 900, loss: 0, rttMs: 40, cpuLimited: false },
      { availableKbps: 2_100, loss: 0, rttMs: 22, cpuLimited: false },
    ];
    const d = run(recovering);
    expect(d.map((x) => x.video)).toEqual([false, false, true, true, true]);
    expect(d[4]).toMatchObject({ scaleResolutionDownBy: 1, reason: LimitReason.None });
  });

  it('tries video again at a modest rate when told to, whatever an audio-only estimate says', () => {
    // Voice alone does not probe the path: its estimate stays where the bad spell left it.
    const stale: LinkMeasure = { availableKbps: 60, loss: 0, rttMs: 300, cpuLimited: false };
    const [off] = run([stale], { peers: 5 });
    expect(off!.video).toBe(false);
    const waiting = decideSend({
      peers: 5,
      source: SOURCE,
      screen: 'none',
      link: stale,
      previous: off,
    });
    expect(waiting.video).toBe(false);
    const tried = decideSend({
      peers: 5,
      source: SOURCE,
      screen: 'none',
      link: stale,
      previous: off,
      retryVideo: true,
    });
    expect(tried.video).toBe(true);
    expect(tried.maxBitrate).toBe(250_000);
    // While the estimate catches up it is not believed; afterwards it is, and pauses again.
    const ramping = {
      peers: 5,
      source: SOURCE,
      screen: 'none' as const,
      link: stale,
      previous: tried,
    };
    expect(decideSend({ ...ramping, estimateRamping: true }).video).toBe(true);
    expect(decideSend(ramping).video).toBe(false);
  });

  it('under CPU pressure sends fewer pixels and frames, never under 15 fps', () => {
    const cpu: LinkMeasure[] = [
      good,
      { ...good, cpuLimited: true },
      { ...good, cpuLimited: true },
      good,
    ];
    const d = run(cpu, { peers: 2 });
    expect(d[0]!.scaleResolutionDownBy).toBe(1);
    expect(d[1]).toMatchObject({ reason: LimitReason.Cpu, scaleResolutionDownBy: 2 });
    expect(d[1]!.maxFramerate).toBeLessThanOrEqual(20);
    expect(d[1]!.maxFramerate).toBeGreaterThanOrEqual(15);
    expect(d[3]!.scaleResolutionDownBy).toBe(1);
  });

  it('lets cameras yield to a shared screen', () => {
    const [plain] = run([good], { peers: 2 });
    const [sharing] = run([good], { peers: 2, screen: 'own' });
    const [watching] = run([good], { peers: 2, screen: 'other' });
    expect(sharing!.maxBitrate).toBeLessThan(plain!.maxBitrate / 2);
    expect(sharing!.screenMaxBitrate).toBeGreaterThan(sharing!.maxBitrate * 2);
    expect(sharing!.reason).toBe(LimitReason.Screen);
    expect(watching!.maxBitrate).toBeLessThan(plain!.maxBitrate);
  });

  it('follows what the receiver shows: small tile less, hidden least, the speaker more', () => {
    const [normal] = run([good], { peers: 3 });
    const [small] = run([good], {
      peers: 3,
      hint: { visible: true, height: 200, prominent: false },
    });
    const [hidden] = run([good], {
      peers: 3,
      hint: { visible: false, height: 0, prominent: false },
    });
    const [speaker] = run([good], {
      peers: 3,
      hint: { visible: true, height: 700, prominent: true },
    });
    expect(small!.maxBitrate).toBeLessThan(normal!.maxBitrate);
    expect(small!.scaleResolutionDownBy).toBeGreaterThan(normal!.scaleResolutionDownBy);
    expect(hidden!.maxBitrate).toBeLessThanOrEqual(150_000);
    expect(hidden!.maxFramerate).toBe(15);
    expect(hidden!.video).toBe(true);
    expect(speaker!.maxBitrate).toBeGreaterThan(normal!.maxBitrate);
  });

  it('asks for a new setParameters only when a limit really moves', () => {
    const [a] = run([good]);
    const [b] = run([{ ...good, availableKbps: 2_990 }]);
    expect(sameSend(a, b!)).toBe(true);
    expect(sameSend(a, run([{ ...good, cpuLimited: true }])[0]!)).toBe(false);
    expect(sameSend(undefined, a!)).toBe(false);
  });

  it('keeps the whole uplink within the goal when receivers show us large', () => {
    const prominent = { visible: true, height: 700, prominent: true };
    const small = { visible: true, height: 200, prominent: false };
    // Six people, all five others show us as the speaker: each asks for twice the share.
    const all = [1, 2, 3, 4, 5].map(() => run([good], { peers: 5, hint: prominent })[0]!);
    expect(all.reduce((sum, d) => sum + d.maxBitrate, 0)).toBeGreaterThan(2_200_000);
    const fitted = fitUplink(all, 720);
    expect(fitted.reduce((sum, d) => sum + d.maxBitrate, 0)).toBeLessThanOrEqual(2_200_000);
    for (const d of fitted) {
      expect(d.video).toBe(true);
      // 440 kbit/s carries 360 lines: no larger picture than that.
      expect(d.scaleResolutionDownBy).toBeGreaterThanOrEqual(2);
    }
    // One shows us large, four small: the large one keeps more, all within the goal.
    const mixed = [
      run([good], { peers: 5, hint: prominent })[0]!,
      ...[1, 2, 3, 4].map(() => run([good], { peers: 5, hint: small })[0]!),
    ];
    const fit = fitUplink(mixed, 720);
    expect(fit.reduce((sum, d) => sum + d.maxBitrate, 0)).toBeLessThanOrEqual(2_200_000);
    expect(fit[0]!.maxBitrate).toBeGreaterThan(fit[1]!.maxBitrate);
    // Within the budget: unchanged.
    const plain = [1, 2].map(() => run([good], { peers: 2 })[0]!);
    expect(fitUplink(plain, 720)).toEqual(plain);
  });

  it('does not follow an estimate that only follows its own limit down on a clean path', () => {
    // The browser starts its estimate at 300 kbit/s and, on a clean path, reports little more
    // than what is sent: a ceiling taken from it would shrink round after round.
    let previous: SendDecision | undefined;
    let estimate = 300;
    const limits: number[] = [];
    for (let round = 0; round < 8; round++) {
      previous = decideSend({
        peers: 1,
        source: SOURCE,
        screen: 'none',
        link: { availableKbps: estimate, loss: 0, rttMs: 20, cpuLimited: false },
        previous,
      });
      limits.push(previous.maxBitrate);
      estimate = previous.maxBitrate / 1000 + 40;
    }
    expect(limits.at(-1)).toBe(1_500_000);
    expect(Math.min(...limits)).toBe(1_500_000);
  });
});
