import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, type Managed } from './process.js';

/** The built server entry (`npm run build` makes it). */
export const SERVER_ENTRY = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../packages/server/dist/main.js',
);

/** The METRICS_TOKEN of test servers: `/metrics` needs it (see metricsText). */
export const E2E_METRICS_TOKEN = 'e2e-metrics-token-0123456789abcdefghij';

/** The Prometheus text of a test server's `/metrics`, fetched with the token. */
export async function metricsText(server: { url: string }): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, {
    headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` },
  });
  return response.text();
}

const LISTENING_LINE = /Zvonok listening on (http:\/\/\S+?):(\d+)/;
const START_TIMEOUT_MS = 15_000;

/** Options for {@link startServer}. */
export interface ServerOptions {
  /** Extra environment (ROOM_CAPACITY, TURN_URLS, REDIS_URL...). PORT defaults to 0. */
  env?: Record<string, string>;
  /** Reuse this data directory instead of a fresh temp one (e.g. to restart with state). */
  dataDir?: string;
}

/** A real server process on a loopback port, with its own DATA_DIR. */
export interface ServerHandle {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `ws://127.0.0.1:PORT/ws` */
  readonly wsUrl: string;
  readonly port: number;
  readonly dataDir: string;
  /** What the server printed so far (attached to failing tests). */
  output(): string;
  /** True while the process runs. */
  running(): boolean;
  /** Graceful stop (SIGTERM, SIGKILL after a grace period). */
  stop(): Promise<void>;
  /** kill -9: the server dies without saying goodbye to anyone. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: the process freezes (sockets stay open, nothing answers) and thaws. */
  pause(): void;
  resume(): void;
  /** Starts the server again on the same port and data directory (after stop or kill). */
  restart(): Promise<void>;
  /** Stops the server and removes its data directory unless it was given. */
  dispose(): Promise<void>;
}

/**
 * Starts `packages/server/dist/main.js` on 127.0.0.1 with PORT=0 (or `env.PORT`), waits for its
 * `Zvonok listening on http://HOST:PORT` line and returns a handle. The data directory is a fresh
 * temp dir unless given.
 */
export async function startServer(options: ServerOptions = {}): Promise<ServerHandle> {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} does not exist: run \`npm run build\` first`);
  }
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'zvonok-e2e-data-')));
  const baseEnv: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    METRICS_TOKEN: E2E_METRICS_TOKEN,
    // A copy of the web build to serve instead of packages/web/dist (e.g. a snapshot that a
    // concurrent `npm run build` cannot empty in the middle of a run).
    ...(process.env.E2E_WEB_ROOT ? { WEB_ROOT: process.env.E2E_WEB_ROOT } : {}),
    ...options.env,
    DATA_DIR: dataDir,
  };

  const spawnServer = async (
    port: string,
  ): Promise<{ proc: Managed; url: string; port: number }> => {
    const proc = launch(process.execPath, [SERVER_ENTRY], {
      env: { ...process.env, ...baseEnv, PORT: port },
    });
    try {
      const m = await proc.waitForOutput(LISTENING_LINE, START_TIMEOUT_MS);
      return { proc, url: `${m[1]}:${m[2]}`, port: Number(m[2]) };
    } catch (err) {
      await proc.stop(1000);
      throw err;
    }
  };

  let current = await spawnServer(baseEnv.PORT ?? '0');
  let history = '';
  const { url, port } = current;

  const handle: ServerHandle = {
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/ws`,
    port,
    dataDir,
    output: () => history + current.proc.output(),
    running: () => !current.proc.exited(),
    stop: () => current.proc.stop(),
    async kill() {
      current.proc.signal('SIGKILL');
      await current.proc.waitForExit();
    },
    pause: () => current.proc.signal('SIGSTOP'),
    resume: () => current.proc.signal('SIGCONT'),
    async restart() {
      await current.proc.stop();
      history += current.proc.output() + '\n--- restart ---\n';
      current = await spawnServer(String(port));
    },
    async dispose() {
      await current.proc.stop();
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
