// `npm run bench:web`: what a browser actually downloads from the server `npm start` runs.
//
// Starts the built server (packages/server/dist/main.js, a free loopback port) and Debian's
// Chromium, and counts the encoded bytes of every response, as Chromium reports them
// (Playwright's request.sizes(): body and headers as received, before decoding):
//   - first visit: a fresh profile opens `/` and waits until the app is drawn and the service
//     worker has cached the shell; "before the app runs" is index.html with the scripts and
//     stylesheets it names, the budget counts the JS + CSS of those;
//   - repeat visit: the same profile opens `/` again (what comes from the service worker or the
//     HTTP cache costs nothing on the network and is listed as such);
//   - lobby: a fresh profile opens a room link; the lobby must load the call screen's chunk in
//     the background before Join (it is not part of the first load).
// Besides the browser's figures, the same initial files are fetched as a client that accepts
// only gzip and one that accepts no compression at all, so both fallbacks are known.
//
// Checks (exit 1 when one fails): the initial JS + CSS the browser downloads is within the
// budget; every script and stylesheet is sent compressed with Vary: accept-encoding; hashed
// assets are immutable and index.html no-cache; index.html has no inline script or style and
// nothing from another origin (the server's CSP allows only 'self'); the call screen is not in
// index.html and the lobby loads it before Join.
//
// Options: --check (measure and check only: no results file, docs left alone; `npm test` runs
// this), --out FILE. Otherwise the figures go to bench/web/results/<date>.json and the
// "## Web bundle" section of docs/PERFORMANCE.md.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

/** Budget for the initial JS + CSS a browser downloads on its first visit (issue 3, 18). */
export const BUDGET_BYTES = 60 * 1024;

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const distDir = join(repo, 'packages', 'web', 'dist');
const perfDoc = join(repo, 'docs', 'PERFORMANCE.md');
const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const outArg = args.indexOf('--out');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The room of the lobby visit (any valid name: nobody joins it). */
const LOBBY_ROOM = 'benchWebLobby0123456789';
/** The chunk that holds the call screen (packages/web/src/room/callScreenModule.ts). */
const CALL_CHUNK = /^\/assets\/callScreenModule-[\w-]+\.(js|css)$/;

/** @type {string[]} */
const problems = [];
/** @param {number} n */
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The files index.html names (scripts, stylesheets, module preloads), and CSP problems. */
function initialFiles() {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  /** @param {string} attrs @param {string} name */
  const attr = (attrs, name) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(attrs)?.[1];
  /** @type {{ url: string, kind: 'js' | 'css' }[]} */
  const files = [];
  for (const [, tag = '', attrs = ''] of html.matchAll(/<(script|link|style)\b([^>]*)>/gi)) {
    const name = tag.toLowerCase();
    if (name === 'style') problems.push('inline <style> in index.html');
    if (name === 'script') {
      const src = attr(attrs, 'src');
      if (!src) problems.push('inline <script> in index.html');
      else files.push({ url: src, kind: 'js' });
    }
    if (name === 'link') {
      const rel = attr(attrs, 'rel') ?? '';
      const href = attr(attrs, 'href') ?? '';
      if (rel === 'stylesheet') files.push({ url: href, kind: 'css' });
      if (rel === 'modulepreload') files.push({ url: href, kind: 'js' });
    }
  }
  if (/\sstyle\s*=/i.test(html)) problems.push('style="" attribute in index.html');
  for (const f of files) {
    if (/^(https?:)?\/\//i.test(f.url)) problems.push(`third-party origin: ${f.url}`);
  }
  return files;
}

/** Starts the built server on a free loopback port; resolves with its URL and a stop(). */
async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'zvonok-bench-web-'));
  const child = spawn(process.execPath, [join(repo, 'packages/server/dist/main.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /Zvonok listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop };
}

/**
 * Bytes of one response as a client accepting `acceptEncoding` gets them (body, encoded).
 * @param {string} url
 * @param {string} acceptEncoding
 * @returns {Promise<{ bytes: number, encoding: string }>}
 */
function fetchEncoded(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () =>
        resolve({ bytes, encoding: res.headers['content-encoding'] ?? 'identity' }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/**
 * @typedef {object} Row one response as the browser received it
 * @property {string} path
 * @property {number} status
 * @property {'page' | 'service worker'} by who asked for it
 * @property {boolean} fromServiceWorker answered by the service worker, not the network
 * @property {string} encoding
 * @property {string} vary
 * @property {string} cacheControl
 * @property {number} bodyBytes
 * @property {number} headerBytes
 */

/**
 * Collects every request of a browser context with its encoded sizes once finished.
 * @param {import('@playwright/test').BrowserContext} context
 */
function recordRequests(context) {
  /** @type {Promise<Row>[]} */
  const pending = [];
  context.on('requestfinished', (req) => {
    pending.push(
      (async () => {
        const res = await req.response();
        const sizes = await req.sizes();
        const url = new URL(req.url());
        return {
          path: url.pathname,
          status: res?.status() ?? 0,
          by: req.serviceWorker() ? 'service worker' : 'page',
          fromServiceWorker: res?.fromServiceWorker() ?? false,
          encoding: (await res?.headerValue('content-encoding')) ?? 'identity',
          vary: (await res?.headerValue('vary')) ?? '',
          cacheControl: (await res?.headerValue('cache-control')) ?? '',
          // Chromium reports odd sizes for answers from the service worker: none reach the wire.
          bodyBytes: res?.fromServiceWorker() ? 0 : sizes.responseBodySize,
          headerBytes: res?.fromServiceWorker() ? 0 : sizes.responseHeadersSize,
        };
      })(),
    );
  });
  return async () => Promise.all(pending.splice(0));
}

/** Network bytes of a list of requests (a response from the service worker costs nothing). */
/** @param {Row[]} rows */
const onWire = (rows) =>
  rows.filter((r) => !r.fromServiceWorker).reduce((n, r) => n + r.bodyBytes + r.headerBytes, 0);

/** @param {string} url */
async function measure(url) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // The lobby starts the camera: a fake one, granted without a prompt.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
  try {
    const context = await browser.newContext();
    const take = recordRequests(context);
    const page = await context.newPage();
    // The app has drawn its first view into #app.
    const appDrawn = () => page.locator('#app > *').first().waitFor();
    const swReady = () =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        return reg.active?.state;
      });

    await page.goto(url, { waitUntil: 'load' });
    await appDrawn();
    await swReady();
    await page.waitForLoadState('networkidle');
    const first = await take();

    await page.goto(url, { waitUntil: 'load' });
    await appDrawn();
    await page.waitForLoadState('networkidle');
    const repeat = await take();

    // A room link opened in a fresh profile: the lobby is drawn from the same initial files,
    // then loads the call screen in the background while the person is still there.
    const lobbyContext = await browser.newContext();
    const takeLobby = recordRequests(lobbyContext);
    const lobbyPage = await lobbyContext.newPage();
    await lobbyPage.goto(`${url}/r/${LOBBY_ROOM}`, { waitUntil: 'load' });
    await lobbyPage.getByRole('button', { name: 'Join call' }).waitFor();
    await lobbyPage.waitForLoadState('networkidle');
    const lobby = await takeLobby();
    await lobbyContext.close();
    return { first, repeat, lobby };
  } finally {
    await browser.close();
  }
}

const files = initialFiles();
const server = await startServer();
let result;
try {
  const { first, repeat, lobby } = await measure(server.url);
  const initialPaths = new Set(['/', ...files.map((f) => f.url)]);
  const pageInitial = first.filter((r) => r.by === 'page' && initialPaths.has(r.path));
  const jsCss = pageInitial.filter((r) => r.path !== '/');
  const initialJsCss = jsCss.reduce((n, r) => n + r.bodyBytes, 0);

  const fallbacks = [];
  for (const f of files) {
    const raw = readFileSync(join(distDir, f.url.replace(/^\//, ''))).length;
    const gzip = await fetchEncoded(`${server.url}${f.url}`, 'gzip');
    const identity = await fetchEncoded(`${server.url}${f.url}`, 'identity');
    if (gzip.encoding !== 'gzip') problems.push(`${f.url} is not sent gzipped to a gzip client`);
    fallbacks.push({ ...f, raw, gzipBytes: gzip.bytes, identityBytes: identity.bytes });
  }
  for (const f of files) {
    const row = jsCss.find((r) => r.path === f.url);
    if (!row) problems.push(`${f.url} was not downloaded on the first visit`);
    else {
      if (row.encoding === 'identity') problems.push(`${f.url} was sent uncompressed`);
      if (!/accept-encoding/i.test(row.vary))
        problems.push(`${f.url} has no Vary: accept-encoding`);
      if (!/immutable/.test(row.cacheControl)) problems.push(`${f.url} is not immutable`);
    }
  }
  // The first screen must not carry the call screen, and the lobby must fetch it before Join.
  for (const f of files) {
    if (CALL_CHUNK.test(f.url)) problems.push(`${f.url} (the call screen) is in index.html`);
  }
  const lobbyCall = lobby.filter((r) => r.by === 'page' && CALL_CHUNK.test(r.path));
  if (!lobbyCall.some((r) => r.path.endsWith('.js')))
    problems.push('the lobby did not load the call screen before Join');
  const lobbyInitial = lobby.filter((r) => r.by === 'page' && initialPaths.has(r.path));
  const index = pageInitial.find((r) => r.path === '/');
  if (index?.cacheControl !== 'no-cache') problems.push('index.html is not no-cache');
  if (initialJsCss > BUDGET_BYTES)
    problems.push(`initial JS+CSS ${kb(initialJsCss)} downloaded is over ${kb(BUDGET_BYTES)}`);

  result = {
    date: new Date().toISOString(),
    method:
      'built server (npm start equivalent) on loopback, Debian Chromium via Playwright, fresh profile; encoded bytes per response from request.sizes()',
    budgetBytes: BUDGET_BYTES,
    initialJsCssBytes: initialJsCss,
    firstVisit: {
      beforeAppRunsBytes: onWire(pageInitial),
      totalBytes: onWire(first),
      requests: first,
    },
    repeatVisit: { totalBytes: onWire(repeat), requests: repeat },
    lobbyVisit: {
      initialJsCssBytes: lobbyInitial
        .filter((r) => /\.(js|css)$/.test(r.path))
        .reduce((n, r) => n + r.bodyBytes, 0),
      callScreenBytes: lobbyCall.reduce((n, r) => n + r.bodyBytes, 0),
      callScreenRequests: lobbyCall.length,
      totalBytes: onWire(lobby),
      requests: lobby,
    },
    initialFiles: fallbacks.map((f) => ({
      ...f,
      browserBytes: jsCss.find((r) => r.path === f.url)?.bodyBytes ?? null,
      browserEncoding: jsCss.find((r) => r.path === f.url)?.encoding ?? null,
    })),
    problems,
  };
} finally {
  await server.stop();
}

/** @param {'raw' | 'gzipBytes'} key */
const sum = (key) => result.initialFiles.reduce((n, f) => n + f[key], 0);
const table = [
  '| file | raw | gzip only | browser (encoding) |',
  '| --- | ---: | ---: | ---: |',
  ...result.initialFiles.map(
    (f) =>
      `| \`${f.url}\` | ${kb(f.raw)} | ${kb(f.gzipBytes)} | ${kb(f.browserBytes ?? 0)} (${f.browserEncoding}) |`,
  ),
  `| **initial JS + CSS** | ${kb(sum('raw'))} | ${kb(sum('gzipBytes'))} | **${kb(result.initialJsCssBytes)}** |`,
].join('\n');
const visits = [
  '| visit | on the network | requests | from the service worker |',
  '| --- | ---: | ---: | ---: |',
  `| first: index.html + initial JS + CSS | ${kb(result.firstVisit.beforeAppRunsBytes)} | ${files.length + 1} | 0 |`,
  `| first: everything, service worker's shell cache included | ${kb(result.firstVisit.totalBytes)} | ${result.firstVisit.requests.length} | 0 |`,
  `| repeat (same profile) | ${kb(result.repeatVisit.totalBytes)} | ${result.repeatVisit.requests.filter((r) => !r.fromServiceWorker).length} | ${result.repeatVisit.requests.filter((r) => r.fromServiceWorker).length} |`,
  `| lobby, first visit: initial JS + CSS | ${kb(result.lobbyVisit.initialJsCssBytes)} | ${files.length} | 0 |`,
  `| lobby, first visit: call screen loaded in the background before Join | ${kb(result.lobbyVisit.callScreenBytes)} | ${result.lobbyVisit.callScreenRequests} | 0 |`,
].join('\n');
console.log(`${table}\n\n${visits}`);

if (!checkOnly) {
  const date = result.date.slice(0, 10);
  const stamp = result.date.slice(0, 19).replace(/:/g, '-');
  const resultsDir = join(repo, 'bench', 'web', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const out = (outArg >= 0 ? args[outArg + 1] : undefined) ?? join(resultsDir, `${stamp}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  const section = `## Web bundle

\`npm run bench:web\` (${date}): what Debian Chromium downloads from the built server (\`npm
start\`), counted as the encoded bytes of each response (headers not included in the file rows).
The server sends the brotli and gzip copies written at build time, chosen by \`Accept-Encoding\`
(\`Vary: accept-encoding\`); hashed assets are \`immutable\` for a year, index.html \`no-cache\`.
"gzip only" is the same file fetched by a client that accepts only gzip. Budget, checked by
\`npm test\`: ${kb(BUDGET_BYTES)} of initial JS + CSS downloaded on the first visit. index.html has
no inline script or style and nothing from another origin (the server's CSP allows only
\`'self'\`). Raw: \`bench/web/results/${stamp}.json\`.

${table}

${visits}

The first screen (landing page and lobby) loads only its own code: the call screen (the SDK's
call, signaling and peer connections, and the call view with its panels, menus and dialogs) is a
chunk of its own that the lobby fetches in the background, so Join does not wait for it, and that
the service worker caches with the rest of the shell. Before that split (2026-12-03, commit
\`110710e\`) the first load was 59.8 KB.

A browser that accepts only gzip gets the "gzip only" column; one that accepts no compression the
"raw" one. Before the server sent compressed copies (2026-12-03, commit \`182de67\`), every
browser got the raw files: 198.8 KB of initial JS + CSS (202.1 KB with index.html). The repeat
visit is the page revalidated through the service worker (a \`304\`); the scripts, stylesheet and
icon come from its cache.
`;
  let doc = readFileSync(perfDoc, 'utf8');
  const start = doc.indexOf('## Web bundle');
  if (start >= 0) {
    const next = doc.indexOf('\n## ', start + 1);
    doc = doc.slice(0, start) + section + (next >= 0 ? doc.slice(next) : '');
  } else {
    doc = `${doc.trimEnd()}\n\n${section}`;
  }
  // Written as Prettier would, so that `npm run lint` (prettier --check) stays green.
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(perfDoc)) ?? {};
  writeFileSync(perfDoc, await prettier.format(doc, { ...config, filepath: perfDoc }));
  console.log(`\nwritten to ${out} and ${perfDoc}`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`FAIL: ${p}`);
  process.exit(1);
}
console.log(`\nbudget met: ${kb(result.initialJsCssBytes)} <= ${kb(BUDGET_BYTES)}`);
