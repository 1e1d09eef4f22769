// `npm start`: build what is not built yet, then serve the app and signaling on
// http://localhost:8081 (PORT, HOST). Everything in memory; no external service needed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time below a folder (0 when missing). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const outputs = ['packages/protocol/dist', 'packages/server/dist', 'packages/web/dist'];
const sources = [
  'packages/protocol/src',
  'packages/server/src',
  'packages/sdk/src',
  'packages/web/src',
];
const stale =
  outputs.some((d) => !existsSync(d)) ||
  Math.max(...sources.map(newest)) > Math.min(...outputs.map(newest));
if (stale) {
  console.log('Building Zvonok…');
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// Imported, not spawned, so that SIGTERM/SIGINT reach the server's graceful shutdown directly.
await import('../packages/server/dist/main.js');
