/**
 * A client that speaks only the seed protocol (the 8 message types of the original app), over a
 * plain `ws` WebSocket without the v1 subprotocol: what an old client does.
 */
import WebSocket from 'ws';

/** A message as received (JSON object with a `type`). */
export type SeedMessage = { type: string } & Record<string, unknown>;

export class SeedClient {
  /** Every message received so far, in order. */
  readonly received: SeedMessage[] = [];
  private readonly waiters = new Set<() => void>();
  private closed = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) return;
      const buf = Buffer.isBuffer(data)
        ? data
        : Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.from(data);
      const text = buf.toString('utf8');
      this.received.push(JSON.parse(text) as SeedMessage);
      for (const w of this.waiters) w();
    });
    ws.on('close', () => {
      this.closed = true;
      for (const w of this.waiters) w();
    });
  }

  /** Connects to `url` (e.g. `ws://127.0.0.1:PORT/ws` or `...?room=NAME`), no subprotocol. */
  static async connect(url: string, timeoutMs = 5000): Promise<SeedClient> {
    const ws = new WebSocket(url);
    const client = new SeedClient(ws);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no connection to ${url} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      ws.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    return client;
  }

  /** Sends one JSON message. */
  send(message: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  /**
   * Resolves with the first message received at or after position `from` that has `type` and
   * passes `match`; rejects after `timeoutMs` or when the socket closes first.
   */
  next(
    type: string,
    match: (m: SeedMessage) => boolean = () => true,
    timeoutMs = 5000,
    from = 0,
  ): Promise<SeedMessage> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.received.slice(from).find((m) => m.type === type && match(m));
        if (found) {
          done();
          resolve(found);
        } else if (this.closed) {
          done();
          reject(new Error(`socket closed before a '${type}' message; got ${this.describe()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no '${type}' message within ${timeoutMs} ms; got ${this.describe()}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Closes the socket and waits until it is closed. */
  async close(): Promise<void> {
    if (this.closed) return;
    const closed = new Promise<void>((resolve) => this.ws.once('close', () => resolve()));
    this.ws.close();
    await closed;
  }

  private describe(): string {
    return JSON.stringify(this.received.map((m) => m.type));
  }
}
