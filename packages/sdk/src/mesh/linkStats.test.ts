import { describe, expect, it } from 'vitest';
import { parseHint } from './HintChannel.js';
import { readLinkStats } from './linkStats.js';

/** A Chromium report reduced to what readLinkStats reads (values as seen in a real call). */
function report(
  t: number,
  over: { sent: number; recv: number; enc: number; dec: number; lost: number; cpu: number },
) {
  const stats = [
    { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
    {
      id: 'CP',
      type: 'candidate-pair',
      localCandidateId: 'L',
      remoteCandidateId: 'R',
      currentRoundTripTime: 0.042,
      availableOutgoingBitrate: 1_234_000,
    },
    { id: 'L', type: 'local-candidate', candidateType: 'relay' },
    { id: 'R', type: 'remote-candidate', candidateType: 'host' },
    { id: 'CV', type: 'codec', mimeType: 'video/VP8' },
    {
      id: 'OV',
      type: 'outbound-rtp',
      kind: 'video',
      codecId: 'CV',
      bytesSent: over.sent,
      framesEncoded: over.enc,
      frameWidth: 640,
      frameHeight: 360,
      qualityLimitationReason: 'cpu',
      qualityLimitationDurations: { cpu: over.cpu, none: 1 },
    },
    {
      id: 'RI',
      type: 'remote-inbound-rtp',
      kind: 'video',
      fractionLost: 0.05,
      roundTripTime: 0.05,
    },
    {
      id: 'IV',
      type: 'inbound-rtp',
      kind: 'video',
      codecId: 'CV',
      bytesReceived: over.recv,
      framesDecoded: over.dec,
      frameWidth: 320,
      frameHeight: 180,
      packetsLost: over.lost,
      packetsReceived: 1000 + t,
    },
    {
      id: 'IA',
      type: 'inbound-rtp',
      kind: 'audio',
      bytesReceived: 0,
      packetsReceived: 50 * t,
      jitter: 0.012,
      packetsLost: 0,
    },
  ];
  return new Map(stats.map((s) => [s.id, s]));
}

describe('readLinkStats', () => {
  it('turns two readings into rates, sizes, loss, round trip, path and codec', () => {
    const first = readLinkStats(
      report(0, { sent: 0, recv: 0, enc: 0, dec: 0, lost: 0, cpu: 0 }),
      0,
      undefined,
    );
    expect(first.sample.out.kbps).toBe(0);
    const { sample, cpuShare } = readLinkStats(
      report(2, { sent: 250_000, recv: 100_000, enc: 60, dec: 40, lost: 10, cpu: 1.5 }),
      2_000,
      first.counters,
    );
    expect(sample.out.kbps).toBe(1_000);
    expect(sample.in.kbps).toBe(400);
    expect(sample.out.fps).toBe(30);
    expect(sample.in.fps).toBe(20);
    expect(sample.in).toMatchObject({
      width: 320,
      height: 180,
      codec: 'VP8',
      jitterMs: 12,
      audioPackets: 100,
    });
    expect(sample.out).toMatchObject({
      width: 640,
      height: 360,
      loss: 0.05,
      qualityLimitation: 'cpu',
    });
    expect(sample.rttMs).toBe(42);
    expect(sample.availableOutgoingKbps).toBe(1_234);
    expect(sample.path).toBe('relay');
    expect(sample.in.loss).toBeCloseTo(10 / (10 + 102), 5);
    expect(cpuShare).toBe(0.75);
  });
});

describe('parseHint', () => {
  it('accepts the two messages and nothing else', () => {
    expect(parseHint('{"v":1,"video":false}')).toEqual({ v: 1, video: false });
    expect(parseHint('{"v":1,"view":{"visible":true,"height":360.4,"prominent":false}}')).toEqual({
      v: 1,
      view: { visible: true, height: 360, prominent: false },
    });
    for (const bad of [
      '',
      'nope',
      '{"v":2,"video":true}',
      '{"v":1,"view":{"visible":1}}',
      '{"v":1,"view":{"visible":true,"height":-1,"prominent":false}}',
      'x'.repeat(600),
      42,
      null,
    ]) {
      expect(parseHint(bad)).toBeUndefined();
    }
  });
});
