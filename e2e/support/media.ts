/**
 * Fake camera and microphone files for Chromium (`--use-file-for-fake-*-capture`), generated with
 * ffmpeg and cached in a temp dir. Every context of one browser plays the same files, so tests
 * that must tell people apart by picture or voice give each *browser* its own (launchWithMedia).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { promisify } from 'node:util';
import {
  MEDIA_CACHE_DIR,
  mediaFilePaths,
  type FakeMediaFiles,
  type FakeMediaSpec,
} from './media-files.js';

export { DEFAULT_MEDIA, mediaFilePaths } from './media-files.js';
export type { FakeMediaFiles, FakeMediaSpec } from './media-files.js';
export { launchWithMedia } from './browser.js';

const run = promisify(execFile);

/** Generates (or reuses) a y4m video and a wav tone for `spec`. Chromium loops both. */
export async function fakeMedia(spec: FakeMediaSpec = {}): Promise<FakeMediaFiles> {
  const { video = 'smptebars', width = 320, height = 240, fps = 20, toneHz = 440 } = spec;
  const files = mediaFilePaths(spec);
  await mkdir(MEDIA_CACHE_DIR, { recursive: true });
  if (!existsSync(files.video)) {
    const src = `${video}${video.includes('=') ? ':' : '='}size=${width}x${height}:rate=${fps}`;
    await ffmpeg(['-f', 'lavfi', '-i', src, '-t', '2', '-pix_fmt', 'yuv420p'], files.video);
  }
  if (!existsSync(files.audio)) {
    await ffmpeg(
      ['-f', 'lavfi', '-i', `sine=frequency=${toneHz}:duration=2`, '-ar', '48000', '-ac', '1'],
      files.audio,
    );
  }
  return files;
}

/** Writes to a temp name first so that concurrent workers never read a half-written file. */
async function ffmpeg(args: string[], out: string): Promise<void> {
  const partial = `${out}.${process.pid}.part${out.slice(out.lastIndexOf('.'))}`;
  await run('ffmpeg', ['-v', 'error', '-y', ...args, partial]);
  await rename(partial, out);
}
