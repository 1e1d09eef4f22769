import { describe, expect, it } from 'vitest';
import type { LinkSample } from '../mesh/linkStats.js';
import { LimitReason, type SendDecision } from '../mesh/SendPolicy.js';
import {
  QualityFilter,
  QualityLevel,
  QualityReason,
  peerQuality,
  uplinkQuality,
} from './linkQuality.js';

function sample(
  over: { rtt?: number; loss?: number; fps?: number; kbps?: number; jitter?: number } = {},
): LinkSample {
  const flow = {
    kbps: over.kbps ?? 500,
    fps: over.fps ?? 20,
    width: 320,
    height: 180,
    codec: 'VP8',
    loss: over.loss ?? 0,
  };
  return {
    at: 0,
    rttMs: over.rtt ?? 30,
    availableOutgoingKbps: 1000,
    path: 'direct',
    out: { ...flow, loss: 0, qualityLimitation: 'none' },
    in: { ...flow, jitterMs: over.jitter ?? 5, audioPackets: 100 },
  };
}
const base = { connected: true, expectVideo: true, theirVideoPaused: false, ours: undefined };
const decision = (d: Partial<SendDecision>): SendDecision => ({
  video: true,
  maxBitrate: 400_000,
  scaleResolutionDownBy: 2,
  maxFramerate: 30,
  screenMaxBitrate: 0,
  reason: LimitReason.None,
  ...d,
});

describe('peerQuality', () => {
  it('grades round trip, loss, jitter and frame rate', () => {
    expect(peerQuality({ ...base, sample: sample() }).level).toBe(QualityLevel.Good);
    expect(peerQuality({ ...base, sample: sample({ rtt: 350 }) })).toEqual({
      level: QualityLevel.Fair,
      reason: QualityReason.Latency,
    });
    expect(peerQuality({ ...base, sample: sample({ loss: 0.05 }) })).toEqual({
      level: QualityLevel.Fair,
      reason: QualityReason.Loss,
    });
    expect(peerQuality({ ...base, sample: sample({ loss: 0.2 }) })).toEqual({
      level: QualityLevel.Poor,
      reason: QualityReason.Loss,
    });
    expect(peerQuality({ ...base, sample: sample({ jitter: 80 }) }).reason).toBe(
      QualityReason.Jitter,
    );
    expect(peerQuality({ ...base, sample: sample({ fps: 8 }) }).reason).toBe(
      QualityReason.LowFrameRate,
    );
    // A frozen link: camera on, nothing arrives.
    expect(peerQuality({ ...base, sample: sample({ fps: 0, kbps: 3 }) })).toEqual({
      level: QualityLevel.Poor,
      reason: QualityReason.NoVideo,
    });
    // Camera off: no frames is fine.
    expect(
      peerQuality({ ...base, expectVideo: false, sample: sample({ fps: 0, kbps: 30 }) }).level,
    ).toBe(QualityLevel.Good);
  });

  it('says why video is paused, on both sides', () => {
    expect(peerQuality({ ...base, sample: sample(), theirVideoPaused: true }).reason).toBe(
      QualityReason.TheirVideoPaused,
    );
    expect(peerQuality({ ...base, sample: sample(), ours: decision({ video: false }) })).toEqual({
      level: QualityLevel.Poor,
      reason: QualityReason.OurVideoPaused,
    });
    // A lossy link that paused our video says so first (the tile's notice depends on it).
    expect(
      peerQuality({ ...base, sample: sample({ loss: 0.3 }), ours: decision({ video: false }) })
        .reason,
    ).toBe(QualityReason.OurVideoPaused);
    expect(peerQuality({ ...base, sample: undefined, connected: false }).reason).toBe(
      QualityReason.Reconnecting,
    );
  });
});

describe('uplinkQuality', () => {
  it('is limited when the upload holds video back, busy under CPU pressure', () => {
    expect(uplinkQuality([decision({}), decision({})], false).level).toBe(QualityLevel.Good);
    expect(
      uplinkQuality([decision({ reason: LimitReason.Bandwidth }), decision({})], false),
    ).toEqual({ level: QualityLevel.Fair, reason: QualityReason.UploadLimited });
    expect(uplinkQuality([decision({ video: false })], false).level).toBe(QualityLevel.Poor);
    expect(uplinkQuality([decision({})], true).reason).toBe(QualityReason.DeviceBusy);
  });
});

describe('QualityFilter', () => {
  it('gets worse at once and better only after two readings', () => {
    const f = new QualityFilter();
    const poor = { level: QualityLevel.Poor, reason: QualityReason.Loss };
    const good = { level: QualityLevel.Good, reason: QualityReason.None };
    expect(f.push(poor)).toBe(poor);
    expect(f.push(good)).toBe(poor);
    expect(f.push(good)).toBe(good);
  });
});
