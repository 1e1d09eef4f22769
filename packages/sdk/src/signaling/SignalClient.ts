import {
  CloseCode,
  FINAL_CLOSE_CODES,
  PROTOCOL_V1,
  parseServerMessage,
  type ClientMessage,
  type ClientMessageOf,
  type ServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
} from '@zvonok/protocol';
import { CallError, CallErrorCode } from '../errors.js';
import {
  INITIAL_CONNECT_ATTEMPTS,
  JOIN_TIMEOUT_MS,
  MAX_QUEUED_MESSAGES,
  SIGNAL_PING_INTERVAL_MS,
  SIGNAL_PING_TIMEOUT_MS,
} from '../defaults.js';
import type { WebSocketConstructor } from '../types.js';
import { TypedEmitter } from '../utils/TypedEmitter.js';
import { getLogger, type Logger } from '../utils/logger.js';
import { DefaultReconnectPolicy } from './DefaultReconnectPolicy.js';
import type { ReconnectPolicy } from './ReconnectPolicy.js';
import { joinErrorCode } from './joinErrors.js';

/** Connection state of a {@link SignalClient}. */
export enum SignalState {
  /** Not started. */
  Idle = 'idle',
  /** Opening the first connection and joining. */
  Connecting = 'connecting',
  /** In the room; messages go out at once. */
  Joined = 'joined',
  /** The connection dropped; retrying and resuming. Relay messages are queued meanwhile. */
  Reconnecting = 'reconnecting',
  /** Closed for good (left, refused, replaced, or gave up). */
  Closed = 'closed',
}

/** What `join` sends, minus what the client adds itself (type, resume token). */
export type JoinRequest = Omit<ClientMessageOf<'join'>, 'type' | 'resumeToken'>;

/** How a connection ended. */
export interface DisconnectInfo {
  /** WebSocket close code (1006 when the connection was lost without a close frame). */
  code: number;
  reason: string;
  /** A retry is scheduled. When false, the client is now `Closed`. */
  willReconnect: boolean;
  /** Why it is final, when it is and it was not asked for. */
  error?: CallError;
}

type MessageCallbacks = { [K in ServerMessageType]: (message: ServerMessageOf<K>) => void };

/** Events of a {@link SignalClient}: one per server message type, plus connection events. */
export type SignalClientEvents = MessageCallbacks & {
  /** args: (state: SignalState) */
  stateChanged: (state: SignalState) => void;
  /** The socket closed. args: (info: DisconnectInfo) */
  disconnected: (info: DisconnectInfo) => void;
};

/** Options of `new SignalClient(...)`. */
export interface SignalClientOptions {
  /** e.g. `wss://host/ws`. */
  url: string;
  /** Default: the global WebSocket. */
  WebSocket?: WebSocketConstructor;
  /** Default: exponential backoff 0.5 s .. 10 s with full jitter, never giving up. */
  reconnectPolicy?: ReconnectPolicy;
  logger?: Logger;
  /** An open socket without an answer to `join` after this long is dropped and retried. */
  joinTimeoutMs?: number;
  /** Connection attempts of the first join before it fails with ServerUnreachable. */
  initialAttempts?: number;
  /** Most relay messages queued while reconnecting. */
  maxQueue?: number;
  /** Silence from the server after which a `ping` asks for an answer. */
  pingIntervalMs?: number;
  /** No message at all this long after the `ping`: the connection is dropped and resumed. */
  pingTimeoutMs?: number;
}

const OPEN = 1;

/** What a final close code means to the SDK's user. */
const FINAL_CLOSE_ERRORS: ReadonlyMap<number, [CallErrorCode, string]> = new Map([
  [CloseCode.Replaced, [CallErrorCode.Replaced, 'this session was taken over elsewhere']],
  [CloseCode.RoomFull, [CallErrorCode.RoomFull, 'the room is full']],
  [CloseCode.Normal, [CallErrorCode.ServerUnreachable, 'the server closed the connection']],
  [
    CloseCode.TooManyConnections,
    [CallErrorCode.TooManyConnections, 'too many connections from this network'],
  ],
  [CloseCode.TryAgainLater, [CallErrorCode.ServerBusy, 'the server is full']],
]);

/** Relay messages may be queued while reconnecting; everything else is re-derived on resume. */
const QUEUEABLE: ReadonlySet<ClientMessage['type']> = new Set(['offer', 'answer', 'ice-candidate']);

/**
 * The signaling connection: a WebSocket speaking `zvonok.v1`, with every frame validated against
 * the shared schemas (invalid frames are logged and dropped), typed events per message type, and
 * automatic reconnection that resumes the same peer id with the token from `joined`.
 *
 * It never throws on a drop and never hangs: every wait has a deadline and every failure ends in
 * a retry or in `Closed` with a `disconnected` event that says why. A connection that stays open
 * but goes silent (no answer to a `ping`) counts as dropped too. A connection given up while
 * retrying is closed with 4000, never 1000: the server keeps the seat for the resume.
 */
export class SignalClient extends TypedEmitter<SignalClientEvents> {
  readonly #url: string;
  readonly #WebSocket: WebSocketConstructor;
  readonly #policy: ReconnectPolicy;
  readonly #log: Logger;
  readonly #joinTimeoutMs: number;
  readonly #initialAttempts: number;
  readonly #maxQueue: number;
  readonly #pingIntervalMs: number;
  readonly #pingTimeoutMs: number;

  #state = SignalState.Idle;
  #ws: WebSocket | undefined;
  #detach: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Liveness check of the joined connection (see #watchLiveness). */
  #livenessTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the server was last heard from (any message), Date.now(). */
  #lastHeardAt = 0;
  #request: (() => JoinRequest) | undefined;
  #id: string | undefined;
  #resumeToken: string | undefined;
  #takeoverToken: string | undefined;
  /** Attempts since the last successful join (or since the first connect). */
  #attempt = 0;
  #lostAt = 0;
  /** A server `going-away` hint for the next reconnect delay. */
  #reconnectHintMs: number | undefined;
  #queue: ClientMessage[] = [];
  #pendingJoin:
    { resolve: (m: ServerMessageOf<'joined'>) => void; reject: (e: CallError) => void } | undefined;

  constructor(options: SignalClientOptions) {
    const log = options.logger ?? getLogger('signal');
    super(log);
    this.#log = log;
    this.#url = options.url;
    const ctor: WebSocketConstructor | undefined = options.WebSocket ?? globalThis.WebSocket;
    if (!ctor) throw new CallError(CallErrorCode.InvalidState, 'no WebSocket implementation');
    this.#WebSocket = ctor;
    this.#policy = options.reconnectPolicy ?? new DefaultReconnectPolicy();
    this.#joinTimeoutMs = options.joinTimeoutMs ?? JOIN_TIMEOUT_MS;
    this.#initialAttempts = options.initialAttempts ?? INITIAL_CONNECT_ATTEMPTS;
    this.#maxQueue = options.maxQueue ?? MAX_QUEUED_MESSAGES;
    this.#pingIntervalMs = options.pingIntervalMs ?? SIGNAL_PING_INTERVAL_MS;
    this.#pingTimeoutMs = options.pingTimeoutMs ?? SIGNAL_PING_TIMEOUT_MS;
  }

  /** Connection state. */
  get state(): SignalState {
    return this.#state;
  }

  /** Own peer id from the last `joined`. */
  get id(): string | undefined {
    return this.#id;
  }

  /** Token to resume this identity (from the last `joined`). */
  get resumeToken(): string | undefined {
    return this.#resumeToken;
  }

  /** The token that can only end this session (from another tab); undefined from older servers. */
  get takeoverToken(): string | undefined {
    return this.#takeoverToken;
  }

  /** Messages waiting for the connection to come back. */
  get queuedCount(): number {
    return this.#queue.length;
  }

  /**
   * Connect and join. `request` is called for every (re)join, so that it can carry fresh state
   * (mic/camera, chat position). Resolves with `joined`; rejects with a CallError: the server's
   * refusal (RoomFull, PasswordRequired, ...) or ServerUnreachable. After a rejection the client
   * is `Closed`.
   */
  join(request: () => JoinRequest): Promise<ServerMessageOf<'joined'>> {
    if (this.#state !== SignalState.Idle) {
      return Promise.reject(new CallError(CallErrorCode.InvalidState, 'join() was already called'));
    }
    this.#request = request;
    return new Promise((resolve, reject) => {
      this.#pendingJoin = { resolve, reject };
      this.#setState(SignalState.Connecting);
      this.#open();
    });
  }

  /**
   * Send a message. When not joined, relay messages (offer, answer, ice-candidate) are queued
   * and sent after the next join unless `queue` is false; other messages are dropped (state and
   * chat are re-sent by their owners on resume). Returns true when sent now.
   */
  send(message: ClientMessage, { queue = true }: { queue?: boolean } = {}): boolean {
    const ws = this.#ws;
    if (this.#state === SignalState.Joined && ws && ws.readyState === OPEN) {
      return this.#write(ws, message);
    }
    if (queue && QUEUEABLE.has(message.type) && this.#state !== SignalState.Closed) {
      this.#queue.push(message);
      if (this.#queue.length > this.#maxQueue) this.#queue.shift();
    }
    return false;
  }

  /** Close for good: sends `leave` if joined, closes with 1000, cancels every timer. */
  close(): void {
    if (this.#state === SignalState.Closed) return;
    const ws = this.#ws;
    if (ws && ws.readyState === OPEN && this.#state === SignalState.Joined) {
      this.#write(ws, { type: 'leave' });
    }
    this.#finish({ code: CloseCode.Normal, reason: 'closed by client', willReconnect: false });
  }

  #open(): void {
    this.#clearTimer();
    let ws: WebSocket;
    try {
      ws = new this.#WebSocket(this.#url, PROTOCOL_V1);
    } catch (err) {
      // A malformed URL throws synchronously (SyntaxError): no retry can help.
      this.#log.error('cannot open WebSocket', err);
      this.#finish({
        code: CloseCode.Abnormal,
        reason: 'bad url',
        willReconnect: false,
        error: new CallError(CallErrorCode.ServerUnreachable, `cannot connect to ${this.#url}`, {
          cause: err,
        }),
      });
      return;
    }
    this.#ws = ws;
    const onOpen = (): void => this.#onOpen(ws);
    const onMessage = (event: MessageEvent): void => this.#onMessage(event);
    const onClose = (event: CloseEvent): void => this.#onDrop(event.code, event.reason);
    // 'error' is always followed by 'close', which does the work; listening keeps it from being
    // reported as unhandled by some environments.
    const onError = (): void => this.#log.debug('socket error');
    ws.addEventListener('open', onOpen);
    ws.addEventListener('message', onMessage);
    ws.addEventListener('close', onClose);
    ws.addEventListener('error', onError);
    this.#detach = () => {
      ws.removeEventListener('open', onOpen);
      ws.removeEventListener('message', onMessage);
      ws.removeEventListener('close', onClose);
      ws.removeEventListener('error', onError);
    };
    // The connection attempt and the join together get one deadline.
    this.#timer = setTimeout(() => {
      this.#log.warn('no answer to join in time; retrying');
      this.#abandonSocket();
      this.#onDrop(CloseCode.Reconnecting, 'join timeout');
    }, this.#joinTimeoutMs);
  }

  #onOpen(ws: WebSocket): void {
    const request = this.#request?.() ?? { room: '' };
    const join: ClientMessageOf<'join'> = { type: 'join', ...request };
    if (this.#resumeToken !== undefined) join.resumeToken = this.#resumeToken;
    this.#write(ws, join);
  }

  #onMessage(event: MessageEvent): void {
    this.#lastHeardAt = Date.now();
    if (typeof event.data !== 'string') {
      this.#log.warn('dropped a binary frame');
      return;
    }
    const parsed = parseServerMessage(event.data);
    if (!parsed.ok) {
      this.#log.warn(`dropped an invalid frame: ${parsed.error.message}`);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'joined':
        this.#onJoined(message);
        return;
      case 'error':
        if (this.#state !== SignalState.Joined && this.#onJoinError(message)) return;
        break;
      case 'going-away':
        this.#reconnectHintMs = message.reconnectInMs;
        break;
      case 'pong':
        return;
      default:
        break;
    }
    this.#emitMessage(message);
  }

  #emitMessage(message: ServerMessage): void {
    // The event name is the message type, so the listener's parameter type matches by construction.
    const emit = this.safeEmit.bind(this) as unknown as (event: string, m: ServerMessage) => void;
    emit(message.type, message);
  }

  #onJoined(message: ServerMessageOf<'joined'>): void {
    this.#clearTimer();
    const changedIdentity = this.#id !== undefined && this.#id !== message.id;
    this.#id = message.id;
    this.#resumeToken = message.resumeToken;
    this.#takeoverToken = message.takeoverToken;
    this.#attempt = 0;
    this.#reconnectHintMs = undefined;
    // Relay messages queued under an identity the others no longer know would confuse them.
    if (changedIdentity) this.#queue = [];
    this.#setState(SignalState.Joined);
    this.#watchLiveness();
    this.#emitMessage(message);
    const pending = this.#pendingJoin;
    this.#pendingJoin = undefined;
    pending?.resolve(message);
    this.#flush();
  }

  /**
   * While joined: after `pingIntervalMs` without any message from the server, send `ping`; if
   * nothing at all arrives within `pingTimeoutMs` of that ping, drop the connection and resume on
   * a new one. Browsers answer the server's WebSocket pings but never show them, so this is the
   * only way to notice a connection that is open but dead (relay messages sent into it are lost).
   * Only an unanswered ping counts: a timer that fires late (a background tab, a busy machine)
   * sends a ping first instead of judging the silence before it.
   */
  #watchLiveness(): void {
    this.#clearLiveness();
    const ws = this.#ws;
    let pingSentAt: number | undefined;
    const check = (): void => {
      this.#livenessTimer = undefined;
      if (this.#state !== SignalState.Joined || this.#ws !== ws || !ws) return;
      const now = Date.now();
      let next: number;
      if (pingSentAt !== undefined && this.#lastHeardAt < pingSentAt) {
        if (now - pingSentAt >= this.#pingTimeoutMs) {
          this.#log.warn(`no answer to ping for ${now - pingSentAt} ms; reconnecting`);
          this.#abandonSocket();
          this.#onDrop(CloseCode.Reconnecting, 'no answer to ping');
          return;
        }
        next = pingSentAt + this.#pingTimeoutMs - now;
      } else if (now - this.#lastHeardAt >= this.#pingIntervalMs) {
        this.#write(ws, { type: 'ping' });
        pingSentAt = now;
        next = this.#pingTimeoutMs;
      } else {
        pingSentAt = undefined;
        next = this.#pingIntervalMs - (now - this.#lastHeardAt);
      }
      this.#livenessTimer = setTimeout(check, Math.max(next, 10));
    };
    this.#lastHeardAt = Date.now();
    this.#livenessTimer = setTimeout(check, this.#pingIntervalMs);
  }

  #clearLiveness(): void {
    if (this.#livenessTimer !== undefined) clearTimeout(this.#livenessTimer);
    this.#livenessTimer = undefined;
  }

  /** An error while joining: a refusal ends the client. Returns true when it was one. */
  #onJoinError(message: ServerMessageOf<'error'>): boolean {
    const code = joinErrorCode(message.code, message.ref);
    if (!code) return false;
    const error = new CallError(code, message.message, { cause: message });
    this.#emitMessage(message);
    this.#finish({ code: CloseCode.Normal, reason: 'join refused', willReconnect: false, error });
    return true;
  }

  #flush(): void {
    const ws = this.#ws;
    while (this.#queue.length > 0 && ws && ws.readyState === OPEN) {
      const message = this.#queue.shift() as ClientMessage;
      this.#write(ws, message);
    }
  }

  #write(ws: WebSocket, message: ClientMessage): boolean {
    try {
      ws.send(JSON.stringify(message));
      return true;
    } catch (err) {
      this.#log.warn(`could not send "${message.type}"`, err);
      return false;
    }
  }

  /** The socket is gone (closed, failed to open, or abandoned): retry or give up. */
  #onDrop(code: number, reason: string): void {
    if (this.#state === SignalState.Closed) return;
    this.#abandonSocket();
    this.#clearTimer();
    if (FINAL_CLOSE_CODES.has(code)) {
      const [errorCode, message] = FINAL_CLOSE_ERRORS.get(code) ?? [
        CallErrorCode.Protocol,
        `closed by the server: ${code} ${reason}`,
      ];
      this.#finish({
        code,
        reason,
        willReconnect: false,
        error: new CallError(errorCode, message),
      });
      return;
    }
    const joinedBefore = this.#resumeToken !== undefined;
    if (this.#attempt === 0) this.#lostAt = Date.now();
    const attempt = this.#attempt++;
    let delay: number | null;
    if (!joinedBefore && this.#attempt >= this.#initialAttempts) delay = null;
    else if (this.#reconnectHintMs !== undefined) {
      // The server said when it will be back: aim there, spread by up to half of it.
      delay = this.#reconnectHintMs * (1 + Math.random() / 2);
      this.#reconnectHintMs = undefined;
    } else delay = this.#policy.nextRetryDelayMs({ attempt, elapsedMs: Date.now() - this.#lostAt });
    if (delay === null) {
      this.#finish({
        code,
        reason,
        willReconnect: false,
        error: new CallError(CallErrorCode.ServerUnreachable, `cannot reach ${this.#url}`),
      });
      return;
    }
    if (this.#state === SignalState.Joined) this.#setState(SignalState.Reconnecting);
    this.#log.info(`connection lost (${code}); retry ${attempt + 1} in ${Math.round(delay)} ms`);
    this.safeEmit('disconnected', { code, reason, willReconnect: true });
    this.#timer = setTimeout(() => this.#open(), delay);
  }

  /**
   * Forget the current socket and close it. While retrying the close code is 4000, never 1000:
   * a server that processes it late (it was frozen, the network was slow) must not take it for
   * a leave and tell the room `peer-left` while this client is about to resume.
   */
  #abandonSocket(code: number = CloseCode.Reconnecting): void {
    const ws = this.#ws;
    this.#ws = undefined;
    this.#clearLiveness();
    this.#detach?.();
    this.#detach = undefined;
    if (ws && ws.readyState <= OPEN) {
      try {
        ws.close(code);
      } catch {
        // Already closing: nothing to do.
      }
    }
  }

  #finish(info: DisconnectInfo): void {
    this.#clearTimer();
    // For good (left, refused, replaced, gave up): a normal close, the seat is free at once.
    this.#abandonSocket(CloseCode.Normal);
    this.#queue = [];
    this.#setState(SignalState.Closed);
    const pending = this.#pendingJoin;
    this.#pendingJoin = undefined;
    pending?.reject(
      info.error ?? new CallError(CallErrorCode.ServerUnreachable, 'closed before joining'),
    );
    this.safeEmit('disconnected', info);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #setState(state: SignalState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.safeEmit('stateChanged', state);
  }
}
