/**
 * Checks of recorded files with ffprobe/ffmpeg (Debian's ffmpeg, required by `npm test`), and
 * the recording UI by its roles and names.
 */
import { expect, type Download, type Locator, type Page, type TestInfo } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What ffprobe reads of a file. */
export interface ProbedFile {
  /** `codec_type` of each stream: `video`, `audio`. */
  streams: { type: string; codec: string }[];
  /** Seconds, from the container header; `undefined` when it says N/A. */
  durationSec: number | undefined;
}

/** ffprobe's view of `path`; throws (with ffprobe's words) when the file is not readable media. */
export async function probe(path: string): Promise<ProbedFile> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name:format=duration',
    '-of',
    'json',
    path,
  ]);
  const json = JSON.parse(stdout) as {
    streams?: { codec_type: string; codec_name: string }[];
    format?: { duration?: string };
  };
  const duration = Number(json.format?.duration);
  return {
    streams: (json.streams ?? []).map((s) => ({ type: s.codec_type, codec: s.codec_name })),
    durationSec: Number.isFinite(duration) ? duration : undefined,
  };
}

/** Time of the file's last audio or video packet, seconds: how much media it really holds. */
export async function lastPacketSec(path: string): Promise<number> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'packet=pts_time',
    '-of',
    'csv=p=0',
    path,
  ]);
  const times = stdout
    .split('\n')
    .map((line) => Number(line.trim().replace(/,$/, '')))
    .filter((time) => Number.isFinite(time) && time > 0);
  return Math.max(0, ...times);
}

/**
 * Mean volume of the file's audio in dB (ffmpeg `volumedetect`), optionally through a band-pass
 * around `bandHz`, to hear one fake tone among several.
 */
export async function meanVolumeDb(path: string, bandHz?: number): Promise<number> {
  const filter = bandHz ? `bandpass=f=${bandHz}:width_type=q:w=8,volumedetect` : 'volumedetect';
  const { stderr } = await run('ffmpeg', [
    '-hide_banner',
    '-i',
    path,
    '-af',
    filter,
    '-f',
    'null',
    '-',
  ]);
  const match = /mean_volume:\s*(-?[\d.]+|-inf) dB/.exec(stderr);
  if (!match) throw new Error(`no mean_volume in ffmpeg output:\n${stderr}`);
  return match[1] === '-inf' ? -Infinity : Number(match[1]);
}

/** Saves a download under the test's output dir and attaches it to the report. */
export async function saveDownload(download: Download, testInfo: TestInfo): Promise<string> {
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  await testInfo.attach(download.suggestedFilename(), { path, contentType: 'video/webm' });
  return path;
}

/** The consent line "<name> is recording this call" inside a `role="status"`. */
/**
 * The toolbar's recording button, whatever it says: "Record", or while recording "Stop
 * recording" (with the timer drawn beside the words, outside the name).
 */
export function recordControl(page: Page): Locator {
  return page
    .getByRole('toolbar', { name: 'Call controls' })
    .getByRole('button', { name: /^(Record|Stop recording)$/ });
}

export function recordingNotice(page: Page, name: string): Locator {
  return page.getByRole('status').filter({ hasText: `${name} is recording this call` });
}

/** The recording person's own status line with the running timer. */
export function ownRecordingStatus(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: 'You are recording this call' });
}

/** Waits until the recording person's timer shows at least `seconds` (it ticks by itself). */
export async function waitForRecordedSeconds(page: Page, seconds: number): Promise<void> {
  const status = ownRecordingStatus(page);
  await expect
    .poll(
      async () => {
        const match = /(\d+):(\d{2})\s*$/.exec((await status.textContent()) ?? '');
        return match ? Number(match[1]) * 60 + Number(match[2]) : -1;
      },
      { timeout: 20_000, message: 'recording timer' },
    )
    .toBeGreaterThanOrEqual(seconds);
}

/**
 * Waits until the page's IndexedDB holds chunks covering at least `seconds` of recording. The
 * timer ticks when MediaRecorder hands a chunk over; storing it takes a moment more, and a chunk
 * still being written when the tab goes away is the one a crash may lose.
 */
export async function waitForStoredSeconds(page: Page, seconds: number): Promise<void> {
  await expect
    .poll(async () => (await storedRecordedMs(page)) / 1000, {
      timeout: 20_000,
      message: 'recorded time stored in IndexedDB',
    })
    .toBeGreaterThanOrEqual(seconds);
}

/** The longest recorded time (ms) of the recordings in the page's IndexedDB; 0 when none. */
function storedRecordedMs(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('zvonok-recordings');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('recordings')) {
            db.close();
            resolve(0);
            return;
          }
          const rows = db.transaction('recordings', 'readonly').objectStore('recordings').getAll();
          rows.onsuccess = () => {
            db.close();
            const durations = (rows.result as { durationMs?: number }[]).map(
              (row) => row.durationMs ?? 0,
            );
            resolve(Math.max(0, ...durations));
          };
          rows.onerror = () => reject(rows.error ?? new Error('read failed'));
        };
      }),
  );
}

/** region "Recovered recording" (offered on the next visit after a crash or reload). */
export function recoveredOffer(page: Page): Locator {
  return page.getByRole('region', { name: 'Recovered recording' });
}

/** Expects a file name like `zvonok-<room>-2026-03-05-0907.webm`. */
export function expectRecordingFileName(fileName: string, room: string): void {
  expect(fileName).toMatch(new RegExp(`^zvonok-${room}-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.webm$`));
}

/**
 * How many recordings and chunks the page's IndexedDB holds (the SDK's RecordingStore,
 * database `zvonok-recordings`).
 */
export function storedRecordings(page: Page): Promise<{ recordings: number; chunks: number }> {
  return page.evaluate(
    () =>
      new Promise<{ recordings: number; chunks: number }>((resolve, reject) => {
        const open = indexedDB.open('zvonok-recordings');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['recordings', 'chunks'], 'readonly');
          const recordings = tx.objectStore('recordings').count();
          const chunks = tx.objectStore('chunks').count();
          tx.oncomplete = () => {
            db.close();
            resolve({ recordings: recordings.result, chunks: chunks.result });
          };
          tx.onerror = () => reject(tx.error ?? new Error('count failed'));
        };
      }),
  );
}
