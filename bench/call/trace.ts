/**
 * A diagnostic trace of the app's join path, for finding where set-up time goes
 * (`BENCH_TRACE=1 npm run bench:call`): an init script that timestamps, without any hook in the
 * app, the signaling socket (created, open, each message type sent and received) and every peer
 * connection (created, descriptions set, ICE and connection states, tracks). Off by default: the
 * figures are measured without it.
 */
import type { Page } from '@playwright/test';

/** One traced event: ms since the epoch, and what happened. */
export type TraceEvent = [at: number, what: string];

const TRACE = '__zvonokBenchTrace';

/** Runs in the page before its scripts (serialized by Playwright: self-contained). */
function installTrace(name: string): void {
  const w = window as unknown as Record<string, unknown>;
  if (w[name]) return;
  const events: TraceEvent[] = [];
  Object.defineProperty(window, name, { value: events, enumerable: false });
  const now = (): number => performance.timeOrigin + performance.now();
  const log = (what: string): void => void events.push([now(), what]);
  const typeOf = (data: unknown): string => {
    if (typeof data !== 'string') return 'binary';
    try {
      const m = JSON.parse(data) as { type?: string; to?: string; from?: string };
      const peer = m.to ?? m.from;
      return `${m.type ?? '?'}${peer ? ` ${peer.slice(0, 6)}` : ''}`;
    } catch {
      return 'text';
    }
  };

  const NativeWs = window.WebSocket;
  class TracedWebSocket extends NativeWs {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      log('ws: new');
      this.addEventListener('open', () => log('ws: open'));
      this.addEventListener('message', (e: MessageEvent) => log(`ws <- ${typeOf(e.data)}`));
      this.addEventListener('close', () => log('ws: close'));
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      log(`ws -> ${typeOf(data)}`);
      super.send(data);
    }
  }
  Object.defineProperty(TracedWebSocket, 'name', { value: 'WebSocket' });
  window.WebSocket = TracedWebSocket;

  const md = navigator.mediaDevices as MediaDevices | undefined;
  if (md?.getUserMedia) {
    const nativeGum = md.getUserMedia.bind(md);
    md.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      log(`gum: ask ${JSON.stringify(constraints)}`);
      const stream = await nativeGum(constraints);
      log('gum: got');
      return stream;
    };
  }
  // The first frame each local preview shows (videos outside remote tiles).
  const seen = new WeakSet<HTMLVideoElement>();
  const scan = (): void => {
    document.querySelectorAll('video').forEach((video) => {
      if (seen.has(video) || video.closest('[data-peer-id]')) return;
      seen.add(video);
      video.requestVideoFrameCallback(() => log('local preview: first frame'));
    });
  };
  addEventListener('DOMContentLoaded', () => {
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
    scan();
  });

  const NativePc = window.RTCPeerConnection;
  let count = 0;
  class TracedPeerConnection extends NativePc {
    constructor(config?: RTCConfiguration) {
      super(config);
      const id = `pc${count++}`;
      const at = (what: string): void => log(`${id}: ${what}`);
      at('new');
      this.addEventListener('negotiationneeded', () => at('negotiationneeded'));
      this.addEventListener('signalingstatechange', () => at(`signaling ${this.signalingState}`));
      this.addEventListener('icegatheringstatechange', () =>
        at(`gathering ${this.iceGatheringState}`),
      );
      this.addEventListener('iceconnectionstatechange', () => at(`ice ${this.iceConnectionState}`));
      this.addEventListener('connectionstatechange', () =>
        at(`connection ${this.connectionState}`),
      );
      this.addEventListener('track', (e) => at(`track ${e.track.kind}`));
    }
  }
  Object.defineProperty(TracedPeerConnection, 'name', { value: 'RTCPeerConnection' });
  window.RTCPeerConnection = TracedPeerConnection;
}

/** Traces every page this page's context opens after this call (install before `goto`). */
export async function installTraceScript(page: Page): Promise<void> {
  await page.addInitScript(installTrace, TRACE);
}

/** The page's trace so far. */
export async function readTrace(page: Page): Promise<TraceEvent[]> {
  return page.evaluate((name) => {
    const w = window as unknown as Record<string, TraceEvent[] | undefined>;
    return w[name] ?? [];
  }, TRACE);
}

/** The trace as lines of "+ms  what", relative to `from` (e.g. the click). */
export function formatTrace(who: string, events: readonly TraceEvent[], from: number): string {
  return events
    .map(([at, what]) => `${who.padEnd(4)} +${(at - from).toFixed(0).padStart(5)} ms  ${what}`)
    .join('\n');
}

/**
 * A one-off look at each connection's video at the end of a traced run: key frames asked for and
 * sent, frames decoded, encoder limits. Says whether first frames waited for a key frame.
 */
export async function videoStatsSummary(page: Page): Promise<string[]> {
  return page.evaluate(async (probeName) => {
    const w = window as unknown as Record<string, { pcs: RTCPeerConnection[] }>;
    const probe = w[probeName];
    const out: string[] = [];
    for (const [i, pc] of (probe?.pcs ?? []).entries()) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((s: Record<string, unknown>) => {
        if (s.kind !== 'video') return;
        if (s.type === 'inbound-rtp' && Number(s.packetsReceived ?? 0) > 0) {
          out.push(
            `pc${i} in: decoded ${String(s.framesDecoded)} keyframes ${String(s.keyFramesDecoded)} pli ${String(s.pliCount)} fir ${String(s.firCount)} nack ${String(s.nackCount)}`,
          );
        }
        if (s.type === 'outbound-rtp' && Number(s.framesEncoded ?? 0) > 0) {
          out.push(
            `pc${i} out: encoded ${String(s.framesEncoded)} keyframes ${String(s.keyFramesEncoded)} pli ${String(s.pliCount)} fir ${String(s.firCount)} ${String(s.frameWidth)}x${String(s.frameHeight)} limit ${String(s.qualityLimitationReason)} ${String(s.encoderImplementation)}`,
          );
        }
      });
    }
    return out;
  }, '__zvonokE2EProbe');
}
