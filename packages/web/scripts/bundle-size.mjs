// `npm run bench:web`: after `vite build`, measures what a first visit downloads before the app
// runs (the scripts, stylesheets and module preloads that dist/index.html names), gzipped with
// node's zlib at its default level, and records the figures in docs/PERFORMANCE.md under
// "## Web bundle". Also checks that index.html stays within the server's CSP: no inline script
// or style and nothing from another origin. Exits 1 when a check fails or the budget is blown.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Budget for the initial JS + CSS, gzipped (issue 3). */
const BUDGET_BYTES = 60 * 1024;

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(webDir, 'dist');
const perfDoc = join(webDir, '..', '..', 'docs', 'PERFORMANCE.md');
const html = readFileSync(join(distDir, 'index.html'), 'utf8');

const problems = [];
const tags = [...html.matchAll(/<(script|link|style)\b([^>]*)>/gi)];
const attr = (attrs, name) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(attrs)?.[1];
const files = [];
for (const [, tag, attrs] of tags) {
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
    if (/^(https?:)?\/\//i.test(href)) problems.push(`third-party origin: ${href}`);
  }
}
if (/\sstyle\s*=/i.test(html)) problems.push('style="" attribute in index.html');
for (const f of files) {
  if (/^(https?:)?\/\//i.test(f.url)) problems.push(`third-party origin: ${f.url}`);
}

const rows = files.map((f) => {
  const body = readFileSync(join(distDir, f.url.replace(/^\//, '')));
  return { ...f, raw: body.length, gzip: gzipSync(body).length };
});
const sum = (kind, key) =>
  rows.filter((r) => !kind || r.kind === kind).reduce((n, r) => n + r[key], 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const total = sum(undefined, 'gzip');
if (total > BUDGET_BYTES)
  problems.push(`initial JS+CSS ${kb(total)} gzipped is over ${kb(BUDGET_BYTES)}`);

const date = new Date().toISOString().slice(0, 10);
const table = [
  '| file | raw | gzipped |',
  '| --- | ---: | ---: |',
  ...rows.map((r) => `| \`${r.url}\` | ${kb(r.raw)} | ${kb(r.gzip)} |`),
  `| **JS** | ${kb(sum('js', 'raw'))} | ${kb(sum('js', 'gzip'))} |`,
  `| **CSS** | ${kb(sum('css', 'raw'))} | ${kb(sum('css', 'gzip'))} |`,
  `| **initial JS + CSS** | ${kb(sum(undefined, 'raw'))} | **${kb(total)}** |`,
].join('\n');
console.log(table);

const section = `## Web bundle

\`npm run bench:web\` (${date}): what the first visit of any page downloads before the app runs —
the scripts, stylesheets and module preloads that \`dist/index.html\` names — gzipped with node's
zlib at its default level. Budget: ${kb(BUDGET_BYTES)} gzipped. index.html has no inline script
or style and nothing from another origin (the server's CSP allows only \`'self'\`).

${table}
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
console.log(`\nwritten to ${perfDoc}`);

if (problems.length > 0) {
  for (const p of problems) console.error(`FAIL: ${p}`);
  process.exit(1);
}
