import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, type ServerConfig } from '../src/index.js';
import {
  startServer,
  tempDir,
  TEST_METRICS_TOKEN,
  TestClient,
  type TestServer,
} from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];
async function start(overrides: Partial<ServerConfig> = {}) {
  server = await startServer(overrides);
}
afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await server?.close();
});

function webBuild(): string {
  const root = tempDir();
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'manifest.webmanifest'), '{}');
  return root;
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self)',
};

describe('static app', () => {
  it('serves index.html no-cache, hashed assets immutable, and /r/* as the app', async () => {
    await start({ webRoot: webBuild() });
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>app</title>');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    const route = await fetch(`${server.url}/r/some-room`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>app</title>');
    expect((await fetch(`${server.url}/nope.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/../package.json`)).status).toBe(404);
  });

  it('answers any other page address with the app and status 404; files and the API keep a plain 404', async () => {
    await start({ webRoot: webBuild() });
    for (const path of ['/nope', '/some/deep/page/', '/r', '/room?x=1']) {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toContain('<title>app</title>');
    }
    const head = await fetch(`${server.url}/nope`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(head.headers.get('content-type')).toMatch(/^text\/html/);
    for (const [method, path] of [
      ['GET', '/nope.js'],
      ['GET', '/assets/missing'],
      ['GET', '/api/nothing'],
      ['GET', '/healthz/x'],
      ['POST', '/nope'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, { method, headers: { accept: 'text/html' } });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type'), `${method} ${path}`).toMatch(/^application\/json/);
      expect(await res.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });

  it('sends the precompressed copies a browser accepts, brotli first, with Vary', async () => {
    const root = webBuild();
    const script = 'console.log("zvonok");\n'.repeat(200);
    const html = `<!doctype html><title>app</title>${'<p>hello</p>'.repeat(100)}`;
    const files = { 'assets/index-abc123.js': script, 'index.html': html };
    for (const [name, body] of Object.entries(files)) {
      writeFileSync(join(root, name), body);
      writeFileSync(join(root, `${name}.br`), brotliCompressSync(body));
      writeFileSync(join(root, `${name}.gz`), gzipSync(body));
    }
    await start({ webRoot: root });

    /** A GET with a given Accept-Encoding, body kept as the bytes on the wire. */
    const get = (path: string, acceptEncoding?: string) =>
      new Promise<{ res: IncomingMessage; body: Buffer }>((resolve, reject) => {
        const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
        request(`${server.url}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        })
          .on('error', reject)
          .end();
      });

    const cases = [
      { accept: 'gzip, deflate, br, zstd', encoding: 'br' },
      { accept: 'gzip, deflate', encoding: 'gzip' },
      { accept: 'identity', encoding: undefined },
      { accept: undefined, encoding: undefined },
    ];
    for (const { accept, encoding } of cases) {
      const { res, body } = await get('/assets/index-abc123.js', accept);
      expect(res.statusCode, String(accept)).toBe(200);
      expect(res.headers['content-encoding'], String(accept)).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const expected =
        encoding === 'br'
          ? readFileSync(join(root, 'assets/index-abc123.js.br'))
          : encoding === 'gzip'
            ? readFileSync(join(root, 'assets/index-abc123.js.gz'))
            : Buffer.from(script);
      expect(body.equals(expected), String(accept)).toBe(true);
      if (encoding !== undefined) expect(body.length).toBeLessThan(script.length / 5);
    }

    for (const path of ['/', '/r/some-room']) {
      const { res, body } = await get(path, 'gzip, br');
      expect(res.headers['content-encoding'], path).toBe('br');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(body).toString()).toBe(html);
    }

    // A file the build left without copies is sent as it is, whatever is accepted.
    const { res, body } = await get('/manifest.webmanifest', 'br, gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(body.toString()).toBe('{}');
  });

  it('serves a page saying what this is when the web app is not built', async () => {
    await start({ webRoot: tempDir() });
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/Zvonok/);
    expect(html).toMatch(/signaling server/);
    expect(html).not.toMatch(/<script|style=/i);
  });
});

describe('security headers', () => {
  it('are on every response: pages, assets, 404s, health, metrics', async () => {
    await start({ webRoot: webBuild() });
    for (const path of [
      '/',
      '/assets/index-abc123.js',
      '/missing',
      '/healthz',
      '/metrics',
      '/r/x',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(res.headers.get(name), `${name} on ${path}`).toBe(value);
      }
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });
});

describe('origin check', () => {
  it('accepts the server’s own origin and clients without Origin; refuses others with 403', async () => {
    await start();
    const host = new URL(server.url).host;
    clients.push(await TestClient.connect(server, { headers: { origin: `http://${host}` } }));
    clients.push(await TestClient.connect(server));
    const refused = TestClient.connect(server, { headers: { origin: 'https://evil.example' } });
    await expect(refused).rejects.toThrow(/403/);
    const metrics = await server.metrics();
    expect(metrics).toMatch(/zvonok_upgrades_refused_total\{reason="origin"\} 1/);
  });

  it('accepts exactly ALLOWED_ORIGINS when configured', async () => {
    await start({ allowedOrigins: new Set(['https://call.example.com']) });
    clients.push(
      await TestClient.connect(server, { headers: { origin: 'https://call.example.com' } }),
    );
    const host = new URL(server.url).host;
    await expect(
      TestClient.connect(server, { headers: { origin: `http://${host}` } }),
    ).rejects.toThrow(/403/);
  });

  it('answers a refused upgrade with a plain 403 that carries the security headers', async () => {
    await start();
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(`${server.url}/ws`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
          origin: 'https://evil.example',
        },
      });
      req.on('response', resolve);
      req.on('upgrade', () => reject(new Error('upgraded')));
      req.on('error', reject);
      req.end();
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    res.resume();
  });
});

describe('healthz and metrics', () => {
  it('reports health as JSON', async () => {
    await start();
    const { client } = await TestClient.joined(server, { room: 'h' });
    clients.push(client);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', connections: 1, rooms: 1, peers: 1 });
  });

  it('exposes connections, rooms, messages by type, errors by code and relay latency', async () => {
    await start();
    const { client: a, joined: aj } = await TestClient.joined(server, { room: 'm' });
    const { client: b, joined: bj } = await TestClient.joined(server, { room: 'm' });
    clients.push(a, b);
    a.send({ type: 'offer', to: bj.id, sdp: 'x' });
    await b.next('offer');
    b.send({ type: 'answer', to: aj.id, sdp: 'y' });
    await a.next('answer');
    a.send({ type: 'offer', to: 'nobody', sdp: 'x' });
    await a.next('error');
    const res = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^zvonok_connections 2$/m);
    expect(text).toMatch(/^zvonok_rooms 1$/m);
    expect(text).toMatch(/^zvonok_peers 2$/m);
    expect(text).toMatch(/^zvonok_messages_total\{type="offer"\} 2$/m);
    expect(text).toMatch(/^zvonok_messages_total\{type="join"\} 2$/m);
    expect(text).toMatch(/^zvonok_errors_total\{code="SIG_ERR_UNKNOWN_PEER"\} 1$/m);
    expect(text).toMatch(/^zvonok_relay_latency_seconds_count 2$/m);
    expect(text).toMatch(/^zvonok_connections_total 2$/m);
    expect(text).toMatch(/^zvonok_process_resident_memory_bytes \d+/m);
  });
});
