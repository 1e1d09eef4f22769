import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { get } from 'node:https';
import { fileURLToPath } from 'node:url';
import { CloseCode, PROTOCOL_V1 } from '@zvonok/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { lanUrls } from '../src/http/selfSigned.js';
import { startServer, tempDir, TestClient, withTimeout, type TestServer } from './helpers.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

let server: TestServer | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Runs src/main.ts as `npm start` would run dist/main.js, and waits for its listening line. */
async function spawnMain(
  env: Record<string, string>,
  listening = /^Zvonok listening on (http:\/\/127\.0\.0\.1:\d+)$/m,
) {
  const child = spawn(
    process.execPath,
    ['--conditions=zvonok-source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd: packageRoot,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = listening.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    }),
    15_000,
    'listening line',
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, output: () => stdout + stderr };
}

describe('graceful shutdown', () => {
  it('on SIGTERM tells v1 clients going-away, closes every socket with 1012, exits within 2 s', async () => {
    const main = await spawnMain({ DATA_DIR: tempDir() });
    const wsUrl = `${main.url.replace('http', 'ws')}/ws`;
    const v1 = await TestClient.connect(wsUrl, { v1: true });
    await v1.next('client-id');
    v1.send({ type: 'join', room: 'bye' });
    await v1.next('joined');
    const seed = await TestClient.connect(wsUrl);
    await seed.next('peer-list');

    const signalled = Date.now();
    main.child.kill('SIGTERM');
    expect((await v1.next('going-away')).reconnectInMs).toBeGreaterThan(0);
    expect((await v1.waitClose()).code).toBe(CloseCode.ServiceRestart);
    expect((await seed.waitClose()).code).toBe(CloseCode.ServiceRestart);
    expect(seed.received.some((m) => m.type === 'going-away')).toBe(false);
    expect(await withTimeout(main.exited, 2500, 'exit')).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(2000);
  });

  it('exits within 2 s even when a client never answers the close', async () => {
    const main = await spawnMain({ DATA_DIR: tempDir() });
    const ws = new WebSocket(`${main.url.replace('http', 'ws')}/ws`, [PROTOCOL_V1]);
    await new Promise((resolve) => ws.once('open', resolve));
    // Stop reading: the close frame is never answered.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const signalled = Date.now();
    main.child.kill('SIGINT');
    expect(await withTimeout(main.exited, 2500, 'exit')).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(2000);
    ws.terminate();
  });

  it('closes in-process sockets with 1012 on app.close()', async () => {
    server = await startServer();
    const { client } = await TestClient.joined(server, { room: 'x' });
    const closing = server.close();
    expect((await client.waitClose()).code).toBe(CloseCode.ServiceRestart);
    await closing;
    server = undefined;
  });
});

describe('main', () => {
  it('refuses a bad configuration with the problems and exit code 1', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=zvonok-source', '--import', 'tsx', 'src/main.ts'],
      { cwd: packageRoot, env: { ...process.env, PORT: 'x', ROOM_CAPACITY: '0' } },
    );
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await withTimeout(
      new Promise<number | null>((resolve) => child.on('exit', resolve)),
      15_000,
      'exit',
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT must be a whole number/);
    expect(stderr).toMatch(/ROOM_CAPACITY must be a whole number/);
  });
});

describe('TLS', () => {
  it('serves https and wss with HSTS', async () => {
    server = await startServer({
      tls: { certFile: fixture('localhost-cert.pem'), keyFile: fixture('localhost-key.pem') },
    });
    const ca = readFileSync(fixture('localhost-cert.pem'));
    const port = new URL(server.url).port;
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      get(`https://localhost:${port}/healthz`, { ca }, (res) => {
        res.resume();
        resolve(res.headers);
      }).on('error', reject);
    });
    expect(headers['strict-transport-security']).toBe('max-age=31536000');
    const ws = new WebSocket(`wss://localhost:${port}/ws`, { ca });
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (d: Buffer) => resolve(d.toString()));
      ws.once('error', reject);
    });
    expect(JSON.parse(first)).toMatchObject({ type: 'client-id' });
    ws.terminate();
  });
});

describe('self-signed TLS', () => {
  it('generates a certificate for localhost and the LAN addresses once, and serves https', async () => {
    const dataDir = tempDir();
    server = await startServer({ selfSignedTls: true, dataDir });
    const certFile = join(dataDir, 'self-signed-cert.pem');
    const ca = readFileSync(certFile);
    const port = new URL(server.url).port;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(`https://localhost:${port}/healthz`, { ca }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    expect(status).toBe(200);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const before = statSync(certFile).mtimeMs;
    await server.close();
    server = await startServer({ selfSignedTls: true, dataDir });
    expect(statSync(certFile).mtimeMs).toBe(before);
  });
});

describe('self-signed TLS from the command line', () => {
  it('on every address, says which https URLs a phone on the same network can open', async () => {
    const main = await spawnMain(
      { TLS_SELF_SIGNED: '1', HOST: '0.0.0.0', DATA_DIR: tempDir() },
      /^Zvonok listening on (https:\/\/localhost:\d+)$/m,
    );
    const port = Number(new URL(main.url).port);
    const expected = lanUrls(port);
    // The LAN lines follow the listening line in the same write.
    await expect
      .poll(() => main.output().match(/^On this network .*: (https:\S+)$/gm)?.length ?? 0)
      .toBe(expected.length);
    const printed = [...main.output().matchAll(/^On this network .*: (https:\S+)$/gm)].map(
      (m) => m[1],
    );
    expect(printed).toEqual(expected);
    for (const url of printed) expect(url).toMatch(/^https:\/\/\d+\.\d+\.\d+\.\d+:\d+$/);
  });
});

describe('logs', () => {
  it('never contain SDP, candidates, chat text, passwords or tokens', async () => {
    server = await startServer(
      {
        turn: { urls: ['turn:127.0.0.1:3478'], secret: 'TURN-SECRET-MARKER', ttlSeconds: 600 },
        resumeGraceMs: 50,
        rateLimit: { burst: 30, perSecond: 1, closeAfterDropped: 20 },
      },
      { captureLogs: true },
    );
    const { client: a, joined: aj } = await TestClient.joined(server, {
      room: 'secret-room',
      name: 'Ann',
      password: 'PASSWORD-MARKER',
    });
    const b = await TestClient.connect(server, { v1: true });
    await b.next('client-id');
    b.send({ type: 'join', room: 'secret-room', password: 'WRONG-PASSWORD-MARKER' });
    await b.next('error');
    b.send({ type: 'join', room: 'secret-room', password: 'PASSWORD-MARKER' });
    const bj = await b.next('joined');
    a.send({ type: 'offer', to: bj.id, sdp: 'v=0 SDP-MARKER' });
    await b.next('offer');
    b.send({ type: 'ice-candidate', to: aj.id, candidate: { candidate: 'CANDIDATE-MARKER' } });
    await a.next('ice-candidate');
    a.send({ type: 'chat', text: 'CHAT-MARKER', id: 'CHATID' });
    await b.next('chat');
    a.send({ type: 'ice-servers' });
    await a.next('ice-servers');
    b.sendRaw('{"type":"chat","text":"BADJSON-MARKER"');
    await b.next('error');
    b.sendRaw('{"type":"UNKNOWN-TYPE-MARKER"}');
    await b.next('error');
    b.send({ type: 'offer', to: 'nobody', sdp: 'SDP2-MARKER' });
    await b.next('error');
    a.drop();
    const { client: a2 } = await TestClient.joined(server, {
      room: 'secret-room',
      resumeToken: aj.resumeToken,
      password: 'PASSWORD-MARKER',
    });
    for (let i = 0; i < 80; i++) a2.send({ type: 'chat', text: `FLOOD-MARKER ${i}` });
    await a2.waitClose();
    b.close();
    const logs = server.logs;
    await server.close();
    server = undefined;

    const text = logs.join('\n');
    expect(logs.length).toBeGreaterThan(5);
    for (const line of logs) expect(() => JSON.parse(line) as unknown).not.toThrow();
    for (const secret of [
      'PASSWORD-MARKER',
      'SDP-MARKER',
      'SDP2-MARKER',
      'CANDIDATE-MARKER',
      'CHAT-MARKER',
      'BADJSON-MARKER',
      'FLOOD-MARKER',
      'TURN-SECRET-MARKER',
      aj.resumeToken,
      bj.resumeToken,
      bj.iceServers[0]?.credential ?? 'no-credential',
    ]) {
      expect(text).not.toContain(secret);
    }
    // The logs are not empty of meaning: connections and joins are there.
    expect(text).toMatch(/"msg":"connected"/);
    expect(text).toMatch(/"msg":"joined"/);
    expect(text).toMatch(/closing a flooding connection/);
  });
});
