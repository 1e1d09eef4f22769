/**
 * Test helpers: a real server from build() on a free loopback port, and real `ws` clients that
 * record what they receive and let a test wait for a message type with a deadline.
 */
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_V1, type ServerMessage, type ServerMessageOf } from '@zvonok/protocol';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { build, ConfigError, loadConfig, testConfig, type ServerConfig } from '../src/index.js';

/** A server under test. */
export interface TestServer {
  app: FastifyInstance;
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT/ws */
  wsUrl: string;
  config: ServerConfig;
  /** Log lines written so far (when started with captureLogs). */
  logs: string[];
  /** The Prometheus text of `/metrics`, fetched the way a scraper would (with the test token). */
  metrics(): Promise<string>;
  close(): Promise<void>;
}

/** The METRICS_TOKEN of test servers: `/metrics` is never open without one (or a port of its own). */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';

/** The problems loadConfig reports for `env`; fails when it accepts it. */
export function configProblems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/**
 * The abuse limits with `overrides`, the others out of the way: for tests that send far more than
 * a person would (floods, fuzzing, long histories) and are not about those limits.
 */
export function limits(overrides: Partial<ServerConfig['limits']> = {}): ServerConfig['limits'] {
  const lots = { burst: 1_000_000, perSecond: 1_000_000 };
  return {
    ...testConfig().limits,
    joinsPerConnection: lots,
    joinsPerAddress: lots,
    chat: lots,
    turnGrantsPerAddress: lots,
    ...overrides,
  };
}

/** A fresh, empty data directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'zvonok-test-'));
}

/** Starts a server on port 0 with test defaults plus `overrides`. */
export async function startServer(
  overrides: Partial<ServerConfig> = {},
  { captureLogs = false }: { captureLogs?: boolean } = {},
): Promise<TestServer> {
  const config = testConfig({
    dataDir: tempDir(),
    webRoot: tempDir(),
    metrics: { token: TEST_METRICS_TOKEN, port: null, host: '127.0.0.1' },
    ...(captureLogs ? { logLevel: 'trace' } : {}),
    ...overrides,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  const app = build(config, captureLogs ? { logStream } : {});
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    config,
    logs,
    metrics: async () => {
      const response = await fetch(`${url}/metrics`, {
        headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
      });
      if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
      return response.text();
    },
    close: () => app.close(),
  };
}

type AnyMessage = ServerMessage & Record<string, unknown>;

/** Options of {@link TestClient.connect}. */
export interface ConnectOptions {
  /** Speak protocol v1 (subprotocol zvonok.v1); the seed dialect otherwise. */
  v1?: boolean;
  /** `?room=` for seed clients. */
  room?: string;
  headers?: Record<string, string>;
}

/** A real WebSocket client that records every message it gets. */
export class TestClient {
  /** Everything received, in order. */
  readonly received: AnyMessage[] = [];
  /** Received and not yet taken by next(). */
  private readonly unread: AnyMessage[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  closeCode: number | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as AnyMessage;
      this.received.push(message);
      this.unread.push(message);
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.wake();
        resolve({ code, reason: reason.toString() });
      });
    });
    ws.on('error', () => {});
  }

  /** Connects to `server` (or a ws URL) and waits for the socket to open. */
  static async connect(
    server: TestServer | string,
    options: ConnectOptions = {},
  ): Promise<TestClient> {
    const base = typeof server === 'string' ? server : server.wsUrl;
    const url =
      options.room === undefined ? base : `${base}?room=${encodeURIComponent(options.room)}`;
    const ws = new WebSocket(url, options.v1 ? [PROTOCOL_V1] : [], {
      headers: options.headers,
    });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`Unexpected server response: ${res.statusCode}`)),
      );
    });
    return client;
  }

  /** A v1 client that has received client-id and joined `room` (returns the joined message). */
  static async joined(
    server: TestServer,
    join: Record<string, unknown> & { room: string },
  ): Promise<{ client: TestClient; joined: ServerMessageOf<'joined'> }> {
    const client = await TestClient.connect(server, { v1: true });
    await client.next('client-id');
    client.send({ type: 'join', ...join });
    const joined = await client.next('joined');
    return { client, joined };
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** The first unread message of `type`, waiting up to `timeoutMs` for it. */
  async next<K extends ServerMessage['type']>(
    type: K,
    timeoutMs = 3000,
  ): Promise<ServerMessageOf<K> & Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.unread.findIndex((m) => m.type === type);
      if (index >= 0) {
        return this.unread.splice(index, 1)[0] as ServerMessageOf<K> & Record<string, unknown>;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.closeCode !== null) {
        throw new Error(
          `no "${type}" within ${timeoutMs} ms (closed: ${this.closeCode}); got ${JSON.stringify(
            this.received.map((m) => m.type),
          )}`,
        );
      }
      await this.wait(left);
    }
  }

  /** Waits until a message satisfies `predicate` (looking at unread ones; takes it). */
  async nextWhere(predicate: (m: AnyMessage) => boolean, timeoutMs = 3000): Promise<AnyMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.unread.findIndex(predicate);
      if (index >= 0) return this.unread.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0 || this.closeCode !== null) {
        throw new Error(`no matching message within ${timeoutMs} ms`);
      }
      await this.wait(left);
    }
  }

  /** Unread messages of `type`, without waiting. */
  pending(type: string): AnyMessage[] {
    return this.unread.filter((m) => m.type === type);
  }

  /** Waits for the close, up to `timeoutMs`. */
  async waitClose(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    return withTimeout(this.closed, timeoutMs, 'close');
  }

  close(code = 1000): void {
    this.ws.close(code);
  }

  /** Drops the TCP connection without a close frame (a network failure, as the server sees it). */
  drop(): void {
    this.ws.terminate();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const waiters = this.waiters;
      function done() {
        clearTimeout(timer);
        resolve();
      }
      waiters.push(done);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** Rejects if `promise` does not settle within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Polls `condition` until true or the deadline passes. */
export async function waitFor(condition: () => boolean, timeoutMs = 3000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
