/**
 * What a recorded file shows, told apart by colour: a shared screen of one solid colour that no
 * camera shows, and the file's frames sampled with ffmpeg at a fixed rate and tiny size.
 */
import type { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** An 8-bit RGB colour. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Pure magenta: in no fake camera, no avatar and no part of the app's composite. */
export const MAGENTA: Rgb = { r: 255, g: 0, b: 255 };

/**
 * Makes `getDisplayMedia` in `page` (every document it loads from now on) capture a `width` x
 * `height` canvas filled with `colour`, repainted every frame so the capture never idles, as a
 * real screen would. Chromium's own fake screen is a busy pattern: a solid colour lets a test
 * find the screen in a recorded picture. Stopping the track stops the painting.
 * (Firefox's `stubDisplayMedia` in firefox.ts draws a moving pattern for puppeteer pages.)
 */
export async function solidColourScreen(
  page: Page,
  colour: Rgb = MAGENTA,
  size: { width: number; height: number } = { width: 1280, height: 720 },
): Promise<void> {
  await page.addInitScript(
    ({ colour: c, width, height }) => {
      const md = navigator.mediaDevices as MediaDevices | undefined;
      if (!md) return;
      md.getDisplayMedia = () => {
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const g = canvas.getContext('2d', { alpha: false });
        const paint = (): void => {
          if (!g) return;
          g.fillStyle = `rgb(${c.r}, ${c.g}, ${c.b})`;
          g.fillRect(0, 0, width, height);
        };
        paint();
        const timer = setInterval(paint, 33);
        const stream = canvas.captureStream(30);
        for (const track of stream.getTracks()) {
          const stop = track.stop.bind(track);
          track.stop = () => {
            clearInterval(timer);
            stop();
          };
        }
        return Promise.resolve(stream);
      };
    },
    { colour, ...size },
  );
}

/** One sampled frame: `width` x `height` RGB pixels. */
export interface SampledFrame {
  /** Seconds from the file's first frame (index / rate). */
  timeSec: number;
  width: number;
  height: number;
  /** `width * height * 3` bytes, row by row, R G B. */
  rgb: Uint8Array;
}

/**
 * Every frame of the video at `fps` (ffmpeg's `fps` filter: the frame showing at each step),
 * scaled down to `width` x `height` (area average, so a pixel is the mean colour of its part of
 * the picture). One decode of the whole file: seeking in a MediaRecorder file (no cues) is not
 * reliable.
 */
export async function sampleFrames(
  path: string,
  { fps = 2, width = 32, height = 18 }: { fps?: number; width?: number; height?: number } = {},
): Promise<SampledFrame[]> {
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      path,
      '-an',
      '-vf',
      `fps=${fps},scale=${width}:${height}:flags=area`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  const frameBytes = width * height * 3;
  const frames: SampledFrame[] = [];
  for (let i = 0; (i + 1) * frameBytes <= stdout.length; i++) {
    const rgb = new Uint8Array(stdout.subarray(i * frameBytes, (i + 1) * frameBytes));
    frames.push({ timeSec: i / fps, width, height, rgb });
  }
  return frames;
}

/**
 * Whether a decoded pixel is `colour`: each channel within `tolerance` (VP8/VP9 at 4:2:0 and
 * the canvas/WebRTC colour conversions move a solid colour by a few tens at most).
 */
export function isColour(rgb: Rgb, colour: Rgb, tolerance = 60): boolean {
  return (
    Math.abs(rgb.r - colour.r) <= tolerance &&
    Math.abs(rgb.g - colour.g) <= tolerance &&
    Math.abs(rgb.b - colour.b) <= tolerance
  );
}

/** The pixel at column `x`, row `y`. */
export function pixelAt(frame: SampledFrame, x: number, y: number): Rgb {
  const i = (y * frame.width + x) * 3;
  return { r: frame.rgb[i]!, g: frame.rgb[i + 1]!, b: frame.rgb[i + 2]! };
}

/** Share (0..1) of the frame's pixels that are `colour`. */
export function colourShare(frame: SampledFrame, colour: Rgb, tolerance?: number): number {
  let hits = 0;
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      if (isColour(pixelAt(frame, x, y), colour, tolerance)) hits++;
    }
  }
  return hits / (frame.width * frame.height);
}

/** Contiguous runs of frames for which `test` holds: `[first, last]` indices, in order. */
export function runsOf(
  frames: readonly SampledFrame[],
  test: (frame: SampledFrame) => boolean,
): { first: number; last: number }[] {
  const runs: { first: number; last: number }[] = [];
  frames.forEach((frame, i) => {
    if (!test(frame)) return;
    const open = runs.at(-1);
    if (open && open.last === i - 1) open.last = i;
    else runs.push({ first: i, last: i });
  });
  return runs;
}
