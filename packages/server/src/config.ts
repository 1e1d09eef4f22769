/**
 * Server configuration: read from environment variables, validated once at start. Every mistake
 * is reported with the variable's name and what to do about it, all at once, so that a person
 * fixes their setup in one go.
 */
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { DEFAULT_ROOM_CAPACITY, RATE_LIMIT } from '@zvonok/protocol';

/** Token bucket parameters of one connection (see RATE_LIMIT in the protocol package). */
export interface RateLimitConfig {
  /** Messages that may arrive at once. */
  burst: number;
  /** Refill per second. */
  perSecond: number;
  /** Consecutive dropped messages after which the connection is closed with 1008. */
  closeAfterDropped: number;
}

/** How repeated wrong room passwords are slowed down and then refused, for one key. */
export interface AttemptPolicy {
  /** Wrong guesses answered without delay. */
  freeAttempts: number;
  /** After the free ones, each guess waits `baseDelayMs * 2^(n-1)` (capped) before the next. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many wrong guesses every attempt is refused until the window ends. */
  maxFailures: number;
  /** Failures are forgotten this long after the first one. */
  windowMs: number;
}

/** A token bucket: `burst` at once, refilled at `perSecond`. */
export interface BucketConfig {
  burst: number;
  perSecond: number;
}

/**
 * Bounds on what clients can make the server hold or do (docs/SECURITY.md lists each and what a
 * person sees on hitting it). "Address" means the remote address, IPv6 counted per /64.
 */
export interface AbuseLimits {
  /** Open WebSocket connections in all; more are closed with 1013 (try again later). */
  maxConnections: number;
  /** Open connections from one address; more are closed with 4029. */
  maxConnectionsPerAddress: number;
  /** Rooms with members on this instance; a join that would open another is SERVER_BUSY. */
  maxRooms: number;
  /** Bytes of chat (as stored: JSON) a room keeps; the oldest messages go beyond it. */
  chatBytesPerRoom: number;
  /** Bytes of chat kept by all rooms of this instance; the oldest messages anywhere go beyond. */
  chatBytesTotal: number;
  /** Joins per connection (a join/leave loop); beyond: TOO_MANY_JOINS. */
  joinsPerConnection: BucketConfig;
  /** Joins per address. */
  joinsPerAddress: BucketConfig;
  /** Chat messages per connection, besides the general message budget; beyond: CHAT_RATE_LIMITED. */
  chat: BucketConfig;
  /** `ice-servers` answers (TURN credentials) per address; beyond: TURN_RATE_LIMITED. */
  turnGrantsPerAddress: BucketConfig;
}

/** Where `/metrics` is served (never publicly on the app's port). */
export interface MetricsConfig {
  /** With it, `/metrics` on the app's port answers requests carrying `Authorization: Bearer <token>`. */
  token: string | null;
  /** A listener of its own for `/metrics` (0: any free port); null for none. */
  port: number | null;
  /** Its address: loopback unless a private network address is given. */
  host: string;
}

/** Everything the server needs to run. Build one with {@link loadConfig} or {@link testConfig}. */
export interface ServerConfig {
  port: number;
  host: string;
  /** People per room. */
  roomCapacity: number;
  /** Origins allowed to open `/ws`; null means "the server's own origin" (Origin host == Host). */
  allowedOrigins: ReadonlySet<string> | null;
  /** Paths of the PEM certificate and key; null serves plain HTTP (unless selfSignedTls). */
  tls: { certFile: string; keyFile: string } | null;
  /** Serve HTTPS with a certificate generated into the data directory (for LAN testing). */
  selfSignedTls: boolean;
  /** Ping interval; a socket that did not answer the previous ping is terminated. */
  heartbeatIntervalMs: number;
  /** How long a peer whose connection dropped stays in its room, waiting to be resumed. */
  resumeGraceMs: number;
  /** How long a resume token stays valid after it was issued. */
  resumeTokenTtlMs: number;
  /** Secret for resume tokens; null means "use or create `<dataDir>/resume-secret`". */
  resumeSecret: string | null;
  /** Where state that must survive a restart lives (the resume secret). */
  dataDir: string;
  /** TURN REST API settings; null when no TURN relay is configured. */
  turn: { urls: string[]; secret: string; ttlSeconds: number } | null;
  stunUrls: string[];
  logLevel: LogLevel;
  /** The built web app; null means packages/web/dist next to this package. */
  webRoot: string | null;
  /** A v1 client must `join` within this long after connecting. */
  joinTimeoutMs: number;
  /** Told to v1 clients in `going-away`. */
  reconnectInMs: number;
  rateLimit: RateLimitConfig;
  /** Bounds per address, per room and in all. */
  limits: AbuseLimits;
  /**
   * Wrong-password throttling per connection, per remote address (IPv6 per /64) and per room
   * (guesses from many addresses). With Redis the address and room records are shared.
   */
  passwordAttempts: {
    perConnection: AttemptPolicy;
    perAddress: AttemptPolicy;
    perRoom: AttemptPolicy;
  };
  /** A socket with more unsent bytes than this is a stalled reader and is dropped. */
  maxBufferedBytes: number;
  /** The shared backplane (several instances share rooms); null keeps every room in memory. */
  redis: RedisConfig | null;
  /**
   * Which proxies to believe about the client's address (`X-Forwarded-For`): false (none), a hop
   * count (the nearest `n` proxies; the client's address is the entry the farthest of them
   * appended, never what the client wrote to the left of it), or a list of the proxies'
   * addresses / CIDR ranges (entries appended by them are skipped from the right).
   */
  trustProxy: false | number | string[];
  /** Janus instances that take rooms past the mesh; null keeps every call peer to peer. */
  janus: JanusConfig | null;
  /** Where `/metrics` is served; off unless a token or a port of its own is configured. */
  metrics: MetricsConfig;
}

/** People per room by default when Janus carries the larger rooms (ROOM_CAPACITY decides). */
export const SFU_ROOM_CAPACITY = 50;

/** Where the Janus SFU runs and how the server authenticates to it. */
export interface JanusConfig {
  /** WebSocket API URLs of the Janus instances (`ws://` or `wss://`), one or more. */
  urls: string[];
  /** Janus' `api_secret`, sent with every request; null when Janus has none. */
  apiSecret: string | null;
  /** VideoRoom's `admin_key`, needed to create rooms; null when Janus has none. */
  adminKey: string | null;
  /** A room moves to Janus when a joiner would make it larger than this many people. */
  meshMax: number;
}

/** Settings of the Redis backplane. */
export interface RedisConfig {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). */
  url: string;
  /** Prefix of every key and channel, so that several deployments can share one Redis. */
  prefix: string;
  /**
   * Lifetime of an instance's presence key. An instance that dies without a goodbye stops
   * refreshing it; its peers are announced as left on the others within this time plus one
   * heartbeat. The heartbeat runs five times per TTL.
   */
  presenceTtlMs: number;
  /** A heartbeat that Redis does not answer within this counts as an outage (unhealthy). */
  commandTimeoutMs: number;
}

/** Log levels pino knows. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The configuration was invalid; `problems` holds one sentence per mistake. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Defaults shared by loadConfig and testConfig. */
const DEFAULTS = {
  port: 8081,
  host: '0.0.0.0',
  heartbeatIntervalMs: 15_000,
  resumeGraceMs: 10_000,
  // An hour: what a token is good for once its seat is gone (see BaseMembership.claim).
  resumeTokenTtlMs: 60 * 60 * 1000,
  turnTtlSeconds: 3600,
  joinTimeoutMs: 30_000,
  reconnectInMs: 1000,
  maxBufferedBytes: 4 * 1024 * 1024,
  redisPrefix: 'zvonok:',
  presenceTtlMs: 5000,
  meshMax: 4,
  limits: {
    maxConnections: 10_000,
    maxConnectionsPerAddress: 64,
    maxRooms: 5000,
    chatBytesPerRoom: 512 * 1024,
    chatBytesTotal: 64 * 1024 * 1024,
    // A person joins once per call, a reconnect or reload joins again: ten at once, then one
    // every 3 s, is far above that and far below a loop that replays history.
    joinsPerConnection: { burst: 10, perSecond: 1 / 3 },
    // An office behind one address: a whole team joining at nine, then a join every 0.5 s.
    joinsPerAddress: { burst: 60, perSecond: 2 },
    // Typing speed with room for pasting a few lines and resending after a reconnect.
    chat: { burst: 30, perSecond: 3 },
    turnGrantsPerAddress: { burst: 60, perSecond: 1 },
  },
  passwordAttempts: {
    perConnection: {
      freeAttempts: 3,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      maxFailures: 10,
      windowMs: 10 * 60_000,
    },
    perAddress: {
      freeAttempts: 10,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      maxFailures: 30,
      windowMs: 15 * 60_000,
    },
    // Many addresses (a botnet) at one room: at most 100 guesses an hour, slowed to one per
    // 10 s after the first 20. Holders of a token of the room (reload, late resume) are exempt.
    perRoom: {
      freeAttempts: 20,
      baseDelayMs: 1000,
      maxDelayMs: 10_000,
      maxFailures: 100,
      windowMs: 60 * 60_000,
    },
  },
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Collects problems while reading variables, so every mistake is reported, not just the first. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  /** The trimmed value, or undefined when unset or empty. */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, min: number, max: number, hint: string): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const schema = v.pipe(
      v.string(),
      v.regex(/^\d+$/),
      v.transform(Number),
      v.minValue(min),
      v.maxValue(max),
    );
    const result = v.safeParse(schema, value);
    if (result.success) return result.output;
    this.problems.push(
      `${name} must be a whole number from ${min} to ${max} (got "${value}"): ${hint}.`,
    );
    return fallback;
  }

  list(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    return value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  /** A comma list of URLs whose every entry must start with one of `schemes`. */
  urls(name: string, schemes: readonly string[], example: string): string[] {
    const entries = this.list(name);
    const bad = entries.filter((u) => !schemes.some((s) => u.startsWith(s)));
    if (bad.length > 0) {
      this.problems.push(
        `${name} has entries that are not ${schemes.join(' or ')} URLs (${bad
          .map((b) => `"${b}"`)
          .join(', ')}): use a comma-separated list like ${example}.`,
      );
      return [];
    }
    return entries;
  }

  readableFile(name: string): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    const path = resolve(value);
    try {
      accessSync(path, constants.R_OK);
    } catch {
      this.problems.push(
        `${name} points to "${path}", which cannot be read: give a PEM file path.`,
      );
    }
    return path;
  }
}

function readOrigins(r: EnvReader): ReadonlySet<string> | null {
  const entries = r.list('ALLOWED_ORIGINS');
  if (entries.length === 0) return null;
  const origins = new Set<string>();
  for (const entry of entries) {
    let origin: string | null = null;
    try {
      const url = new URL(entry);
      const bare = url.pathname === '/' && url.search === '' && url.hash === '';
      if ((url.protocol === 'http:' || url.protocol === 'https:') && bare) origin = url.origin;
    } catch {
      origin = null;
    }
    if (origin === null) {
      r.problems.push(
        `ALLOWED_ORIGINS entry "${entry}" is not an origin: use scheme://host[:port], e.g. https://call.example.com.`,
      );
    } else origins.add(origin);
  }
  return origins;
}

function readLimits(r: EnvReader): AbuseLimits {
  const d = DEFAULTS.limits;
  const maxConnections = r.int(
    'MAX_CONNECTIONS',
    d.maxConnections,
    1,
    10_000_000,
    'open connections in all, e.g. 10000',
  );
  const maxConnectionsPerAddress = r.int(
    'MAX_CONNECTIONS_PER_ADDRESS',
    d.maxConnectionsPerAddress,
    2,
    10_000_000,
    'open connections from one address (IPv6: one /64), e.g. 64; an office behind one address needs one per person and tab',
  );
  const chatBytesPerRoom = r.int(
    'CHAT_HISTORY_BYTES_PER_ROOM',
    d.chatBytesPerRoom,
    32 * 1024,
    1024 * 1024 * 1024,
    'bytes of chat a room keeps for late joiners, at least 32768 (one longest message), e.g. 524288',
  );
  const chatBytesTotal = r.int(
    'CHAT_HISTORY_BYTES_TOTAL',
    d.chatBytesTotal,
    32 * 1024,
    64 * 1024 * 1024 * 1024,
    'bytes of chat all rooms keep together, e.g. 67108864',
  );
  if (chatBytesTotal < chatBytesPerRoom) {
    r.problems.push(
      `CHAT_HISTORY_BYTES_TOTAL (${chatBytesTotal}) is below CHAT_HISTORY_BYTES_PER_ROOM (${chatBytesPerRoom}): make the total at least one room's.`,
    );
  }
  const perMinute = (name: string, fallback: number, hint: string) =>
    r.int(name, Math.round(fallback * 60), 1, 6_000_000, hint) / 60;
  return {
    maxConnections,
    maxConnectionsPerAddress,
    maxRooms: r.int('MAX_ROOMS', d.maxRooms, 1, 10_000_000, 'rooms open at once, e.g. 5000'),
    chatBytesPerRoom,
    chatBytesTotal,
    joinsPerConnection: {
      burst: r.int(
        'JOIN_BURST',
        d.joinsPerConnection.burst,
        1,
        1_000_000,
        'joins a connection may make at once, e.g. 10',
      ),
      perSecond: perMinute(
        'JOINS_PER_MINUTE',
        d.joinsPerConnection.perSecond,
        'sustained joins per minute per connection, e.g. 20',
      ),
    },
    joinsPerAddress: {
      burst: r.int(
        'JOIN_BURST_PER_ADDRESS',
        d.joinsPerAddress.burst,
        1,
        1_000_000,
        'joins from one address at once, e.g. 60',
      ),
      perSecond: perMinute(
        'JOINS_PER_MINUTE_PER_ADDRESS',
        d.joinsPerAddress.perSecond,
        'sustained joins per minute from one address, e.g. 120',
      ),
    },
    chat: {
      burst: r.int(
        'CHAT_BURST',
        d.chat.burst,
        1,
        1_000_000,
        'chat messages a connection may send at once, e.g. 30',
      ),
      perSecond: r.int(
        'CHAT_PER_SECOND',
        d.chat.perSecond,
        1,
        1_000_000,
        'sustained chat messages per second per connection, e.g. 3',
      ),
    },
    turnGrantsPerAddress: {
      burst: r.int(
        'TURN_GRANT_BURST_PER_ADDRESS',
        d.turnGrantsPerAddress.burst,
        1,
        1_000_000,
        'TURN credentials handed to one address at once, e.g. 60',
      ),
      perSecond: perMinute(
        'TURN_GRANTS_PER_MINUTE_PER_ADDRESS',
        d.turnGrantsPerAddress.perSecond,
        'sustained TURN credentials per minute to one address, e.g. 60',
      ),
    },
  };
}

function readTurn(r: EnvReader): ServerConfig['turn'] {
  const urls = r.urls('TURN_URLS', ['turn:', 'turns:'], 'turn:turn.example.com:3478?transport=udp');
  const secret = r.raw('TURN_SECRET');
  const ttlSeconds = r.int(
    'TURN_TTL_SECONDS',
    DEFAULTS.turnTtlSeconds,
    // Short lifetimes are for tests of the refresh; production uses hours.
    10,
    7 * 24 * 3600,
    'how long TURN credentials stay valid, e.g. 3600',
  );
  const urlsGiven = r.raw('TURN_URLS') !== undefined;
  if (urlsGiven && secret === undefined) {
    r.problems.push(
      "TURN_URLS is set but TURN_SECRET is not: set TURN_SECRET to the TURN server's static-auth-secret.",
    );
  }
  if (!urlsGiven && secret !== undefined) {
    r.problems.push(
      'TURN_SECRET is set but TURN_URLS is not: set TURN_URLS, e.g. turn:turn.example.com:3478.',
    );
  }
  if (secret === undefined || urls.length === 0) return null;
  return { urls, secret, ttlSeconds };
}

function readTls(r: EnvReader): ServerConfig['tls'] {
  const certFile = r.readableFile('TLS_CERT');
  const keyFile = r.readableFile('TLS_KEY');
  if ((certFile === null) !== (keyFile === null)) {
    r.problems.push(
      `${certFile === null ? 'TLS_KEY' : 'TLS_CERT'} is set without ${
        certFile === null ? 'TLS_CERT' : 'TLS_KEY'
      }: set both (PEM certificate and private key) or neither.`,
    );
    return null;
  }
  return certFile !== null && keyFile !== null ? { certFile, keyFile } : null;
}

function readRedis(r: EnvReader): RedisConfig | null {
  const url = r.raw('REDIS_URL');
  const prefix = r.raw('REDIS_PREFIX') ?? DEFAULTS.redisPrefix;
  const presenceTtlMs = r.int(
    'REDIS_PRESENCE_TTL_MS',
    DEFAULTS.presenceTtlMs,
    500,
    60_000,
    'how long an instance counts as alive without a heartbeat, in milliseconds, e.g. 5000',
  );
  if (!/^[A-Za-z0-9_:.-]{1,64}$/.test(prefix)) {
    r.problems.push(
      `REDIS_PREFIX "${prefix}" may hold only letters, digits and _ : . - (1-64 characters), e.g. zvonok:.`,
    );
  }
  if (url === undefined) return null;
  let valid = false;
  try {
    const parsed = new URL(url);
    valid = (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') && parsed.host !== '';
  } catch {
    valid = false;
  }
  if (!valid) {
    r.problems.push(
      `REDIS_URL "${redact(url)}" is not a Redis URL: use redis://host:6379 (or rediss:// for TLS).`,
    );
    return null;
  }
  return {
    url,
    prefix,
    presenceTtlMs,
    commandTimeoutMs: Math.max(250, Math.min(2000, Math.round(presenceTtlMs / 4))),
  };
}

/** A URL with its password hidden, for error messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^@/]*):([^@/]*)@/, '//$1:***@');
}

function readTrustProxy(r: EnvReader): ServerConfig['trustProxy'] {
  const value = r.raw('TRUST_PROXY');
  if (value === undefined || value === '0' || value === 'false') return false;
  // "true" once meant "believe any X-Forwarded-For", so the left-most entry a client wrote
  // itself became its address; it now means one proxy, the common case, and reads the entry
  // that proxy appended.
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 32) {
      r.problems.push(
        `TRUST_PROXY "${value}" is not a sensible hop count: give the number of proxies in front of the server (1-32), or their addresses.`,
      );
      return false;
    }
    return hops === 0 ? false : hops;
  }
  const entries = r.list('TRUST_PROXY');
  const bad = entries.filter((e) => !/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/.test(e));
  if (bad.length > 0) {
    r.problems.push(
      `TRUST_PROXY has entries that are not addresses or CIDR ranges (${bad
        .map((b) => `"${b}"`)
        .join(
          ', ',
        )}): use the number of proxies in front of the server (e.g. 1), or a comma list of their addresses like 127.0.0.1,10.0.0.0/8.`,
    );
    return false;
  }
  return entries;
}

function readMetrics(r: EnvReader): MetricsConfig {
  const token = r.raw('METRICS_TOKEN') ?? null;
  if (token !== null && token.length < 32) {
    r.problems.push(
      'METRICS_TOKEN is shorter than 32 characters: use a long random string, e.g. the output of `openssl rand -hex 32`.',
    );
  }
  const port =
    r.raw('METRICS_PORT') === undefined
      ? null
      : r.int('METRICS_PORT', 0, 0, 65535, 'a port of its own for /metrics, e.g. 9464');
  const host = r.raw('METRICS_HOST') ?? '127.0.0.1';
  if (r.raw('METRICS_HOST') !== undefined && port === null) {
    r.problems.push('METRICS_HOST is set but METRICS_PORT is not: set METRICS_PORT, e.g. 9464.');
  }
  return { token, port, host };
}

function readJanus(r: EnvReader): JanusConfig | null {
  const urls = r.urls('JANUS_URL', ['ws://', 'wss://'], 'ws://127.0.0.1:8188');
  const apiSecret = r.raw('JANUS_API_SECRET') ?? null;
  const adminKey = r.raw('JANUS_ADMIN_KEY') ?? null;
  const meshMax = r.int(
    'MESH_MAX',
    DEFAULTS.meshMax,
    2,
    16,
    'the most people in a peer-to-peer call before it moves to Janus, e.g. 4',
  );
  if (r.raw('JANUS_URL') === undefined) {
    for (const name of ['JANUS_API_SECRET', 'JANUS_ADMIN_KEY', 'MESH_MAX']) {
      if (r.raw(name) !== undefined) {
        r.problems.push(
          `${name} is set but JANUS_URL is not: set JANUS_URL to Janus' WebSocket API, e.g. ws://127.0.0.1:8188.`,
        );
      }
    }
    return null;
  }
  if (urls.length === 0) return null;
  return { urls, apiSecret, adminKey, meshMax };
}

/**
 * Reads and validates the configuration from environment variables.
 * @throws ConfigError listing every mistake found.
 */
export function loadConfig(env: Env = process.env): ServerConfig {
  const r = new EnvReader(env);
  const port = r.int('PORT', DEFAULTS.port, 0, 65535, 'use a free TCP port, e.g. 8081 (0 = any)');
  const host = r.raw('HOST') ?? DEFAULTS.host;
  // Through the SFU a room holds far more people than a mesh does.
  const roomCapacity = r.int(
    'ROOM_CAPACITY',
    r.raw('JANUS_URL') === undefined ? DEFAULT_ROOM_CAPACITY : SFU_ROOM_CAPACITY,
    2,
    1000,
    'people per room; a mesh call works best with up to 8',
  );
  const heartbeatIntervalMs = r.int(
    'HEARTBEAT_INTERVAL_MS',
    DEFAULTS.heartbeatIntervalMs,
    100,
    600_000,
    'the ping interval in milliseconds, e.g. 15000',
  );
  const resumeGraceMs = r.int(
    'RESUME_GRACE_MS',
    DEFAULTS.resumeGraceMs,
    0,
    600_000,
    'how long a dropped peer is kept for a resume, in milliseconds, e.g. 10000',
  );
  const resumeSecret = r.raw('RESUME_SECRET') ?? null;
  if (resumeSecret !== null && resumeSecret.length < 32) {
    r.problems.push(
      'RESUME_SECRET is shorter than 32 characters: use a long random string, e.g. the output of `openssl rand -hex 32`.',
    );
  }
  const logLevel = r.raw('LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    r.problems.push(`LOG_LEVEL "${logLevel}" is unknown: use one of ${LOG_LEVELS.join(', ')}.`);
  }
  const rateLimit: RateLimitConfig = {
    burst: r.int(
      'RATE_LIMIT_BURST',
      RATE_LIMIT.burst,
      1,
      1_000_000,
      'messages a connection may send at once, e.g. 200',
    ),
    perSecond: r.int(
      'RATE_LIMIT_PER_SECOND',
      RATE_LIMIT.perSecond,
      1,
      1_000_000,
      'sustained messages per second per connection, e.g. 100',
    ),
    closeAfterDropped: RATE_LIMIT.closeAfterDropped,
  };
  const selfSignedRaw = r.raw('TLS_SELF_SIGNED');
  const selfSignedTls = selfSignedRaw === '1' || selfSignedRaw === 'true';
  if (selfSignedRaw !== undefined && !['0', '1', 'true', 'false'].includes(selfSignedRaw)) {
    r.problems.push(`TLS_SELF_SIGNED must be 1 or 0 (got "${selfSignedRaw}").`);
  }
  const tls = readTls(r);
  if (selfSignedTls && tls !== null) {
    r.problems.push(
      'TLS_SELF_SIGNED is set together with TLS_CERT/TLS_KEY: use your certificate or a generated one, not both.',
    );
  }
  const webRoot = r.raw('WEB_ROOT');
  const config: ServerConfig = {
    port,
    host,
    roomCapacity,
    allowedOrigins: readOrigins(r),
    tls,
    selfSignedTls,
    heartbeatIntervalMs,
    resumeGraceMs,
    resumeTokenTtlMs: DEFAULTS.resumeTokenTtlMs,
    resumeSecret,
    dataDir: resolve(r.raw('DATA_DIR') ?? '.data'),
    turn: readTurn(r),
    stunUrls: r.urls('STUN_URLS', ['stun:', 'stuns:'], 'stun:stun.example.com:3478'),
    logLevel: logLevel as LogLevel,
    webRoot: webRoot === undefined ? null : resolve(webRoot),
    joinTimeoutMs: DEFAULTS.joinTimeoutMs,
    reconnectInMs: DEFAULTS.reconnectInMs,
    rateLimit,
    limits: readLimits(r),
    passwordAttempts: {
      perConnection: { ...DEFAULTS.passwordAttempts.perConnection },
      perAddress: { ...DEFAULTS.passwordAttempts.perAddress },
      perRoom: { ...DEFAULTS.passwordAttempts.perRoom },
    },
    maxBufferedBytes: DEFAULTS.maxBufferedBytes,
    redis: readRedis(r),
    trustProxy: readTrustProxy(r),
    janus: readJanus(r),
    metrics: readMetrics(r),
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/**
 * A configuration for tests and embedding: the defaults of an empty environment with `overrides`
 * applied (port 0 on loopback, logs silent unless asked for).
 */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...loadConfig({}), port: 0, host: '127.0.0.1', logLevel: 'silent', ...overrides };
}
