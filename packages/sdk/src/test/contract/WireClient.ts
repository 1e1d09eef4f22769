/**
 * A protocol-v1 client at the level of frames, over any WebSocket constructor (the bus's fake or
 * real `ws`): it records what the server sends and lets a contract test wait for a message with
 * a deadline, or check that none of a kind came once the server answered something later.
 */
import { PROTOCOL_V1, type ServerMessage, type ServerMessageOf } from '@zvonok/protocol';
import type { SignalTarget } from './targets.js';

type Received = ServerMessage & Record<string, unknown>;

/** A raw client of a {@link SignalTarget}. */
export class WireClient {
  /** Everything received, in order. */
  readonly received: Received[] = [];
  /** The close the client saw, once closed. */
  closed: { code: number } | undefined;
  readonly socket: WebSocket;
  readonly #unread: Received[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', (e: MessageEvent) => {
      const m = JSON.parse(String(e.data)) as Received;
      this.received.push(m);
      this.#unread.push(m);
    });
    socket.addEventListener('close', (e: CloseEvent) => {
      this.closed = { code: e.code };
    });
  }

  /** Opens a connection and takes its `client-id`. */
  static async connect(target: SignalTarget): Promise<WireClient> {
    const client = new WireClient(new target.WebSocket(target.url, [PROTOCOL_V1]));
    await client.next('client-id');
    return client;
  }

  /** A connected client that joined `room` (with `extra` join fields); its `joined`. */
  static async joined(
    target: SignalTarget,
    room: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ client: WireClient; joined: ServerMessageOf<'joined'> }> {
    const client = await WireClient.connect(target);
    client.send({ type: 'join', room, ...extra });
    return { client, joined: await client.next('joined') };
  }

  send(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first unread message of `type` (taken), waiting up to `timeoutMs`. */
  async next<K extends ServerMessage['type']>(
    type: K,
    timeoutMs = 3_000,
  ): Promise<ServerMessageOf<K> & Record<string, unknown>> {
    const m = await this.nextWhere((x) => x.type === type, `"${type}"`, timeoutMs);
    return m as ServerMessageOf<K> & Record<string, unknown>;
  }

  /** The first unread message that satisfies `predicate` (taken), waiting up to `timeoutMs`. */
  async nextWhere(
    predicate: (m: Received) => boolean,
    what: string,
    timeoutMs = 3_000,
  ): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.#unread.findIndex(predicate);
      if (i >= 0) return this.#unread.splice(i, 1)[0] as Received;
      if (Date.now() > deadline || this.closed) {
        const got = JSON.stringify(this.received.map((m) => m.type));
        throw new Error(`no ${what} (closed: ${this.closed?.code}); got ${got}`);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  /**
   * Proves nothing of `type` came: sends a `ping` and waits for its `pong` (the server answers
   * in order, so anything sent before would have arrived by then), then looks.
   */
  async noneOf(type: ServerMessage['type']): Promise<Received[]> {
    this.send({ type: 'ping' });
    await this.next('pong');
    return this.#unread.filter((m) => m.type === type);
  }

  /** The types received so far, in order. */
  types(): string[] {
    return this.received.map((m) => m.type);
  }

  close(code = 1000): void {
    this.socket.close(code);
  }

  /** Waits until the client saw its connection close. */
  async closedWith(timeoutMs = 3_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('the connection did not close');
      await new Promise((r) => setTimeout(r, 2));
    }
    return this.closed.code;
  }
}
