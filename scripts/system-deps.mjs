// Checks that the Debian packages the test suites need are present, and installs the missing
// ones when running as root (as on CI). Otherwise it stops with the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Binary -> Debian package that provides it. */
const REQUIRED = {
  '/usr/bin/chromium': 'chromium',
  '/usr/bin/firefox-esr': 'firefox-esr',
  '/usr/bin/ffmpeg': 'ffmpeg',
  '/usr/bin/ffprobe': 'ffmpeg',
  '/usr/bin/turnserver': 'coturn',
  '/usr/bin/redis-server': 'redis-server',
  // The SFU suites: Janus with its VideoRoom plugin, and janus-pp-rec for its recordings.
  '/usr/bin/janus': 'janus',
  '/usr/bin/janus-pp-rec': 'janus-tools',
};

/** Returns the Debian packages that are missing. */
export function missingPackages() {
  return [
    ...new Set(
      Object.entries(REQUIRED)
        .filter(([bin]) => !existsSync(bin))
        .map(([, pkg]) => pkg),
    ),
  ];
}

/** Installs what is missing, or exits with the command a person must run. */
export function ensureSystemPackages() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`The test suites need Debian packages that are missing: ${missing.join(', ')}.`);
    console.error(`Install them as root, then run npm test again:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`Installing missing system packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0 || missingPackages().length > 0) {
    console.error(`Installing ${missing.join(', ')} failed. Run as root:\n  ${command}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemPackages();
