import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text formats worth compressing; images other than SVG are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/i;

/** Files of `dir` and below, as absolute paths. */
function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/**
 * After a production build, writes `name.br` (brotli, quality 11) and `name.gz` (gzip, level 9)
 * beside every text file of the output, so that the server can send them as they are (chosen by
 * `Accept-Encoding`) instead of compressing on every request or not at all. A compressed copy
 * that would not be smaller is not written. Source maps are left alone: they are not sent to
 * browsers that do not ask for them.
 */
export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'zvonok:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    // After everything is written, public/ copied and the service worker built.
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const outDir = join(config.root, config.build.outDir);
        const files = listFiles(outDir).filter((f) => COMPRESSIBLE.test(f));
        await Promise.all(
          files.map(async (file) => {
            const body = readFileSync(file);
            const [br, gzipped] = await Promise.all([
              brotli(body, {
                params: {
                  [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                  [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
                },
              }),
              gz(body, { level: constants.Z_BEST_COMPRESSION }),
            ]);
            if (br.length < body.length) writeFileSync(`${file}.br`, br);
            if (gzipped.length < body.length) writeFileSync(`${file}.gz`, gzipped);
          }),
        );
      },
    },
  };
}
