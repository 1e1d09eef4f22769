import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File in the data directory that holds the generated resume-token secret. */
export const RESUME_SECRET_FILE = 'resume-secret';

/**
 * The secret that signs resume tokens: the configured one, or one generated once and kept in
 * `<dataDir>/resume-secret` (directory 0700, file 0600) so that tokens survive a restart.
 * Two processes starting at once agree on one file: creation is exclusive, the loser reads it.
 */
export function loadResumeSecret(configured: string | null, dataDir: string): Buffer {
  if (configured !== null) return Buffer.from(configured, 'utf8');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, RESUME_SECRET_FILE);
  try {
    return readSecret(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readSecret(file);
}

function readSecret(file: string): Buffer {
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) {
    throw new Error(`${file} holds no usable secret: delete it to have a new one generated`);
  }
  return Buffer.from(text, 'utf8');
}
