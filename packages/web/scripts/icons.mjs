// Renders the app icons the web app manifest and iOS need from public/icon.svg, with Debian's
// Chromium: PNGs, because Chromium's installability check and iOS's home screen want raster
// icons of known sizes. Run after changing the icon; the PNGs are committed.
//   node packages/web/scripts/icons.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
const svg = readFileSync(join(publicDir, 'icon.svg'), 'utf8');
const glyph = /<path[^>]*\/>/.exec(svg)?.[0];
if (!glyph) throw new Error('public/icon.svg has no <path>');

// Maskable: the platform cuts its own shape (circle, squircle...) out of a full-bleed square and
// keeps only the centre circle of 80 % for sure, so the background fills everything and the
// glyph shrinks towards the centre.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#2f6fed"/><g transform="translate(32 32) scale(0.8) translate(-32 -32)">${glyph}</g></svg>`;
// iOS draws its own rounded corners and shows transparency as black: a full square.
const opaque = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#2f6fed"/>${glyph}</svg>`;

const outputs = [
  { file: 'icons/icon-192.png', size: 192, source: svg },
  { file: 'icons/icon-512.png', size: 512, source: svg },
  { file: 'icons/icon-maskable-512.png', size: 512, source: maskable },
  { file: 'icons/apple-touch-icon.png', size: 180, source: opaque },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const { file, size, source } of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    await page.screenshot({ path: join(publicDir, file), omitBackground: true });
    await page.close();
    console.log(file);
  }
} finally {
  await browser.close();
}
