// The SDK as a third-party app gets it: packs @zvonok/protocol and @zvonok/sdk (built first, see
// `npm run test:sdk-package`), installs both tarballs into an empty project in a temporary
// directory, imports the SDK there in Node, and type-checks the example at the top of
// packages/sdk/README.md against the packed .d.ts files. Fails on anything a consumer would hit:
// a file missing from the tarball, `exports` pointing at nothing, a runtime export that api.md
// does not list (or the reverse), a README example that does not compile.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'zvonok-sdk-package-'));
const app = join(work, 'app');

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function fail(message) {
  console.error(`SDK package: ${message}`);
  process.exitCode = 1;
}

try {
  // 1. Pack. Only the build and the README ship: no sources, tests or test fakes.
  const packed = JSON.parse(
    run(
      'npm',
      ['pack', '--json', '-w', '@zvonok/protocol', '-w', '@zvonok/sdk', '--pack-destination', work],
      root,
    ),
  );
  for (const { name, filename, files } of packed) {
    const paths = files.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']) {
      if (name === '@zvonok/protocol' && needed === 'README.md') continue;
      if (!paths.includes(needed)) fail(`${filename} lacks ${needed}`);
    }
    const stray = paths.filter((p) => p.startsWith('src/') || /\.test\.|(^|\/)test\//.test(p));
    if (stray.length > 0) fail(`${filename} ships ${stray.join(', ')}`);
  }
  const tarballs = packed.map((p) => join(work, p.filename));

  // 2. Install into an empty project, as an app would (valibot comes from the registry or cache).
  run('mkdir', ['-p', app]);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }, null, 2),
  );
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', ...tarballs],
    app,
  );

  // 3. Import in Node: every runtime export api.md lists is there, and nothing else.
  const apiMd = readFileSync(join(root, 'packages/sdk/api.md'), 'utf8');
  const expected = [...apiMd.matchAll(/^\| `([^`]+)` \| ([^|]+) \|$/gm)]
    .filter(([, , kind]) => /class|function|const|enum/.test(kind) && !/type only/.test(kind))
    .map(([, name]) => name)
    .sort();
  writeFileSync(
    join(app, 'check.mjs'),
    `import * as sdk from '@zvonok/sdk';
import { Call } from '@zvonok/sdk/call';
if (Call !== sdk.Call) throw new Error('@zvonok/sdk/call gives another Call');
console.log(JSON.stringify(Object.keys(sdk).sort()));
`,
  );
  const actual = JSON.parse(run('node', ['check.mjs'], app));
  const missing = expected.filter((n) => !actual.includes(n));
  const extra = actual.filter((n) => !expected.includes(n));
  if (missing.length > 0) fail(`api.md lists ${missing.join(', ')}, the package lacks them`);
  if (extra.length > 0) fail(`the package exports ${extra.join(', ')}, api.md does not list them`);

  // 4. Type-check the README's first example against the packed types. The example uses a few
  //    names of the app around it; they are declared here.
  const readme = readFileSync(join(root, 'packages/sdk/README.md'), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!example) throw new Error('packages/sdk/README.md has no ```ts example');
  writeFileSync(
    join(app, 'example.ts'),
    `import type { Participant } from '@zvonok/sdk';
declare const preview: HTMLVideoElement;
declare function render(p: Participant): void;
declare const password: string | undefined;
${example}`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        types: [],
      },
      files: ['example.ts'],
    }),
  );
  try {
    run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], app);
  } catch (error) {
    fail(`the README example does not type-check against the packed types:\n${error.stdout}`);
  }
  if (!process.exitCode) {
    console.log(
      `SDK package: ${packed.map((p) => p.filename).join(' + ')} install, import in Node ` +
        `(${actual.length} exports) and compile the README example.`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
