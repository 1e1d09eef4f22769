import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defaultClientConditions, defineConfig } from 'vite';
import { precompress } from './vite-plugins/precompress';
import { serviceWorker } from './vite-plugins/serviceWorker';
import { ON_DEMAND_DIR } from './src/pwa/swRoutes';

/** Code and data only the effects (noise suppression, background) load, when turned on. */
function isOnDemand(id: string): boolean {
  return /[\\/]src[\\/]effects[\\/](noise|background)[\\/]|web-noise-suppressor|@mediapipe/.test(
    id,
  );
}

/**
 * The app is served by the signaling server (same origin, strict CSP: script-src 'self'
 * (and 'wasm-unsafe-eval' for the effects' WebAssembly),
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
    rollupOptions: {
      output: {
        // The effects' code, worklets, wasm and models go to assets/ondemand/: the service
        // worker does not download them with the app, only caches them once someone uses them.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some(isOnDemand)
            ? `${ON_DEMAND_DIR}/[name]-[hash].js`
            : 'assets/[name]-[hash].js',
        assetFileNames: (asset) =>
          asset.originalFileNames.some(isOnDemand)
            ? `${ON_DEMAND_DIR}/[name]-[hash][extname]`
            : 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    proxy: { '/ws': { target: 'ws://localhost:8081', ws: true } },
  },
});
