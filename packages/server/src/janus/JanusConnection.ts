/**
 * One WebSocket to one Janus (its API, subprotocol `janus-protocol`): requests matched to answers
 * by transaction, events handed to whoever registered for their session, and a WebSocket ping on
 * a short interval so that a Janus that died, froze or became unreachable is noticed within two
 * intervals (a killed process closes the socket at once; a frozen one stops answering pings).
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { JanusError } from './errors.js';
import type { JanusMessage } from './types.js';

/** How a connection behaves; every field has a default. */
export interface JanusConnectionOptions {
  /** Sent as `apisecret` with every request when Janus is configured with `api_secret`. */
  apiSecret?: string | null;
  /** WebSocket ping interval; no pong by the next ping means the Janus is gone. */
  pingIntervalMs?: number;
  /** A request without an answer after this long fails with `janus-timeout`. */
  requestTimeoutMs?: number;
  /** Opening the socket may take this long. */
  connectTimeoutMs?: number;
}

/** Events of a connection. */
export interface JanusConnectionEvents {
  /** The connection is gone for good (socket closed, or no pong): every request failed. */
  down: [reason: string];
}

interface Pending {
  resolve(msg: JanusMessage): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  /** Requests whose `ack` is their answer (keepalive, trickle); plugin messages wait on. */
  ackIsFinal: boolean;
}

const DEFAULTS = { pingIntervalMs: 2000, requestTimeoutMs: 10_000, connectTimeoutMs: 5000 };

/** A live connection to one Janus. Open one with {@link JanusConnection.open}. */
export class JanusConnection extends EventEmitter<JanusConnectionEvents> {
  readonly url: string;
  private readonly ws: WebSocket;
  private readonly apiSecret: string | null;
  private readonly requestTimeoutMs: number;
  private readonly pending = new Map<string, Pending>();
  /** Event listeners per Janus session id. */
  private readonly sessions = new Map<number, (msg: JanusMessage) => void>();
  private readonly pinger: NodeJS.Timeout;
  private awaitingPong = false;
  private downReason: string | null = null;

  private constructor(url: string, ws: WebSocket, options: JanusConnectionOptions) {
    super();
    this.url = url;
    this.ws = ws;
    this.apiSecret = options.apiSecret ?? null;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
    ws.on('message', (data: Buffer) => this.onMessage(data));
    ws.on('pong', () => (this.awaitingPong = false));
    ws.on('close', () => this.markDown('the connection to Janus closed'));
    ws.on('error', (err) => this.markDown(`the connection to Janus failed: ${err.message}`));
    this.pinger = setInterval(() => {
      if (this.awaitingPong) {
        this.markDown('Janus stopped answering pings');
        return;
      }
      this.awaitingPong = true;
      ws.ping();
    }, options.pingIntervalMs ?? DEFAULTS.pingIntervalMs);
    this.pinger.unref();
  }

  /**
   * Opens a connection and checks that a Janus answers on it (`ping`; a wrong API secret shows
   * at the first session).
   * @throws JanusError `janus-down` when it cannot be reached, `janus-timeout` when it is silent.
   */
  static async open(url: string, options: JanusConnectionOptions = {}): Promise<JanusConnection> {
    const ws = new WebSocket(url, 'janus-protocol', {
      handshakeTimeout: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', (err) =>
        reject(new JanusError('janus-down', `cannot reach Janus at ${url}: ${err.message}`)),
      );
    });
    const connection = new JanusConnection(url, ws, options);
    try {
      await connection.request({ janus: 'ping' });
    } catch (err) {
      connection.close();
      throw err;
    }
    return connection;
  }

  /** True until the connection went down or was closed. */
  get up(): boolean {
    return this.downReason === null;
  }

  /**
   * Sends a request and resolves with its answer: `success`, a plugin `event`, or the `ack` of
   * requests whose ack is final. An `error` answer rejects with `janus-refused`.
   */
  request(body: Record<string, unknown>, ackIsFinal = false): Promise<JanusMessage> {
    if (this.downReason !== null) {
      return Promise.reject(new JanusError('janus-down', this.downReason));
    }
    const transaction = randomBytes(9).toString('base64url');
    const message = {
      ...body,
      transaction,
      ...(this.apiSecret === null ? {} : { apisecret: this.apiSecret }),
    };
    return new Promise<JanusMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(transaction);
        reject(
          new JanusError('janus-timeout', `Janus did not answer "${String(body.janus)}" in time`),
        );
      }, this.requestTimeoutMs);
      this.pending.set(transaction, { resolve, reject, timer, ackIsFinal });
      this.ws.send(JSON.stringify(message));
    });
  }

  /** Routes events of session `id` (those not answering a request) to `listener`. */
  onSessionEvent(id: number, listener: ((msg: JanusMessage) => void) | null): void {
    if (listener === null) this.sessions.delete(id);
    else this.sessions.set(id, listener);
  }

  /** Closes the socket; pending requests fail with `janus-down`. */
  close(): void {
    this.markDown('closed');
    this.ws.terminate();
  }

  private onMessage(data: Buffer): void {
    let msg: JanusMessage;
    try {
      msg = JSON.parse(data.toString('utf8')) as JanusMessage;
    } catch {
      return;
    }
    const pending = msg.transaction === undefined ? undefined : this.pending.get(msg.transaction);
    if (pending !== undefined && (msg.janus !== 'ack' || pending.ackIsFinal)) {
      this.pending.delete(msg.transaction!);
      clearTimeout(pending.timer);
      if (msg.janus === 'error') {
        const error = msg.error ?? { code: 0, reason: 'unknown error' };
        pending.reject(
          new JanusError('janus-refused', `Janus refused: ${error.reason}`, error.code),
        );
      } else pending.resolve(msg);
      return;
    }
    if (pending !== undefined) return; // the ack of an asynchronous plugin request
    if (msg.session_id !== undefined) this.sessions.get(msg.session_id)?.(msg);
  }

  private markDown(reason: string): void {
    if (this.downReason !== null) return;
    this.downReason = reason;
    clearInterval(this.pinger);
    for (const [transaction, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(transaction);
      pending.reject(new JanusError('janus-down', reason));
    }
    if (this.ws.readyState === WebSocket.OPEN) this.ws.terminate();
    if (reason !== 'closed') this.emit('down', reason);
  }
}
