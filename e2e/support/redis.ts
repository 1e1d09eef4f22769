/**
 * redis-server on a free loopback port for the backplane / scale-out suites: start, wait until it
 * answers PING, freeze (SIGSTOP), thaw, kill -9, restart, stop.
 */
import { createConnection } from 'node:net';
import { freeTcpPort } from './ports.js';
import { launch, type Managed } from './process.js';

/** A running redis-server (no persistence: every start is empty). */
export interface RedisHandle {
  readonly port: number;
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  output(): string;
  pause(): void;
  resume(): void;
  /** kill -9 */
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts redis-server and waits until PING answers PONG. */
export async function startRedis(): Promise<RedisHandle> {
  const port = await freeTcpPort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'no',
    '--protected-mode',
    'no',
  ];
  const start = async (): Promise<Managed> => {
    const proc = launch('redis-server', args);
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (proc.exited()) throw new Error(`redis-server exited during start:\n${proc.output()}`);
      if ((await redisCommand(port, ['PING']).catch(() => '')) === '+PONG') return proc;
      if (Date.now() > deadline) {
        await proc.stop(1000);
        throw new Error(`redis-server did not answer PING on ${port}:\n${proc.output()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  let proc = await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    output: () => proc.output(),
    pause: () => proc.signal('SIGSTOP'),
    resume: () => proc.signal('SIGCONT'),
    async kill() {
      proc.signal('SIGKILL');
      await proc.waitForExit();
    },
    async restart() {
      await proc.stop();
      proc = await start();
    },
    stop: () => proc.stop(),
  };
}

/**
 * Sends one command over a fresh TCP connection (RESP) and returns the first reply line, e.g.
 * `+PONG`. Enough for readiness checks and smoke tests; not a client library.
 */
export function redisCommand(port: number, parts: string[], timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    let buf = '';
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
      buf += d;
      const end = buf.indexOf('\r\n');
      if (end >= 0) {
        clearTimeout(timer);
        sock.end();
        resolve(buf.slice(0, end));
      }
    });
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
