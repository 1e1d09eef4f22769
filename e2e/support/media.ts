/**
 * Distinct fake camera and microphone per browser. Every Chromium context shows the same built-in
 * fake pattern, so tests that must tell people apart give each *browser* its own y4m/wav files
 * (generated with ffmpeg once and cached in a temp dir).
 */
import type { Browser } from '@playwright/test';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchChromium } from './browser.js';

const run = promisify(execFile);
const CACHE_DIR = join(tmpdir(), 'zvonok-e2e-media');

/** What a fake camera shows and what a fake microphone plays. */
export interface FakeMediaSpec {
  /** ffmpeg lavfi video source, e.g. `smptebars`, `testsrc`, `color=c=blue`. */
  video?: string;
  width?: number;
  height?: number;
  /** Tone frequency in Hz. */
  toneHz?: number;
}

/** Paths of generated media files. */
export interface FakeMediaFiles {
  video: string;
  audio: string;
  width: number;
  height: number;
}

/** Generates (or reuses) a y4m video and a wav tone for `spec`. Chromium loops both. */
export async function fakeMedia(spec: FakeMediaSpec = {}): Promise<FakeMediaFiles> {
  const { video = 'smptebars', width = 320, height = 240, toneHz = 440 } = spec;
  await mkdir(CACHE_DIR, { recursive: true });
  const key = `${video.replace(/[^a-z0-9]+/gi, '_')}-${width}x${height}`;
  const videoPath = join(CACHE_DIR, `${key}.y4m`);
  const audioPath = join(CACHE_DIR, `tone-${toneHz}.wav`);
  if (!existsSync(videoPath)) {
    const src = `${video}${video.includes('=') ? ':' : '='}size=${width}x${height}:rate=20`;
    await ffmpeg(['-f', 'lavfi', '-i', src, '-t', '2', '-pix_fmt', 'yuv420p'], videoPath);
  }
  if (!existsSync(audioPath)) {
    await ffmpeg(
      ['-f', 'lavfi', '-i', `sine=frequency=${toneHz}:duration=2`, '-ar', '48000', '-ac', '1'],
      audioPath,
    );
  }
  return { video: videoPath, audio: audioPath, width, height };
}

/** Writes to a temp name first so that concurrent workers never read a half-written file. */
async function ffmpeg(args: string[], out: string): Promise<void> {
  const partial = `${out}.${process.pid}.part${out.slice(out.lastIndexOf('.'))}`;
  await run('ffmpeg', ['-v', 'error', '-y', ...args, partial]);
  await rename(partial, out);
}

/** Launches a Chromium whose fake camera and microphone play `files`. Close it after the test. */
export function launchWithMedia(files: FakeMediaFiles): Promise<Browser> {
  return launchChromium([
    `--use-file-for-fake-video-capture=${files.video}`,
    `--use-file-for-fake-audio-capture=${files.audio}`,
  ]);
}
