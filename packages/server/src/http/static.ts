import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** packages/web/dist, found from this file (src/http or dist/http: the same depth). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';

/** Shown when the web app has not been built: says what this is. No script, no inline style. */
const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Zvonok</title></head>
<body>
<h1>Zvonok</h1>
<p>This is the Zvonok signaling server for peer-to-peer video calls. Clients connect to
<code>/ws</code>.</p>
<p>The web app is not built yet: run <code>npm run build</code> (or <code>npm start</code>) to get it.</p>
</body>
</html>
`;

/**
 * Serves the built web app: hashed assets (Vite puts them under `/assets/`) cached for a year,
 * everything else (index.html, service worker, manifest) revalidated on every use, and the
 * in-app routes `/r/*` answered with index.html. Any other page address that is not a file
 * gets index.html too, with status 404, so a person sees the app's own "Nothing here" page with
 * a way home rather than a JSON error (see {@link isPageRoute}). Without a build, `/` explains
 * what this is.
 *
 * The build writes brotli (`.br`) and gzip (`.gz`) copies of every text file beside it
 * (packages/web/vite-plugins/precompress.ts): they are sent as they are to a browser whose
 * `Accept-Encoding` takes them (brotli first), with `Vary: accept-encoding`, so nothing is
 * compressed per request and no proxy is needed for a small first load. A file without copies,
 * or a client that accepts neither, gets the file itself.
 */
export async function registerStatic(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'web app not built; serving a placeholder page');
    const placeholder = (_request: unknown, reply: FastifyReply) =>
      reply.type('text/html; charset=utf-8').send(PLACEHOLDER);
    app.get('/', placeholder);
    app.get('/r/*', placeholder);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    cacheControl: false,
    preCompressed: true,
    etag: true,
    lastModified: true,
    setHeaders(reply, path) {
      void reply.header(
        'cache-control',
        path.includes(`${sep}assets${sep}`) && !path.endsWith('.html') ? IMMUTABLE : NO_CACHE,
      );
    },
  });
  app.get('/r/*', (_request, reply) => {
    void reply.header('cache-control', NO_CACHE);
    return reply.sendFile('index.html');
  });
  app.setNotFoundHandler((request, reply) => {
    if (!isPageRoute(request.method, request.url)) {
      return reply.code(404).send({
        message: `Route ${request.method}:${request.url} not found`,
        error: 'Not Found',
        statusCode: 404,
      });
    }
    void reply.code(404).header('cache-control', NO_CACHE);
    return reply.sendFile('index.html');
  });
}

/** Paths of the server itself and of built files: their 404s stay plain. */
const NOT_PAGES = /^\/(?:assets|api|ws|healthz|metrics)(?:\/|$)/;

/**
 * Whether a request that matched nothing is a person opening a page of the app (answered with
 * the app, which shows "Nothing here"): a GET or HEAD of a path under none of the server's own
 * paths whose last segment has no file extension. `/nope.js`, `/assets/x.css`, `/api/x` and a
 * POST keep their plain 404.
 */
export function isPageRoute(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const path = url.split(/[?#]/, 1)[0] ?? '';
  if (NOT_PAGES.test(path)) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}
