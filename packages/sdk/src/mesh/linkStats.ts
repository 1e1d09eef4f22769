/**
 * One reading of a connection's statistics turned into what a person (or the send policy) can
 * use: bit rates, frame rates, picture sizes, loss, round trip, codec, the candidate pair. Rates
 * come from the difference between two readings, so each reading keeps the counters it saw.
 */

/** What flows one way on a connection. */
export interface FlowSample {
  /** All media, kbit/s. */
  kbps: number;
  /** The busiest video stream (the camera, or a shared screen while one is sent). */
  fps: number;
  width: number;
  height: number;
  /** e.g. `VP8`, `opus` (video's when there is video). */
  codec: string | undefined;
  /** Fraction of packets lost (0..1): reported by the peer for what we send, counted for what we get. */
  loss: number;
}

/** A connection at one moment (see {@link readLinkStats}). */
export interface LinkSample {
  /** When it was read, ms (the clock given to readLinkStats). */
  at: number;
  /** Round trip of the candidate pair in use, ms. */
  rttMs: number | undefined;
  /** The browser's estimate of what can be sent on this connection, kbit/s. */
  availableOutgoingKbps: number | undefined;
  /** How the media travels: straight between the two, or through a TURN relay. */
  path: 'direct' | 'relay' | undefined;
  out: FlowSample & {
    /** Why the encoder sends less than asked: `none`, `bandwidth`, `cpu`, `other`. */
    qualityLimitation: string;
  };
  in: FlowSample & {
    /** Jitter of the received voice, ms. */
    jitterMs: number;
    /** Audio packets received since the last reading (0: no voice arrives). */
    audioPackets: number;
  };
}

/** Running totals of one reading, kept to compute the next one's rates. */
export interface LinkCounters {
  at: number;
  bytesSent: number;
  bytesReceived: number;
  /** By RTP stream id. */
  framesEncoded: Map<string, number>;
  framesDecoded: Map<string, number>;
  packetsLost: number;
  packetsReceived: number;
  audioPackets: number;
  /** Seconds spent limited by CPU, summed over video senders. */
  cpuLimitedS: number;
}

type Stat = Record<string, unknown>;

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/**
 * Reads one statistics report. `previous` is the last reading's counters (undefined the first
 * time: rates are then 0). Returns the sample and the counters for the next call, plus the
 * share (0..1) of the time since the last reading that a video sender was limited by CPU.
 */
export function readLinkStats(
  report: RTCStatsReport | Map<string, unknown>,
  at: number,
  previous: LinkCounters | undefined,
): { sample: LinkSample; counters: LinkCounters; cpuShare: number } {
  const byId = new Map<string, Stat>();
  report.forEach((s) => {
    const stat = s as Stat;
    byId.set(String(stat.id), stat);
  });
  const counters: LinkCounters = {
    at,
    bytesSent: 0,
    bytesReceived: 0,
    framesEncoded: new Map(),
    framesDecoded: new Map(),
    packetsLost: 0,
    packetsReceived: 0,
    audioPackets: 0,
    cpuLimitedS: 0,
  };
  const seconds = previous ? Math.max(0.001, (at - previous.at) / 1000) : 0;
  const rate = (now: number, before: number | undefined): number =>
    previous && before !== undefined ? Math.max(0, now - before) / seconds : 0;
  const codecOf = (s: Stat): string | undefined => {
    const codec = byId.get(String(s.codecId));
    const mime = typeof codec?.mimeType === 'string' ? codec.mimeType : undefined;
    return mime?.split('/')[1];
  };

  const out: LinkSample['out'] = {
    kbps: 0,
    fps: 0,
    width: 0,
    height: 0,
    codec: undefined,
    loss: 0,
    qualityLimitation: 'none',
  };
  const inn: LinkSample['in'] = {
    kbps: 0,
    fps: 0,
    width: 0,
    height: 0,
    codec: undefined,
    loss: 0,
    jitterMs: 0,
    audioPackets: 0,
  };
  let bestOut = -1;
  let bestIn = -1;
  let audioCodecIn: string | undefined;
  let audioCodecOut: string | undefined;
  let pairId: string | undefined;
  let remoteRtt: number | undefined;

  for (const s of byId.values()) {
    const id = String(s.id);
    switch (s.type) {
      case 'outbound-rtp': {
        counters.bytesSent += num(s.bytesSent) + num(s.headerBytesSent);
        if (s.kind === 'audio') {
          audioCodecOut ??= codecOf(s);
          break;
        }
        const frames = num(s.framesEncoded);
        counters.framesEncoded.set(id, frames);
        const durations = s.qualityLimitationDurations as Record<string, number> | undefined;
        counters.cpuLimitedS += num(durations?.cpu);
        const fps = rate(frames, previous?.framesEncoded.get(id));
        // The busiest video sender is the one a person would ask about.
        const busy = previous ? fps : num(s.framesPerSecond);
        if (busy > bestOut || (bestOut <= 0 && num(s.frameHeight) > out.height)) {
          bestOut = busy;
          out.fps = previous ? fps : num(s.framesPerSecond);
          out.width = num(s.frameWidth);
          out.height = num(s.frameHeight);
          out.codec = codecOf(s);
          if (typeof s.qualityLimitationReason === 'string') {
            out.qualityLimitation = s.qualityLimitationReason;
          }
        }
        break;
      }
      case 'inbound-rtp': {
        counters.bytesReceived += num(s.bytesReceived) + num(s.headerBytesReceived);
        counters.packetsLost += Math.max(0, num(s.packetsLost));
        counters.packetsReceived += num(s.packetsReceived);
        if (s.kind === 'audio') {
          counters.audioPackets += num(s.packetsReceived);
          inn.jitterMs = Math.max(inn.jitterMs, num(s.jitter) * 1000);
          audioCodecIn ??= codecOf(s);
          break;
        }
        const frames = num(s.framesDecoded);
        counters.framesDecoded.set(id, frames);
        const fps = rate(frames, previous?.framesDecoded.get(id));
        const busy = previous ? fps : num(s.framesPerSecond);
        if (busy > bestIn || (bestIn <= 0 && num(s.frameHeight) > inn.height)) {
          bestIn = busy;
          inn.fps = previous ? fps : num(s.framesPerSecond);
          inn.width = num(s.frameWidth);
          inn.height = num(s.frameHeight);
          inn.codec = codecOf(s);
        }
        break;
      }
      case 'remote-inbound-rtp': {
        // What the peer says it lost of ours, over its last report interval.
        out.loss = Math.max(out.loss, Math.min(1, Math.max(0, num(s.fractionLost))));
        if (typeof s.roundTripTime === 'number') remoteRtt = s.roundTripTime * 1000;
        break;
      }
      case 'transport':
        if (typeof s.selectedCandidatePairId === 'string') pairId = s.selectedCandidatePairId;
        break;
      default:
        break;
    }
  }
  pairId ??= [...byId.values()].find(
    (s) =>
      s.type === 'candidate-pair' &&
      (s.selected === true || (s.nominated === true && s.state === 'succeeded')),
  )?.id as string | undefined;
  const pair = pairId ? byId.get(pairId) : undefined;
  const local = pair ? byId.get(String(pair.localCandidateId)) : undefined;
  const remote = pair ? byId.get(String(pair.remoteCandidateId)) : undefined;
  const rttS =
    pair && typeof pair.currentRoundTripTime === 'number' ? pair.currentRoundTripTime : undefined;
  const available =
    pair && typeof pair.availableOutgoingBitrate === 'number'
      ? pair.availableOutgoingBitrate / 1000
      : undefined;

  out.kbps = (rate(counters.bytesSent, previous?.bytesSent) * 8) / 1000;
  inn.kbps = (rate(counters.bytesReceived, previous?.bytesReceived) * 8) / 1000;
  out.codec ??= audioCodecOut;
  inn.codec ??= audioCodecIn;
  if (previous) {
    const lost = Math.max(0, counters.packetsLost - previous.packetsLost);
    const got = Math.max(0, counters.packetsReceived - previous.packetsReceived);
    inn.loss = lost + got > 0 ? lost / (lost + got) : 0;
    inn.audioPackets = Math.max(0, counters.audioPackets - previous.audioPackets);
  }
  const cpuShare = previous
    ? Math.min(1, Math.max(0, counters.cpuLimitedS - previous.cpuLimitedS) / seconds)
    : out.qualityLimitation === 'cpu'
      ? 1
      : 0;
  const relayed = local?.candidateType === 'relay' || remote?.candidateType === 'relay';
  return {
    sample: {
      at,
      rttMs: rttS !== undefined ? rttS * 1000 : remoteRtt,
      availableOutgoingKbps: available,
      path: local ? (relayed ? 'relay' : 'direct') : undefined,
      out,
      in: inn,
    },
    counters,
    cpuShare,
  };
}
