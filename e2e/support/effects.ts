/**
 * Helpers for the effects specs: a noisy fake microphone, the spectrum of what the far side
 * receives (measured in its page with WebAudio), what Ann really sends, and the longest gap
 * between decoded frames of a remote tile.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { PROBE, type E2EProbe } from './collector.js';
import { MEDIA_CACHE_DIR, mediaFilePaths, type FakeMediaFiles } from './media-files.js';
import { fakeMedia } from './media.js';

const run = promisify(execFile);

/**
 * The voice stand-in: a voiced tone (150 Hz and its harmonics up to 1.2 kHz, steady so that any
 * 3-second window holds the same energy). RNNoise is trained to keep voices and remove other
 * sounds, and a pure sine is removed like a hum (-22 dB measured), so the tone must have a
 * voice's harmonics for "the tone stays" to mean anything.
 */
const VOICED_TONE =
  "aevalsrc='0.2*(sin(2*PI*150*t)+0.7*sin(2*PI*300*t)+0.5*sin(2*PI*450*t)+0.4*sin(2*PI*600*t)" +
  "+0.3*sin(2*PI*750*t)+0.25*sin(2*PI*900*t)+0.2*sin(2*PI*1050*t)+0.15*sin(2*PI*1200*t))/3'" +
  ':s=48000:d=10';

/** Where the voiced tone's energy is, in Hz. */
export const TONE_BAND: readonly [number, number] = [100, 1300];

/**
 * Fake media whose microphone plays the voiced tone with steady white noise under it (noise like
 * a fan, 3-10 kHz holds only noise). 10 s, looped by Chromium.
 */
export async function noisyMicFiles(): Promise<FakeMediaFiles> {
  await fakeMedia({ video: 'testsrc', width: 640, height: 480, fps: 20 });
  const audio = join(MEDIA_CACHE_DIR, 'noisy-voiced-tone-steady.wav');
  if (!existsSync(audio)) {
    await mkdir(MEDIA_CACHE_DIR, { recursive: true });
    const partial = `${audio}.${process.pid}.part.wav`;
    await run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      VOICED_TONE,
      '-f',
      'lavfi',
      '-i',
      'anoisesrc=color=white:amplitude=0.05:sample_rate=48000:duration=10:seed=7',
      '-filter_complex',
      '[0][1]amix=inputs=2:normalize=0',
      '-ar',
      '48000',
      '-ac',
      '1',
      partial,
    ]);
    await rename(partial, audio);
  }
  return { ...mediaFilePaths({ video: 'testsrc', width: 640, height: 480, fps: 20 }), audio };
}

/** Energy of the received audio in two bands, in dB (relative; compare within one test). */
export interface ReceivedSpectrum {
  /** In the tone's band ({@link TONE_BAND}). */
  toneDb: number;
  /** 3-10 kHz: only the noise is there. */
  noiseDb: number;
}

/**
 * The energy of the first received audio track of `page` in the tone's band and the noise band:
 * the median of readings every 50 ms over `ms` milliseconds (an AnalyserNode on the track).
 */
export function receivedSpectrum(page: Page, ms = 3000): Promise<ReceivedSpectrum> {
  return page.evaluate(
    async ({ probeName, toneBand, ms }) => {
      const probe = (window as unknown as Record<string, E2EProbe | undefined>)[probeName];
      if (!probe) throw new Error('the peer-connection collector is not installed in this page');
      const track = probe.pcs
        .filter((pc) => pc.connectionState !== 'closed')
        .flatMap((pc) => pc.getReceivers())
        .map((r) => r.track)
        .find((t) => t.kind === 'audio' && t.readyState === 'live');
      if (!track) throw new Error('no received audio track');
      const context = new AudioContext({ sampleRate: 48000 });
      await context.resume();
      const source = context.createMediaStreamSource(new MediaStream([track]));
      const analyser = context.createAnalyser();
      analyser.fftSize = 4096;
      analyser.smoothingTimeConstant = 0;
      source.connect(analyser);
      const bins = new Float32Array(analyser.frequencyBinCount);
      const hzPerBin = 48000 / analyser.fftSize;
      const bandPower = (lo: number, hi: number): number => {
        let e = 0;
        for (let i = Math.ceil(lo / hzPerBin); i <= Math.floor(hi / hzPerBin); i++)
          e += 10 ** ((bins[i] ?? -200) / 10);
        return e;
      };
      const tone: number[] = [];
      const noise: number[] = [];
      const end = performance.now() + ms;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        analyser.getFloatFrequencyData(bins);
        tone.push(bandPower(toneBand[0], toneBand[1]));
        noise.push(bandPower(3000, 10000));
      }
      await context.close();
      // The median reading, not the mean: a busy machine's brief audio dropout (a late worklet
      // or jitter-buffer frame) says nothing of what the processing does to the tone or noise.
      const medianDb = (values: number[]): number => {
        const sorted = [...values].sort((a, b) => a - b);
        return 10 * Math.log10((sorted[Math.floor(sorted.length / 2)] ?? 0) + 1e-30);
      };
      return { toneDb: medianDb(tone), noiseDb: medianDb(noise) };
    },
    { probeName: PROBE, toneBand: TONE_BAND, ms },
  );
}

/** What `page` sends as audio: the microphone's own track, or another (an effect's output). */
export function sentAudioSource(page: Page): Promise<'device' | 'processed' | 'none'> {
  return page.evaluate((probeName) => {
    const probe = (window as unknown as Record<string, E2EProbe | undefined>)[probeName];
    if (!probe) throw new Error('the peer-connection collector is not installed in this page');
    const sent = probe.pcs
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getSenders())
      .map((s) => s.track)
      .find((t) => t?.kind === 'audio');
    if (!sent) return 'none';
    return probe.tracks.includes(sent) ? 'device' : 'processed';
  }, PROBE);
}

/** The frame gaps seen by {@link watchFrameGaps}. */
export interface FrameGaps {
  /** The longest time between two presented frames, in ms. */
  longest: number;
  /** Gaps over 250 ms: when they ended (ms since watching began) and how long they were. */
  long: { at: number; ms: number }[];
  frames: number;
}

/**
 * Starts watching the `<video>` of the remote tile named `name` on `page`: every presented
 * frame's time is noted (requestVideoFrameCallback). `stop()` returns the longest gap in ms.
 */
export async function watchFrameGaps(
  page: Page,
  name: string,
): Promise<{ stop(): Promise<FrameGaps> }> {
  const key = `__frameGaps_${name}`;
  await page
    .getByRole('group', { name, exact: true })
    .locator('video')
    .evaluate((video: HTMLVideoElement, key) => {
      const start = performance.now();
      const state = {
        start,
        last: start,
        maxGap: 0,
        on: true,
        frames: 0,
        long: [] as { at: number; ms: number }[],
      };
      (window as unknown as Record<string, unknown>)[key] = state;
      const onFrame = (now: number): void => {
        const gap = now - state.last;
        state.maxGap = Math.max(state.maxGap, gap);
        if (gap > 250) state.long.push({ at: Math.round(now - state.start), ms: Math.round(gap) });
        state.last = now;
        state.frames++;
        if (state.on) video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    }, key);
  return {
    stop: () =>
      page.evaluate((key) => {
        type State = { last: number; maxGap: number; on: boolean } & Omit<FrameGaps, 'longest'>;
        const state = (window as unknown as Record<string, State>)[key];
        if (!state) throw new Error('not watching');
        state.on = false;
        return {
          longest: Math.max(state.maxGap, performance.now() - state.last),
          long: state.long,
          frames: state.frames,
        };
      }, key),
  };
}
