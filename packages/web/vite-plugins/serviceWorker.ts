import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { cachedOnFirstUse } from '../src/pwa/swRoutes';

/** Options of {@link serviceWorker}. */
export interface ServiceWorkerOptions {
  /** The worker's source, relative to the Vite root. */
  source: string;
  /** Where it lands in the output (and the URL it is served at). Default `sw.js`. */
  fileName?: string;
}

/** Files of `dir`, as URL paths (`/icons/icon-192.png`). */
function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? listFiles(path, root)
      : [`/${relative(root, path).split(sep).join('/')}`];
  });
}

/**
 * Builds the service worker beside the app (production builds only) and writes into it what it
 * must cache: `var __ZVONOK_SW__ = { build, files }` on its first line. `files` are every output
 * of the build and of `public/` except source maps, the worker itself and the on-demand files
 * (`assets/ondemand/`, cached on first use), with `/` standing for
 * index.html; `build` is a hash of all their contents, so any change to the app gives a new
 * sw.js, which is what makes browsers install the new version.
 */
export function serviceWorker(options: ServiceWorkerOptions): Plugin {
  const fileName = options.fileName ?? 'sw.js';
  let config: ResolvedConfig;
  return {
    name: 'zvonok:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: join(config.root, options.source), fileName });
    },
    generateBundle: {
      order: 'post',
      handler(_output, bundle) {
        const worker = bundle[fileName];
        if (worker?.type !== 'chunk') this.error(`${fileName} was not built`);
        // A worker script cannot load the app's chunks: it must import nothing.
        if (worker.imports.length > 0 || worker.dynamicImports.length > 0) {
          this.error(
            `${fileName} imports ${worker.imports.join(', ')}: share no module with the app`,
          );
        }
        const hash = createHash('sha256');
        const files: string[] = [];
        for (const [name, output] of Object.entries(bundle).sort(([a], [b]) =>
          a.localeCompare(b),
        )) {
          if (name === fileName || name.endsWith('.map')) continue;
          hash.update(name).update(output.type === 'chunk' ? output.code : output.source);
          // On-demand files are cached when first used, not downloaded with the app.
          if (cachedOnFirstUse(`/${name}`)) continue;
          files.push(name === 'index.html' ? '/' : `/${name}`);
        }
        const publicDir = config.publicDir;
        if (publicDir && existsSync(publicDir)) {
          for (const url of listFiles(publicDir).sort()) {
            hash.update(url).update(readFileSync(join(publicDir, url)));
            files.push(url);
          }
        }
        if (!files.includes('/')) this.error('index.html is not in the bundle yet');
        const manifest = { build: hash.digest('hex').slice(0, 16), files };
        worker.code = `var __ZVONOK_SW__ = ${JSON.stringify(manifest)};\n${worker.code}`;
      },
    },
  };
}
