import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/index.js';
import { configProblems, tempDir } from './helpers.js';

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8081,
      host: '0.0.0.0',
      roomCapacity: 8,
      allowedOrigins: null,
      tls: null,
      heartbeatIntervalMs: 15_000,
      resumeGraceMs: 10_000,
      resumeSecret: null,
      turn: null,
      stunUrls: [],
      logLevel: 'info',
      webRoot: null,
      rateLimit: { burst: 200, perSecond: 100, closeAfterDropped: 200 },
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('reads every variable', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cert.pem'), 'x');
    writeFileSync(join(dir, 'key.pem'), 'x');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ROOM_CAPACITY: '12',
      ALLOWED_ORIGINS: 'https://a.example, http://localhost:5173/',
      TLS_CERT: join(dir, 'cert.pem'),
      TLS_KEY: join(dir, 'key.pem'),
      HEARTBEAT_INTERVAL_MS: '5000',
      RESUME_GRACE_MS: '0',
      RESUME_SECRET: 's'.repeat(32),
      DATA_DIR: dir,
      TURN_URLS: 'turn:t.example:3478,turns:t.example:5349?transport=tcp',
      TURN_SECRET: 'shh',
      TURN_TTL_SECONDS: '600',
      STUN_URLS: 'stun:s.example:3478',
      LOG_LEVEL: 'debug',
      WEB_ROOT: dir,
      RATE_LIMIT_BURST: '1000',
      RATE_LIMIT_PER_SECOND: '500',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      roomCapacity: 12,
      tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') },
      heartbeatIntervalMs: 5000,
      resumeGraceMs: 0,
      dataDir: dir,
      turn: {
        urls: ['turn:t.example:3478', 'turns:t.example:5349?transport=tcp'],
        secret: 'shh',
        ttlSeconds: 600,
      },
      stunUrls: ['stun:s.example:3478'],
      logLevel: 'debug',
      webRoot: dir,
      rateLimit: { burst: 1000, perSecond: 500, closeAfterDropped: 200 },
    });
    expect([...config.allowedOrigins!]).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it('names every mistake with what to do, all at once', () => {
    const found = configProblems({
      PORT: 'eighty',
      ROOM_CAPACITY: '1',
      HEARTBEAT_INTERVAL_MS: '-5',
      ALLOWED_ORIGINS: 'example.com,https://ok.example/path',
      TLS_CERT: '/nonexistent/cert.pem',
      RESUME_SECRET: 'short',
      TURN_URLS: 'http://turn.example',
      STUN_URLS: 'stun.example:3478',
      TURN_TTL_SECONDS: '5',
      LOG_LEVEL: 'loud',
      RATE_LIMIT_PER_SECOND: '0',
    });
    const expected = [
      /^PORT must be a whole number from 0 to 65535 \(got "eighty"\): use a free TCP port/,
      /^ROOM_CAPACITY must be a whole number from 2 to 1000 \(got "1"\)/,
      /^HEARTBEAT_INTERVAL_MS must be a whole number/,
      /^ALLOWED_ORIGINS entry "example.com" is not an origin: use scheme:\/\/host\[:port\]/,
      /^ALLOWED_ORIGINS entry "https:\/\/ok.example\/path" is not an origin/,
      /^TLS_CERT points to ".*cert.pem", which cannot be read/,
      /^TLS_CERT is set without TLS_KEY: set both/,
      /^RESUME_SECRET is shorter than 32 characters/,
      /^TURN_URLS has entries that are not turn: or turns: URLs \("http:\/\/turn.example"\)/,
      /^TURN_URLS is set but TURN_SECRET is not: set TURN_SECRET/,
      /^STUN_URLS has entries that are not stun: or stuns: URLs/,
      /^TURN_TTL_SECONDS must be a whole number from 10/,
      /^LOG_LEVEL "loud" is unknown: use one of fatal, error/,
      /^RATE_LIMIT_PER_SECOND must be a whole number from 1 to 1000000 \(got "0"\)/,
    ];
    for (const pattern of expected) {
      expect(
        found.some((p) => pattern.test(p)),
        `${pattern} in\n${found.join('\n')}`,
      ).toBe(true);
    }
    expect(found).toHaveLength(expected.length);
  });

  it('takes TLS_SELF_SIGNED alone, not with a certificate', () => {
    expect(loadConfig({ TLS_SELF_SIGNED: '1' }).selfSignedTls).toBe(true);
    expect(loadConfig({}).selfSignedTls).toBe(false);
    const dir = tempDir();
    writeFileSync(join(dir, 'c.pem'), 'x');
    expect(
      configProblems({
        TLS_SELF_SIGNED: '1',
        TLS_CERT: join(dir, 'c.pem'),
        TLS_KEY: join(dir, 'c.pem'),
      }),
    ).toEqual([
      'TLS_SELF_SIGNED is set together with TLS_CERT/TLS_KEY: use your certificate or a generated one, not both.',
    ]);
    expect(configProblems({ TLS_SELF_SIGNED: 'yes' })).toEqual([
      'TLS_SELF_SIGNED must be 1 or 0 (got "yes").',
    ]);
  });

  it('complains about TURN_SECRET without TURN_URLS', () => {
    expect(configProblems({ TURN_SECRET: 'x' })).toEqual([
      'TURN_SECRET is set but TURN_URLS is not: set TURN_URLS, e.g. turn:turn.example.com:3478.',
    ]);
  });

  it('puts all problems in the error message', () => {
    expect(() => loadConfig({ PORT: '99999', LOG_LEVEL: 'x' })).toThrow(
      /Invalid configuration:\n {2}- PORT .*\n {2}- LOG_LEVEL/,
    );
  });
});

describe('abuse limits', () => {
  it('has sane defaults and reads every variable', () => {
    expect(loadConfig({}).limits).toMatchObject({
      maxConnections: 10_000,
      maxConnectionsPerAddress: 64,
      maxRooms: 5000,
      chatBytesPerRoom: 512 * 1024,
      chatBytesTotal: 64 * 1024 * 1024,
      chat: { burst: 30, perSecond: 3 },
    });
    const limits = loadConfig({
      MAX_CONNECTIONS: '100',
      MAX_CONNECTIONS_PER_ADDRESS: '4',
      MAX_ROOMS: '7',
      CHAT_HISTORY_BYTES_PER_ROOM: '40000',
      CHAT_HISTORY_BYTES_TOTAL: '80000',
      JOIN_BURST: '2',
      JOINS_PER_MINUTE: '6',
      JOIN_BURST_PER_ADDRESS: '3',
      JOINS_PER_MINUTE_PER_ADDRESS: '30',
      CHAT_BURST: '5',
      CHAT_PER_SECOND: '1',
      TURN_GRANT_BURST_PER_ADDRESS: '9',
      TURN_GRANTS_PER_MINUTE_PER_ADDRESS: '120',
    }).limits;
    expect(limits).toEqual({
      maxConnections: 100,
      maxConnectionsPerAddress: 4,
      maxRooms: 7,
      chatBytesPerRoom: 40000,
      chatBytesTotal: 80000,
      joinsPerConnection: { burst: 2, perSecond: 0.1 },
      joinsPerAddress: { burst: 3, perSecond: 0.5 },
      chat: { burst: 5, perSecond: 1 },
      turnGrantsPerAddress: { burst: 9, perSecond: 2 },
    });
  });

  it('names each mistake', () => {
    const problems = configProblems({
      MAX_CONNECTIONS_PER_ADDRESS: '1',
      CHAT_HISTORY_BYTES_PER_ROOM: '1000',
      CHAT_HISTORY_BYTES_TOTAL: '40000',
      CHAT_PER_SECOND: 'fast',
    });
    expect(problems.join('\n')).toMatch(
      /MAX_CONNECTIONS_PER_ADDRESS must be a whole number from 2/,
    );
    expect(problems.join('\n')).toMatch(/CHAT_HISTORY_BYTES_PER_ROOM must be .* at least 32768/);
    expect(problems.join('\n')).toMatch(/CHAT_PER_SECOND must be a whole number/);
    expect(
      configProblems({ CHAT_HISTORY_BYTES_PER_ROOM: '50000', CHAT_HISTORY_BYTES_TOTAL: '40000' }),
    ).toEqual([expect.stringMatching(/CHAT_HISTORY_BYTES_TOTAL .* below/)]);
  });
});
