/**
 * coturn on loopback for relay-only calls (recipe in TESTING-WEBRTC.md), with TURN REST API
 * credentials, and helpers to freeze (SIGSTOP), thaw and kill -9 it for fault tests.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpAndTcpPort } from './ports.js';
import { launch, type Managed } from './process.js';

/** A running turnserver. */
export interface CoturnHandle {
  readonly port: number;
  readonly secret: string;
  /** `turn:127.0.0.1:PORT?transport=udp` */
  readonly url: string;
  /** Fresh TURN REST credentials for `user`, valid `ttlSeconds`. */
  credentials(user?: string, ttlSeconds?: number): { username: string; credential: string };
  /** An RTCIceServer for this TURN server with fresh credentials. */
  iceServer(user?: string): { urls: string; username: string; credential: string };
  output(): string;
  pause(): void;
  resume(): void;
  /** kill -9 */
  kill(): Promise<void>;
  /** Starts it again on the same port and secret (after kill or stop). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The server's environment for handing out credentials of `turn` (TURN_URLS + TURN_SECRET). */
export function turnEnv(turn: CoturnHandle): Record<string, string> {
  return { TURN_URLS: turn.url, TURN_SECRET: turn.secret };
}

/**
 * TURN REST API credentials (what the server's TURN_SECRET produces): username
 * `${unixExpiry}:${user}`, credential base64(HMAC-SHA1(secret, username)).
 */
export function turnRestCredentials(
  secret: string,
  user = 'e2e',
  ttlSeconds = 3600,
): { username: string; credential: string } {
  const username = `${Math.floor(Date.now() / 1000) + ttlSeconds}:${user}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** Relay port ranges per instance so that parallel coturns never fight over ports. */
let relayBlock = 0;

/** Starts turnserver on a free loopback port and waits until it answers a STUN binding request. */
export async function startCoturn(options: { secret?: string } = {}): Promise<CoturnHandle> {
  const secret = options.secret ?? randomBytes(16).toString('hex');
  const port = await freeUdpAndTcpPort();
  const dir = await mkdtemp(join(tmpdir(), 'zvonok-e2e-coturn-'));
  // 40 relay ports per instance, spread by pid and count within 49152-65535.
  const block = ((process.pid % 100) * 4 + relayBlock++) % 400;
  const minPort = 49152 + block * 40;
  const args = [
    '-n',
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    `--listening-port=${port}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    '--realm=zvonok-e2e',
    '--fingerprint',
    '--no-tls',
    '--no-dtls',
    '--no-tcp-relay',
    // Without it coturn refuses loopback peers with 403 Forbidden IP.
    '--allow-loopback-peers',
    '--no-cli',
    `--min-port=${minPort}`,
    `--max-port=${minPort + 39}`,
    '--no-multicast-peers',
    `--log-file=${join(dir, 'turn.log')}`,
    '--simple-log',
    `--pidfile=${join(dir, 'turn.pid')}`,
  ];
  const start = async (): Promise<Managed> => {
    const proc = launch('turnserver', args);
    try {
      await waitForStun(port, () => proc.exited(), 10_000);
    } catch (err) {
      await proc.stop(1000);
      throw new Error(`${(err as Error).message}\nturnserver output:\n${proc.output()}`);
    }
    return proc;
  };
  let proc = await start();
  const credentials = (user = 'e2e', ttl = 3600): { username: string; credential: string } =>
    turnRestCredentials(secret, user, ttl);
  const url = `turn:127.0.0.1:${port}?transport=udp`;
  return {
    port,
    secret,
    url,
    credentials,
    iceServer: (user) => ({ urls: url, ...credentials(user) }),
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
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Sends STUN Binding requests to 127.0.0.1:port until a Binding success response comes back:
 * the server is listening and handling requests, not merely started.
 */
export async function waitForStun(
  port: number,
  gaveUp: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const sock = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.bind(0, '127.0.0.1', () => resolve());
    });
    while (Date.now() < deadline) {
      if (gaveUp()) throw new Error('turnserver exited during start');
      const txId = randomBytes(12);
      const req = Buffer.alloc(20);
      req.writeUInt16BE(0x0001, 0); // Binding request
      req.writeUInt16BE(0, 2); // no attributes
      req.writeUInt32BE(0x2112a442, 4); // magic cookie
      txId.copy(req, 8);
      const answered = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          sock.off('message', onMessage);
          resolve(false);
        }, 200);
        const onMessage = (msg: Buffer): void => {
          if (
            msg.length >= 20 &&
            msg.readUInt16BE(0) === 0x0101 &&
            msg.subarray(8, 20).equals(txId)
          ) {
            clearTimeout(timer);
            sock.off('message', onMessage);
            resolve(true);
          }
        };
        sock.on('message', onMessage);
      });
      sock.send(req, port, '127.0.0.1');
      if (await answered) return;
    }
    throw new Error(`no STUN answer from 127.0.0.1:${port} within ${timeoutMs} ms`);
  } finally {
    sock.close();
  }
}
