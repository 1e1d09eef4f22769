/**
 * A Janus session and its plugin handles. The session is kept alive with a `keepalive` well
 * inside Janus' session_timeout; a handle sends plugin messages and hears that plugin's
 * asynchronous events (a publisher's `webrtcup`, `hangup`, VideoRoom notifications).
 */
import { EventEmitter } from 'node:events';
import { JanusError } from './errors.js';
import type { JanusConnection } from './JanusConnection.js';
import type { JanusMessage, Jsep, PluginReply, TrickleCandidate } from './types.js';

/** Events of a plugin handle. */
export interface JanusHandleEvents {
  /** A plugin event that answers no request (VideoRoom: publishers, leaving, unpublished...). */
  event: [data: Record<string, unknown>, jsep: Jsep | undefined];
  /** The handle's PeerConnection is up (`webrtcup`). */
  webrtcup: [];
  /** The handle's PeerConnection is gone (`hangup`). */
  hangup: [reason: string];
  /** Janus dropped the handle (`detached`), or its session or connection ended. */
  detached: [];
}

/** One handle attached to a plugin. */
export class JanusHandle extends EventEmitter<JanusHandleEvents> {
  private gone = false;

  constructor(
    private readonly session: JanusSession,
    readonly id: number,
  ) {
    super();
  }

  /**
   * Sends `body` (and `jsep`) to the plugin and resolves with its answer: the plugin's data of a
   * synchronous reply, or of the event that ends an asynchronous one.
   * @throws JanusError `janus-refused` when Janus or the plugin says no (with its error code).
   */
  async message(body: Record<string, unknown>, jsep?: Jsep): Promise<PluginReply> {
    const reply = await this.session.request({
      janus: 'message',
      handle_id: this.id,
      body,
      ...(jsep === undefined ? {} : { jsep }),
    });
    const data = reply.plugindata?.data ?? {};
    if (typeof data.error_code === 'number') {
      throw new JanusError(
        'janus-refused',
        `Janus refused "${String(body.request)}": ${String(data.error)}`,
        data.error_code,
      );
    }
    return reply.jsep === undefined ? { data } : { data, jsep: reply.jsep };
  }

  /** Passes a browser's ICE candidate (or the end of them) on to Janus. */
  async trickle(candidate: TrickleCandidate): Promise<void> {
    await this.session.request({ janus: 'trickle', handle_id: this.id, candidate }, true);
  }

  /** Closes the handle's PeerConnection but keeps the handle. */
  async hangup(): Promise<void> {
    await this.session.request({ janus: 'hangup', handle_id: this.id }, true);
  }

  /** Detaches the handle (Janus closes its PeerConnection). Never throws. */
  async detach(): Promise<void> {
    if (this.gone) return;
    await this.session.request({ janus: 'detach', handle_id: this.id }).catch(() => undefined);
    this.ended();
  }

  /** An asynchronous message for this handle arrived. */
  dispatch(msg: JanusMessage): void {
    switch (msg.janus) {
      case 'event':
        if (msg.plugindata !== undefined) this.emit('event', msg.plugindata.data, msg.jsep);
        break;
      case 'webrtcup':
        this.emit('webrtcup');
        break;
      case 'hangup':
        this.emit('hangup', msg.reason ?? '');
        break;
      case 'detached':
        this.ended();
        break;
      default:
        break;
    }
  }

  /** The handle is gone (detached, or its session ended). */
  ended(): void {
    if (this.gone) return;
    this.gone = true;
    this.session.forget(this.id);
    this.emit('detached');
  }
}

/** Events of a session. */
export interface JanusSessionEvents {
  /** The session is gone: timed out in Janus, destroyed, or its connection went down. */
  ended: [reason: string];
}

/** A Janus session on one connection. Create one with {@link JanusSession.create}. */
export class JanusSession extends EventEmitter<JanusSessionEvents> {
  private readonly handles = new Map<number, JanusHandle>();
  private readonly keepalive: NodeJS.Timeout;
  private over = false;

  private constructor(
    private readonly connection: JanusConnection,
    readonly id: number,
    keepaliveMs: number,
  ) {
    super();
    connection.onSessionEvent(id, (msg) => this.onEvent(msg));
    connection.once('down', this.onDown);
    this.keepalive = setInterval(() => {
      this.request({ janus: 'keepalive' }, true).catch((err: Error) => this.end(err.message));
    }, keepaliveMs);
    this.keepalive.unref();
  }

  /**
   * Creates a session; `keepaliveMs` must stay well below Janus' session_timeout (60 s by default).
   * @throws JanusError `janus-refused` with code 403 when the API secret is wrong.
   */
  static async create(connection: JanusConnection, keepaliveMs = 20_000): Promise<JanusSession> {
    const reply = await connection.request({ janus: 'create' });
    const id = reply.data?.id;
    if (typeof id !== 'number') throw new JanusError('janus-refused', 'Janus gave no session id');
    return new JanusSession(connection, id, keepaliveMs);
  }

  /** True until the session ended. */
  get alive(): boolean {
    return !this.over;
  }

  /** Attaches a handle to `plugin`, e.g. `janus.plugin.videoroom`. */
  async attach(plugin: string): Promise<JanusHandle> {
    const reply = await this.request({ janus: 'attach', plugin });
    const id = reply.data?.id;
    if (typeof id !== 'number') throw new JanusError('janus-refused', 'Janus gave no handle id');
    const handle = new JanusHandle(this, id);
    this.handles.set(id, handle);
    return handle;
  }

  /** A request in this session. */
  request(body: Record<string, unknown>, ackIsFinal = false): Promise<JanusMessage> {
    if (this.over) return Promise.reject(new JanusError('janus-down', 'the Janus session ended'));
    return this.connection.request({ ...body, session_id: this.id }, ackIsFinal);
  }

  /** Destroys the session in Janus (its handles and their PeerConnections go with it). */
  async destroy(): Promise<void> {
    if (this.over) return;
    await this.request({ janus: 'destroy' }).catch(() => undefined);
    this.end('destroyed');
  }

  /** Drops a detached handle from the routing table. */
  forget(handleId: number): void {
    this.handles.delete(handleId);
  }

  private onEvent(msg: JanusMessage): void {
    if (msg.janus === 'timeout') {
      this.end('the Janus session timed out');
      return;
    }
    if (msg.sender !== undefined) this.handles.get(msg.sender)?.dispatch(msg);
  }

  private readonly onDown = (reason: string): void => this.end(reason);

  private end(reason: string): void {
    if (this.over) return;
    this.over = true;
    clearInterval(this.keepalive);
    this.connection.onSessionEvent(this.id, null);
    this.connection.off('down', this.onDown);
    for (const handle of [...this.handles.values()]) handle.ended();
    this.emit('ended', reason);
  }
}
