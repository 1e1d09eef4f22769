/**
 * A connectivity check for the lobby: can this browser reach the signaling server, learn its
 * public address from STUN, and get a relay from TURN? Each answered separately, in words an app
 * can show ("the relay refused our credentials"), before anyone joins a call.
 *
 * TURN credentials come from the signaling server like a call's do, but without joining a room:
 * a v1 connection may send `ice-servers` before `join` and gets what the server offers, with
 * credentials for its own connection id. The connection is closed right after.
 */
import { PROTOCOL_V1, parseServerMessage, type IceServer } from '@zvonok/protocol';
import { isTurnUrl } from './TurnCredentials.js';
import type { PeerConnectionConstructor, WebSocketConstructor } from '../types.js';
import { gatherCandidates } from './gatherCandidates.js';

/** The outcome of one part of the check. */
export type CheckStatus = 'ok' | 'failed' | 'skipped';

/** Why a part of the check came out as it did (stable codes; apps map them to words). */
export enum ConnectivityReason {
  /** ok (signaling): the server answered in our protocol. */
  Reachable = 'reachable',
  /** ok (STUN): a server-reflexive candidate, i.e. our address as the internet sees it. */
  Srflx = 'srflx',
  /**
   * ok (STUN): the server answered, and our address as it sees it is one we already have (no
   * address translation on the way, or a test network), so no separate candidate came.
   */
  SameAddress = 'same-address',
  /** ok (TURN): the relay gave us an address (a relayed candidate). */
  Relay = 'relay',
  /** failed: no connection could be made, or the server never answered. */
  Unreachable = 'unreachable',
  /** failed: no answer within the time allowed. */
  Timeout = 'timeout',
  /** failed (signaling): something answered, but not a Zvonok signaling server. */
  Protocol = 'protocol',
  /** failed (TURN): the relay answered and refused our credentials (e.g. a wrong secret). */
  Rejected = 'rejected',
  /** skipped: the server offers no STUN or no TURN server. */
  NotConfigured = 'not-configured',
  /** skipped: signaling failed, so the ICE servers are not known. */
  SignalingFailed = 'signaling-failed',
  /** skipped: this browser has no RTCPeerConnection (or WebSocket). */
  Unsupported = 'unsupported',
}

/** One part of the check. */
export interface CheckResult {
  readonly status: CheckStatus;
  readonly reason: ConnectivityReason;
  /** Technical detail for logs and bug reports (error codes), never shown as the message. */
  readonly detail?: string;
  /** How long this part took, ms. */
  readonly durationMs: number;
}

/** What {@link checkConnectivity} found. */
export interface ConnectivityReport {
  /** The signaling server (WebSocket `/ws`): needed for any call. */
  readonly signaling: CheckResult;
  /** STUN: direct connections through NATs. */
  readonly stun: CheckResult;
  /** TURN: the relay, needed behind strict firewalls and for relay-only calls. */
  readonly turn: CheckResult;
}

/** Options of {@link checkConnectivity}. */
export interface ConnectivityCheckOptions {
  /** The signaling endpoint, e.g. `wss://host/ws` (the same as the Call's). */
  signalingUrl: string;
  /** Time allowed for each part, ms. Default 8 s (STUN and TURN run at the same time). */
  timeoutMs?: number;
  /** WebSocket implementation (tests). Default: the global one. */
  WebSocket?: WebSocketConstructor;
  /** RTCPeerConnection implementation (tests). Default: the global one. */
  RTCPeerConnection?: PeerConnectionConstructor;
}

const DEFAULT_TIMEOUT_MS = 8_000;

/**
 * Checks signaling, STUN and TURN, and reports each as ok, failed or skipped with a reason.
 * Never throws; takes at most about two timeouts.
 */
export async function checkConnectivity(
  options: ConnectivityCheckOptions,
): Promise<ConnectivityReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signaling = await fetchIceServers(options, timeoutMs);
  if (signaling.servers === undefined) {
    const skipped = skip(ConnectivityReason.SignalingFailed);
    return { signaling: signaling.result, stun: skipped, turn: skipped };
  }
  const PeerConnection = options.RTCPeerConnection ?? globalThis.RTCPeerConnection;
  if (typeof PeerConnection !== 'function') {
    const skipped = skip(ConnectivityReason.Unsupported);
    return { signaling: signaling.result, stun: skipped, turn: skipped };
  }
  const stunServers = withUrls(signaling.servers, (url) => /^stuns?:/i.test(url));
  const turnServers = withUrls(signaling.servers, isTurnUrl);
  const [stun, turn] = await Promise.all([
    stunServers.length === 0
      ? skip(ConnectivityReason.NotConfigured)
      : checkStun(PeerConnection, stunServers, timeoutMs),
    turnServers.length === 0
      ? skip(ConnectivityReason.NotConfigured)
      : checkTurn(PeerConnection, turnServers, timeoutMs),
  ]);
  return { signaling: signaling.result, stun, turn };
}

function skip(reason: ConnectivityReason): CheckResult {
  return { status: 'skipped', reason, durationMs: 0 };
}

/** The servers (keeping their credentials) with only the URLs that pass `keep`. */
function withUrls(servers: readonly IceServer[], keep: (url: string) => boolean): RTCIceServer[] {
  const out: RTCIceServer[] = [];
  for (const server of servers) {
    const urls = (Array.isArray(server.urls) ? server.urls : [server.urls]).filter(keep);
    if (urls.length > 0) out.push({ ...server, urls });
  }
  return out;
}

/** Connects to signaling, asks for the ICE servers before joining, and closes. */
function fetchIceServers(
  options: ConnectivityCheckOptions,
  timeoutMs: number,
): Promise<{ result: CheckResult; servers?: IceServer[] }> {
  const started = Date.now();
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const result = (status: CheckStatus, reason: ConnectivityReason, detail?: string) => ({
    status,
    reason,
    ...(detail !== undefined && { detail }),
    durationMs: Date.now() - started,
  });
  if (typeof Socket !== 'function') {
    return Promise.resolve({ result: result('skipped', ConnectivityReason.Unsupported) });
  }
  return new Promise((resolve) => {
    let ws: WebSocket;
    let settled = false;
    let greeted = false;
    const finish = (outcome: { result: CheckResult; servers?: IceServer[] }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        ws.close(1000);
      } catch {
        // Already closed.
      }
      resolve(outcome);
    };
    const timer = setTimeout(
      () =>
        finish({
          result: result(
            'failed',
            greeted ? ConnectivityReason.Protocol : ConnectivityReason.Timeout,
            greeted ? 'no answer to ice-servers' : 'no client-id',
          ),
        }),
      timeoutMs,
    );
    try {
      ws = new Socket(options.signalingUrl, PROTOCOL_V1);
    } catch (err) {
      clearTimeout(timer);
      resolve({ result: result('failed', ConnectivityReason.Unreachable, String(err)) });
      return;
    }
    ws.addEventListener('close', (e) =>
      finish({
        result: result('failed', ConnectivityReason.Unreachable, `closed ${e.code}`),
      }),
    );
    ws.addEventListener('message', (e: MessageEvent) => {
      const parsed = parseServerMessage(typeof e.data === 'string' ? e.data : '');
      if (!parsed.ok) {
        finish({ result: result('failed', ConnectivityReason.Protocol, parsed.error.code) });
        return;
      }
      const message = parsed.message;
      if (message.type === 'client-id' && !greeted) {
        greeted = true;
        ws.send(JSON.stringify({ type: 'ice-servers' }));
      } else if (message.type === 'ice-servers') {
        finish({
          result: result('ok', ConnectivityReason.Reachable),
          servers: message.iceServers,
        });
      } else if (message.type === 'error' && message.ref === 'ice-servers') {
        // A server from before pre-join `ice-servers`: reachable, but it names no servers.
        finish({ result: result('ok', ConnectivityReason.Reachable, message.code), servers: [] });
      }
    });
  });
}

async function checkStun(
  PeerConnection: PeerConnectionConstructor,
  iceServers: RTCIceServer[],
  timeoutMs: number,
): Promise<CheckResult> {
  const g = await gatherCandidates(PeerConnection, { iceServers }, timeoutMs, 'srflx');
  const base = { durationMs: g.durationMs };
  if (g.found) return { status: 'ok', reason: ConnectivityReason.Srflx, ...base };
  if (g.errors.length > 0) {
    return {
      status: 'failed',
      reason: ConnectivityReason.Unreachable,
      detail: g.errors.join('; '),
      ...base,
    };
  }
  // Gathering ends early only when every STUN request was answered (or failed, reported above).
  if (g.complete) return { status: 'ok', reason: ConnectivityReason.SameAddress, ...base };
  return { status: 'failed', reason: ConnectivityReason.Timeout, ...base };
}

async function checkTurn(
  PeerConnection: PeerConnectionConstructor,
  iceServers: RTCIceServer[],
  timeoutMs: number,
): Promise<CheckResult> {
  const g = await gatherCandidates(
    PeerConnection,
    { iceServers, iceTransportPolicy: 'relay' },
    timeoutMs,
    'relay',
  );
  const base = { durationMs: g.durationMs };
  if (g.found) return { status: 'ok', reason: ConnectivityReason.Relay, ...base };
  const detail = g.errors.length > 0 ? { detail: g.errors.join('; ') } : {};
  if (g.refused)
    return { status: 'failed', reason: ConnectivityReason.Rejected, ...detail, ...base };
  if (g.complete || g.errors.length > 0) {
    return { status: 'failed', reason: ConnectivityReason.Unreachable, ...detail, ...base };
  }
  return { status: 'failed', reason: ConnectivityReason.Timeout, ...base };
}
