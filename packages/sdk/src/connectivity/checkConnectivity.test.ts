import { PROTOCOL_V1, type IceServer } from '@zvonok/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { PeerConnectionConstructor, WebSocketConstructor } from '../types.js';
import { ConnectivityReason, checkConnectivity } from './checkConnectivity.js';

/** What the scripted signaling server does. */
interface ServerScript {
  /** Refuse the connection (a closed port, another origin). */
  refuse?: boolean;
  /** Answer to `ice-servers` before join; undefined: never answer. */
  iceServers?: IceServer[];
  /** The first frame, instead of client-id. */
  greeting?: string;
}

/** A WebSocket whose server side follows `script`; records what the client sent. */
function scriptedSocket(script: ServerScript, log: { sent: string[]; protocols: unknown[] }) {
  return class extends EventTarget {
    readyState = 0;
    constructor(_url: string, protocols?: string | string[]) {
      super();
      log.protocols.push(protocols);
      setTimeout(() => {
        if (script.refuse) {
          this.dispatchEvent(new Event('error'));
          this.#close(1006);
          return;
        }
        this.readyState = 1;
        this.dispatchEvent(new Event('open'));
        this.#deliver(script.greeting ?? JSON.stringify({ type: 'client-id', id: 'me' }));
      }, 1);
    }
    send(data: string): void {
      log.sent.push(data);
      const message = JSON.parse(data) as { type: string };
      if (message.type === 'ice-servers' && script.iceServers !== undefined) {
        const answer = { type: 'ice-servers', iceServers: script.iceServers, expireAt: 1 };
        setTimeout(() => this.#deliver(JSON.stringify(answer)), 1);
      }
    }
    close(code = 1000): void {
      this.#close(code);
    }
    #deliver(data: string): void {
      if (this.readyState === 1) this.dispatchEvent(new MessageEvent('message', { data }));
    }
    #close(code: number): void {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.dispatchEvent(Object.assign(new Event('close'), { code }));
    }
  } as unknown as WebSocketConstructor;
}

/** What a scripted peer connection emits after setLocalDescription, by its transport policy. */
type IceEvent = { candidate: string } | { error: number; url: string } | { complete: true };

function scriptedPeerConnection(
  scripts: { stun: IceEvent[]; relay: IceEvent[] },
  made: { config: RTCConfiguration; closed: boolean }[],
) {
  return class extends EventTarget {
    iceGatheringState: RTCIceGatheringState = 'new';
    readonly #record: { config: RTCConfiguration; closed: boolean };
    constructor(readonly config: RTCConfiguration) {
      super();
      this.#record = { config, closed: false };
      made.push(this.#record);
    }
    createDataChannel(): object {
      return {};
    }
    createOffer(): Promise<RTCSessionDescriptionInit> {
      return Promise.resolve({ type: 'offer', sdp: 'v=0' });
    }
    setLocalDescription(): Promise<void> {
      const events = this.config.iceTransportPolicy === 'relay' ? scripts.relay : scripts.stun;
      this.iceGatheringState = 'gathering';
      events.forEach((e, i) =>
        setTimeout(
          () => {
            if (this.#record.closed) return;
            if ('candidate' in e) {
              const candidate = { candidate: e.candidate };
              this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate }));
            } else if ('error' in e) {
              const init = { errorCode: e.error, errorText: 'x', url: e.url };
              this.dispatchEvent(Object.assign(new Event('icecandidateerror'), init));
            } else {
              this.iceGatheringState = 'complete';
              this.dispatchEvent(new Event('icegatheringstatechange'));
            }
          },
          2 * (i + 1),
        ),
      );
      return Promise.resolve();
    }
    close(): void {
      this.#record.closed = true;
    }
  } as unknown as PeerConnectionConstructor;
}

const STUN = { urls: ['stun:stun.test:3478'] };
const TURN = { urls: ['turn:turn.test:3478'], username: '1:me', credential: 'c' };
const host = { candidate: 'candidate:1 1 udp 2122 192.0.2.2 5000 typ host generation 0' };
const srflx = { candidate: 'candidate:2 1 udp 1677 203.0.113.9 6000 typ srflx raddr 0.0.0.0' };
const relay = { candidate: 'candidate:3 1 udp 5033 198.51.100.7 49160 typ relay raddr 0.0.0.0' };
const complete = { complete: true } as const;

async function run(
  server: ServerScript,
  scripts: { stun: IceEvent[]; relay: IceEvent[] },
  timeoutMs = 500,
) {
  const log = { sent: [] as string[], protocols: [] as unknown[] };
  const made: { config: RTCConfiguration; closed: boolean }[] = [];
  const report = await checkConnectivity({
    signalingUrl: 'ws://test/ws',
    timeoutMs,
    WebSocket: scriptedSocket(server, log),
    RTCPeerConnection: scriptedPeerConnection(scripts, made),
  });
  return { report, log, made };
}

describe('checkConnectivity', () => {
  it('reports all three ok, asking for ICE servers in v1 without joining, and cleans up', async () => {
    const { report, log, made } = await run(
      { iceServers: [STUN, TURN] },
      { stun: [host, srflx, complete], relay: [relay, complete] },
    );
    expect(report.signaling).toMatchObject({ status: 'ok', reason: ConnectivityReason.Reachable });
    expect(report.stun).toMatchObject({ status: 'ok', reason: ConnectivityReason.Srflx });
    expect(report.turn).toMatchObject({ status: 'ok', reason: ConnectivityReason.Relay });
    expect(log.protocols).toEqual([PROTOCOL_V1]);
    expect(log.sent.map((s) => (JSON.parse(s) as { type: string }).type)).toEqual(['ice-servers']);
    // STUN is checked with the STUN server alone; TURN relay-only, with its credentials.
    const stunPc = made.find((m) => m.config.iceTransportPolicy !== 'relay')!;
    const turnPc = made.find((m) => m.config.iceTransportPolicy === 'relay')!;
    expect(stunPc.config.iceServers).toEqual([STUN]);
    expect(turnPc.config.iceServers).toEqual([TURN]);
    expect(made.every((m) => m.closed)).toBe(true);
  });

  it('says the relay refused us when TURN answers 401 (wrong secret)', async () => {
    const { report } = await run(
      { iceServers: [STUN, TURN] },
      {
        stun: [host, srflx, complete],
        relay: [{ error: 401, url: 'turn:turn.test:3478' }, complete],
      },
    );
    expect(report.stun.status).toBe('ok');
    expect(report.turn).toMatchObject({ status: 'failed', reason: ConnectivityReason.Rejected });
    expect(report.turn.detail).toContain('401');
  });

  it('tells an unreachable relay (no answer) from a refusing one', async () => {
    const { report } = await run(
      { iceServers: [TURN] },
      { stun: [], relay: [{ error: 701, url: 'turn:turn.test:3478' }, complete] },
    );
    expect(report.turn).toMatchObject({ status: 'failed', reason: ConnectivityReason.Unreachable });
    expect(report.stun).toMatchObject({
      status: 'skipped',
      reason: ConnectivityReason.NotConfigured,
    });
  });

  it('times out a relay that never answers, at the time allowed', async () => {
    vi.useFakeTimers();
    try {
      let settled = false;
      const running = run({ iceServers: [TURN] }, { stun: [], relay: [] }, 5_000).then((r) => {
        settled = true;
        return r;
      });
      // The signaling round trip takes a few (fake) milliseconds, the relay all it is allowed.
      await vi.advanceTimersByTimeAsync(4_990);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(50);
      expect(settled).toBe(true);
      const { report } = await running;
      expect(report.turn).toMatchObject({ status: 'failed', reason: ConnectivityReason.Timeout });
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts a STUN answer without a new address as working (no NAT on the way)', async () => {
    const { report } = await run({ iceServers: [STUN] }, { stun: [host, complete], relay: [] });
    expect(report.stun).toMatchObject({ status: 'ok', reason: ConnectivityReason.SameAddress });
    expect(report.turn.reason).toBe(ConnectivityReason.NotConfigured);
  });

  it('reports STUN failed when its server errs', async () => {
    const { report } = await run(
      { iceServers: [STUN] },
      { stun: [host, { error: 701, url: 'stun:stun.test:3478' }, complete], relay: [] },
    );
    expect(report.stun).toMatchObject({ status: 'failed', reason: ConnectivityReason.Unreachable });
  });

  it('skips STUN and TURN when signaling cannot be reached', async () => {
    const { report, made } = await run({ refuse: true }, { stun: [], relay: [] });
    expect(report.signaling).toMatchObject({
      status: 'failed',
      reason: ConnectivityReason.Unreachable,
    });
    expect(report.stun.reason).toBe(ConnectivityReason.SignalingFailed);
    expect(report.turn.reason).toBe(ConnectivityReason.SignalingFailed);
    expect(made).toEqual([]);
  });

  it('calls a server that does not speak the protocol a protocol failure', async () => {
    const { report } = await run({ greeting: 'hello' }, { stun: [], relay: [] });
    expect(report.signaling).toMatchObject({
      status: 'failed',
      reason: ConnectivityReason.Protocol,
    });
  });

  it('times out a server that greets but never answers ice-servers', async () => {
    const { report } = await run({}, { stun: [], relay: [] }, 100);
    expect(report.signaling).toMatchObject({
      status: 'failed',
      reason: ConnectivityReason.Protocol,
    });
  });
});
