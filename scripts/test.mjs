// `npm test`: every suite in order — lint, types, the SDK's public API and package, unit +
// integration, the first-load budget, E2E in real browsers.
// Stops at the first failing step and says which one failed. Never skips a suite.
import { spawnSync } from 'node:child_process';
import { ensureSystemPackages } from './system-deps.mjs';

const steps = [
  ['lint', 'npm', ['run', 'lint']],
  ['typecheck', 'npm', ['run', 'typecheck']],
  // The SDK's exports against packages/sdk/api.md and its README, then the packed SDK installed
  // into an empty project, imported in Node and its README example type-checked.
  ['sdk public API', 'node', ['scripts/sdk-api.mjs', '--check']],
  ['sdk package', 'npm', ['run', 'test:sdk-package']],
  ['unit + integration', 'npm', ['run', 'test:unit']],
  // What Chromium downloads from the built server, against the first-load budget.
  ['web budget', 'npm', ['run', 'bench:web', '--', '--check']],
  ['e2e', 'npm', ['run', 'test:e2e']],
];

ensureSystemPackages();
const started = Date.now();
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
  console.log(`=== ${name} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
}
console.log(`\nAll suites passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
