/**
 * What one person's page sends and receives at one moment, from getStats() of every peer
 * connection the collector kept: bytes sent (all media, headers included), and per remote
 * stream the frames decoded (video) or the samples played and concealed (voice).
 */
import type { Page } from '@playwright/test';
import { PROBE, type E2EProbe } from '../../e2e/support/collector.js';

/** Counters of one page. */
export interface PageCounters {
  at: number;
  bytesSent: number;
  /** framesDecoded by inbound video stream id. */
  frames: Record<string, number>;
  /** By inbound audio stream id: samples received and those concealed (lost or late voice). */
  voice: Record<string, { samples: number; concealed: number }>;
  connected: number;
}

export function readCounters(page: Page): Promise<PageCounters> {
  return page.evaluate(async (probeName) => {
    const probe = (window as unknown as Record<string, E2EProbe | undefined>)[probeName];
    if (!probe) throw new Error('no collector');
    const out: PageCounters = {
      at: performance.now(),
      bytesSent: 0,
      frames: {},
      voice: {},
      connected: 0,
    };
    for (const [i, pc] of probe.pcs.entries()) {
      if (pc.connectionState !== 'connected') continue;
      out.connected++;
      const report = await pc.getStats();
      report.forEach((s: Record<string, unknown>) => {
        const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
        const id = `${i}:${String(s.id)}`;
        if (s.type === 'outbound-rtp') out.bytesSent += n(s.bytesSent) + n(s.headerBytesSent);
        if (s.type === 'inbound-rtp' && s.kind === 'video') out.frames[id] = n(s.framesDecoded);
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          out.voice[id] = { samples: n(s.totalSamplesReceived), concealed: n(s.concealedSamples) };
        }
      });
    }
    return out;
  }, PROBE);
}

/** One person over a window: uplink, the frame rate of each remote video, voice concealed. */
export interface WindowFigures {
  uplinkMbps: number;
  /** Frames per second of each remote video that was decoding at the start of the window. */
  fps: number[];
  /** Largest share of a remote voice's samples concealed in the window (0: never interrupted). */
  worstConcealed: number;
}

export function figures(a: PageCounters, b: PageCounters): WindowFigures {
  const s = (b.at - a.at) / 1000;
  // Streams that decode (a connection's screen receiver has a stream with no frames).
  const fps = Object.keys(a.frames)
    .filter((id) => (a.frames[id] ?? 0) > 0)
    .map((id) => ((b.frames[id] ?? 0) - (a.frames[id] ?? 0)) / s);
  let worstConcealed = 0;
  for (const [id, v] of Object.entries(b.voice)) {
    const before = a.voice[id] ?? { samples: 0, concealed: 0 };
    const samples = v.samples - before.samples;
    const concealed = v.concealed - before.concealed;
    if (samples > 0) worstConcealed = Math.max(worstConcealed, concealed / samples);
  }
  return { uplinkMbps: ((b.bytesSent - a.bytesSent) * 8) / s / 1e6, fps, worstConcealed };
}
