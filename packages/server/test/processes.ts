/**
 * Real processes for the scale-out suite: redis-server on a free loopback port (no persistence:
 * every start is empty) and a server instance as a child process (src/main.ts, as `npm start`
 * runs dist/main.js), both stoppable in every way a deployment can fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './helpers.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** A TCP port that was free on 127.0.0.1 a moment ago (redis-server cannot report port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A running redis-server. */
export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  /** SIGSTOP: the process freezes, its sockets stay open, nothing answers. */
  pause(): void;
  /** SIGCONT */
  resume(): void;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
  /** Starts again on the same port (empty). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts redis-server on a free loopback port and waits until it answers PING. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = '';
  const launch = async () => {
    output = '';
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child = proc;
    const deadline = Date.now() + 10_000;
    while ((await redisCommand(port, ['PING']).catch(() => '')) !== '+PONG') {
      if (proc.exitCode !== null || Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`redis-server did not start on ${port}:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const exit = async (signal: NodeJS.Signals) => {
    const proc = child;
    if (proc === null || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGCONT');
    proc.kill(signal);
    await exited;
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    kill: () => exit('SIGKILL'),
    start: launch,
    stop: () => exit('SIGTERM'),
  };
}

/**
 * One command over a fresh connection (RESP); resolves with the whole reply text once it stops
 * growing. Enough to look at keys from a test; not a client library.
 */
export function redisCommand(port: number, parts: string[], timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    let settle: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`redis on ${port} did not answer ${parts[0]} within ${timeoutMs} ms`));
    }, timeoutMs);
    sock.setEncoding('utf8');
    sock.on('connect', () => {
      sock.write(
        `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`,
      );
    });
    sock.on('data', (d: string) => {
      reply += d;
      clearTimeout(settle);
      settle = setTimeout(() => {
        clearTimeout(timer);
        sock.end();
        resolve(reply.trimEnd());
      }, 20);
    });
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** A server instance running as its own process. */
export interface ChildServer {
  readonly child: ChildProcess;
  /** `ws://127.0.0.1:PORT/ws` */
  readonly wsUrl: string;
  output(): string;
  /** kill -9: the instance dies without a goodbye to anyone. */
  kill(): Promise<void>;
}

/** Runs src/main.ts with `env`, and waits for its listening line. */
export async function spawnServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    ['--conditions=zvonok-source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd: packageRoot,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const match = /Zvonok listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    }),
    20_000,
    'listening line',
  );
  return {
    child,
    wsUrl: `${url.replace('http', 'ws')}/ws`,
    output: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
