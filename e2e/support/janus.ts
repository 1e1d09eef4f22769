/**
 * Janus (Debian package `janus`) on loopback, owned by a test: a generated configuration in a temp
 * directory that loads only the VideoRoom plugin and the WebSocket transport (on a free
 * 127.0.0.1 port), with an API secret and a VideoRoom admin key; start, kill -9, restart, stop.
 * Recipe in TESTING-WEBRTC.md. Used by the server suites and the E2E specs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { freeTcpPort } from './ports.js';
import { launch, type Managed } from './process.js';

/** A running Janus. */
export interface JanusHandle {
  readonly port: number;
  /** `ws://127.0.0.1:PORT` (WebSocket subprotocol `janus-protocol`). */
  readonly url: string;
  /** Every API request must carry it (`apisecret`). */
  readonly apiSecret: string;
  /** VideoRoom's `admin_key`: needed to create rooms. */
  readonly adminKey: string;
  /** Where VideoRoom recordings go when a room is created with `record: true`. */
  readonly recordingsDir: string;
  output(): string;
  pause(): void;
  resume(): void;
  /** kill -9 */
  kill(): Promise<void>;
  /** Starts it again on the same port and secrets (after kill or stop): no rooms, no sessions. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The server's environment for using `janus` (JANUS_URL, JANUS_API_SECRET, JANUS_ADMIN_KEY). */
export function janusEnv(janus: JanusHandle): Record<string, string> {
  return {
    JANUS_URL: janus.url,
    JANUS_API_SECRET: janus.apiSecret,
    JANUS_ADMIN_KEY: janus.adminKey,
  };
}

/** The folders the Debian package installs its modules into, read from its own janus.jcfg. */
function packageFolders(): { plugins: string; transports: string } {
  const fallback = '/usr/lib/x86_64-linux-gnu/janus';
  let text = '';
  try {
    text = readFileSync('/etc/janus/janus.jcfg', 'utf8');
  } catch {
    // Not installed: the start below fails with the spawn error, which says so.
  }
  const folder = (key: string, dflt: string): string =>
    new RegExp(`^\\s*${key}\\s*=\\s*"([^"]+)"`, 'm').exec(text)?.[1] ?? dflt;
  return {
    plugins: folder('plugins_folder', `${fallback}/plugins`),
    transports: folder('transports_folder', `${fallback}/transports`),
  };
}

/**
 * Writes the configuration into `dir`. Only VideoRoom and the WebSocket transport are linked into
 * the module folders Janus reads, so no other plugin or transport (HTTP on 8088...) ever loads.
 */
async function writeConfig(
  dir: string,
  opts: {
    port: number;
    apiSecret: string;
    adminKey: string;
    recordingsDir: string;
    sessionTimeoutSeconds: number;
  },
): Promise<void> {
  const folders = packageFolders();
  const plugins = join(dir, 'plugins');
  const transports = join(dir, 'transports');
  const empty = join(dir, 'none');
  await Promise.all([plugins, transports, empty, opts.recordingsDir].map((d) => mkdir(d)));
  await symlink(
    join(folders.plugins, 'libjanus_videoroom.so'),
    join(plugins, 'libjanus_videoroom.so'),
  );
  await symlink(
    join(folders.transports, 'libjanus_websockets.so'),
    join(transports, 'libjanus_websockets.so'),
  );
  const adminSecret = randomBytes(16).toString('hex');
  await writeFile(
    join(dir, 'janus.jcfg'),
    `general: {
  configs_folder = "${dir}"
  plugins_folder = "${plugins}"
  transports_folder = "${transports}"
  events_folder = "${empty}"
  loggers_folder = "${empty}"
  debug_level = 4
  api_secret = "${opts.apiSecret}"
  admin_secret = "${adminSecret}"
  session_timeout = ${opts.sessionTimeoutSeconds}
  protected_folders = ["/bin", "/boot", "/dev", "/etc", "/lib", "/proc", "/sbin", "/sys", "/usr", "/var"]
}
media: {
  rtp_port_range = "20000-40000"
}
nat: {
  nice_debug = false
  ice_ignore_list = "vmnet"
}
`,
  );
  await writeFile(
    join(dir, 'janus.transport.websockets.jcfg'),
    `general: {
  json = "plain"
  ws = true
  ws_port = ${opts.port}
  ws_ip = "127.0.0.1"
  wss = false
}
admin: {
  admin_ws = false
  admin_wss = false
}
`,
  );
  await writeFile(
    join(dir, 'janus.plugin.videoroom.jcfg'),
    `general: {
  admin_key = "${opts.adminKey}"
  string_ids = true
}
`,
  );
}

/** Starts Janus from a generated configuration and waits until its API answers `info`. */
export async function startJanus(
  options: { apiSecret?: string; adminKey?: string; sessionTimeoutSeconds?: number } = {},
): Promise<JanusHandle> {
  if (!existsSync('/usr/bin/janus')) {
    throw new Error('janus is not installed: apt-get install -y janus janus-tools');
  }
  const apiSecret = options.apiSecret ?? randomBytes(16).toString('hex');
  const adminKey = options.adminKey ?? randomBytes(16).toString('hex');
  const port = await freeTcpPort();
  const dir = await mkdtemp(join(tmpdir(), 'zvonok-janus-'));
  const recordingsDir = join(dir, 'recordings');
  await writeConfig(dir, {
    port,
    apiSecret,
    adminKey,
    recordingsDir,
    // Janus' own default; tests of the keepalive shorten it.
    sessionTimeoutSeconds: options.sessionTimeoutSeconds ?? 60,
  });
  const url = `ws://127.0.0.1:${port}`;
  const start = async (): Promise<Managed> => {
    const proc = launch('janus', ['-F', dir, '-o']);
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (proc.exited()) throw new Error(`janus exited during start:\n${proc.output()}`);
      if (await answersInfo(url, apiSecret)) return proc;
      if (Date.now() > deadline) {
        await proc.stop(1000);
        throw new Error(`janus did not answer on ${url} within 15 s:\n${proc.output()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  let proc = await start();
  return {
    port,
    url,
    apiSecret,
    adminKey,
    recordingsDir,
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

/** True when a WebSocket to `url` answers an `info` request with `server_info`. */
function answersInfo(url: string, apiSecret: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'janus-protocol');
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 1000);
    ws.on('error', () => done(false));
    ws.on('open', () =>
      ws.send(JSON.stringify({ janus: 'info', transaction: 'ready', apisecret: apiSecret })),
    );
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as { janus?: string };
      done(msg.janus === 'server_info');
    });
  });
}
