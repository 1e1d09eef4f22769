/**
 * Where the fake camera/microphone files live and what the default ones are. Pure (no launching,
 * no ffmpeg) so that both the browser launcher and the generator can use it.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CACHE_DIR = join(tmpdir(), 'zvonok-e2e-media');

/** The directory the generated files are cached in. */
export const MEDIA_CACHE_DIR = CACHE_DIR;

/** What a fake camera shows and what a fake microphone plays. */
export interface FakeMediaSpec {
  /** ffmpeg lavfi video source, e.g. `testsrc`, `smptebars`, `color=c=blue`. */
  video?: string;
  width?: number;
  height?: number;
  fps?: number;
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

/** What every browser plays unless a test says otherwise: 640x480 at 20 fps, 440 Hz. */
export const DEFAULT_MEDIA: FakeMediaSpec = {
  video: 'testsrc',
  width: 640,
  height: 480,
  fps: 20,
  toneHz: 440,
};

/** Where the files for `spec` are (or will be) cached; deterministic, so config can name them. */
export function mediaFilePaths(spec: FakeMediaSpec = {}): FakeMediaFiles {
  const { video = 'smptebars', width = 320, height = 240, fps = 20, toneHz = 440 } = spec;
  const key = `${video.replace(/[^a-z0-9]+/gi, '_')}-${width}x${height}-${fps}`;
  return {
    video: join(CACHE_DIR, `${key}.y4m`),
    audio: join(CACHE_DIR, `tone-${toneHz}.wav`),
    width,
    height,
  };
}
