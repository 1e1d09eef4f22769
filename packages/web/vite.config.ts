import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defaultClientConditions, defineConfig } from 'vite';
import { precompress } from './vite-plugins/precompress';
import { serviceWorker } from './vite-plugins/serviceWorker';

/**
 * The app is served by the signaling server (same origin, strict CSP: script-src 'self',
 * style-src 'self'), so the build must produce no inline script or style and no data: URIs.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The service worker (dist/sw.js) caches the shell of this very build; every text file of the
  // output then gets .br and .gz copies that the server sends as they are.
  plugins: [preact(), serviceWorker({ source: 'src/pwa/sw.ts' }), precompress()],
  resolve: {
    // Workspace packages resolve to their TypeScript sources.
    conditions: ['zvonok-source', ...defaultClientConditions],
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2022',
    // Inlined assets would become data: URIs, which the CSP does not allow.
    assetsInlineLimit: 0,
    // Every browser that has WebRTC supports modulepreload; the polyfill is dead weight.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/ws': { target: 'ws://localhost:8081', ws: true } },
  },
});
