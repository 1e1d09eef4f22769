/**
 * Issue 8, phones and PWA: the web app manifest is served and valid, Chromium finds the app
 * installable, the service worker registers, controls the page and caches the app shell (never
 * signaling or the server's endpoints); offline, a reload shows the cached shell saying it is
 * offline, or the offline page when the shell is not cached; a new build is offered as a reload.
 * The call screen is a chunk of its own that the lobby loads before Join, from the cache too.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import { UI_TIMEOUT_MS } from '../support/app.js';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH } from '../support/browser.js';

/** The web build the servers serve (what E2E_WEB_ROOT names, else packages/web/dist). */
const WEB_ROOT =
  process.env.E2E_WEB_ROOT ??
  join(dirname(fileURLToPath(import.meta.url)), '../../packages/web/dist');

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** The call screen's script, which the first screen does not load (room/callScreen.ts). */
const CALL_CHUNK = /^\/assets\/callScreenModule-[\w-]+\.js$/;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1'), 'PNG signature').toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Waits until a service worker controls `page` and returns its script URL. */
async function waitForController(page: Page): Promise<string> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), {
      timeout: UI_TIMEOUT_MS,
    })
    .not.toBeNull();
  return page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
}

/** The app's shell caches and the URL paths each holds. */
function shellCaches(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const key of await caches.keys()) {
      if (!key.startsWith('zvonok-shell-')) continue;
      const cache = await caches.open(key);
      out[key] = (await cache.keys()).map((r) => new URL(r.url).pathname);
    }
    return out;
  });
}

test('the manifest is served, complete and valid; its icons exist at their sizes', async ({
  server,
  people,
}) => {
  const response = await fetch(`${server.url}/manifest.webmanifest`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/(manifest\+)?json/);
  const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
  expect(manifest).toMatchObject({
    name: 'Zvonok',
    short_name: 'Zvonok',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
  });
  const want = [
    { sizes: '192x192', purpose: 'any' },
    { sizes: '512x512', purpose: 'any' },
    { sizes: '512x512', purpose: 'maskable' },
  ];
  for (const { sizes, purpose } of want) {
    const icon = manifest.icons.find(
      (i) => i.sizes === sizes && (i.purpose ?? 'any').split(' ').includes(purpose),
    );
    expect(icon, `${purpose} icon ${sizes}`).toBeDefined();
    const file = await fetch(`${server.url}${icon?.src}`);
    expect(file.status, icon?.src).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    const [width, height] = sizes.split('x').map(Number);
    expect(pngSize(Buffer.from(await file.arrayBuffer()))).toEqual({ width, height });
  }

  // Chromium's own parser agrees, and the page links the manifest.
  const person = await people.add('Ann');
  await person.page.goto(server.url);
  const cdp = await person.context.newCDPSession(person.page);
  const parsed = await cdp.send('Page.getAppManifest');
  expect(parsed.url).toBe(`${server.url}/manifest.webmanifest`);
  expect(parsed.errors).toEqual([]);
});

test('Chromium finds the app installable (manifest + service worker with a fetch handler)', async ({
  server,
}) => {
  // Installability is never granted off the record, which every Playwright context is: a
  // persistent profile is a normal one.
  const profile = await mkdtemp(join(tmpdir(), 'zvonok-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_BASE_ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await waitForController(page);
    const cdp = await context.newCDPSession(page);
    await expect
      .poll(
        async () =>
          (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors.map(
            (e) => e.errorId,
          ),
        { timeout: UI_TIMEOUT_MS },
      )
      .toEqual([]);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test('the service worker controls the page, caches the shell, and leaves the server alone', async ({
  server,
  people,
  room,
}) => {
  const { page } = await people.add('Ann');
  await page.goto(server.url);
  expect(await waitForController(page)).toBe(`${server.url}/sw.js`);

  const caches = await shellCaches(page);
  const names = Object.keys(caches);
  expect(names, 'one cache, of this build').toHaveLength(1);
  const cached = caches[names[0] ?? ''] ?? [];
  expect(cached).toEqual(expect.arrayContaining(['/', '/offline.html', '/manifest.webmanifest']));
  expect(cached.filter((p) => /^\/assets\/index-[\w-]+\.js$/.test(p))).toHaveLength(1);
  // The call screen is a chunk of its own, cached with the shell (a room page opens offline).
  expect(
    cached.filter((p) => CALL_CHUNK.test(p)),
    'the call screen chunk',
  ).toHaveLength(1);
  expect(cached.filter((p) => /^\/(ws|api|healthz|metrics)/.test(p))).toEqual([]);

  // A reload takes the shell's files from the worker; the server's endpoints never.
  const fromWorker = new Map<string, boolean>();
  page.on('response', (r) => fromWorker.set(new URL(r.url()).pathname, r.fromServiceWorker()));
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));
  await page.goto(`${server.url}/r/${room}`);
  await expect(page.getByRole('button', { name: 'Join call' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  const script = [...fromWorker.keys()].find((p) => /^\/assets\/index-.*\.js$/.test(p));
  expect(script && fromWorker.get(script), `${script} from the worker`).toBe(true);
  // The lobby loads the call screen in the background, before Join is pressed.
  await expect
    .poll(() => [...fromWorker].some(([p, sw]) => CALL_CHUNK.test(p) && sw), {
      timeout: UI_TIMEOUT_MS,
    })
    .toBe(true);
  await page.evaluate(async () => {
    await fetch('/healthz');
    await fetch('/metrics');
  });
  expect(fromWorker.get('/healthz')).toBe(false);
  expect(fromWorker.get('/metrics')).toBe(false);
  await page.getByRole('button', { name: 'Join call' }).click();
  await expect(page.getByRole('toolbar', { name: 'Call controls' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  expect(sockets).toContain('/ws');
});

test('offline: a reload shows the cached app saying it is offline; without the shell, the offline page', async ({
  server,
  people,
  room,
}) => {
  const { page, context } = await people.add('Ann');
  await page.goto(server.url);
  await waitForController(page);
  const offline = page.getByRole('status').filter({ hasText: 'You are offline.' });
  await expect(offline).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Zvonok' })).toBeVisible();
  await expect(offline).toBeVisible();
  // A room link opens too (the camera preview works offline); joining is what needs the network.
  await page.goto(`${server.url}/r/${room}`);
  await expect(page.getByRole('button', { name: 'Join call' })).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  await expect(offline).toBeVisible();

  // Back online the notice goes away by itself.
  await context.setOffline(false);
  await expect(offline).toHaveCount(0);

  // Without the cached shell (evicted), a navigation offline gets the plain offline page.
  await page.evaluate(async () => {
    for (const key of await caches.keys()) await (await caches.open(key)).delete('/');
  });
  await context.setOffline(true);
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Try again/ })).toBeVisible();
  await expect(page).toHaveTitle('Zvonok · Offline');
});

test('a new build is offered as a reload, and the reload runs it', async ({
  startServer,
  people,
}) => {
  // A server of its own, over a copy of the build that the test can change.
  const root = await mkdtemp(join(tmpdir(), 'zvonok-e2e-web-'));
  try {
    await cp(WEB_ROOT, root, { recursive: true });
    const own = await startServer({ env: { WEB_ROOT: root } });
    const { page } = await people.add('Ann');
    await page.goto(own.url);
    await waitForController(page);
    const [before] = Object.keys(await shellCaches(page));

    // "Deploy" a new build: a different build id is a different sw.js, with the compressed
    // copies the server sends (the build writes them beside every file).
    const swPath = join(root, 'sw.js');
    const sw = (await readFile(swPath, 'utf8')).replace(/"build":"(\w+)"/, '"build":"$1next"');
    await writeFile(swPath, sw);
    await writeFile(`${swPath}.br`, brotliCompressSync(sw));
    await writeFile(`${swPath}.gz`, gzipSync(sw));

    const prompt = page
      .getByRole('status')
      .filter({ hasText: 'A new version of Zvonok is ready.' });
    await expect(prompt).toHaveCount(0);
    await page.reload(); // A navigation makes the browser look for a new worker.
    await expect(prompt).toBeVisible({ timeout: UI_TIMEOUT_MS });

    await Promise.all([
      page.waitForEvent('load', { timeout: UI_TIMEOUT_MS }),
      prompt.getByRole('button', { name: 'Reload' }).click(),
    ]);
    await expect(prompt).toHaveCount(0);
    // The new worker is in charge and only the new build's cache is left.
    await expect.poll(async () => Object.keys(await shellCaches(page))).toEqual([`${before}next`]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
