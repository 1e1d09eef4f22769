/**
 * `npm run bench:mesh`: a mesh of 2..6 people, each in a Chromium of their own (so that each
 * person's CPU is that browser's), with adaptive sending on and off in the same run, size by
 * size. For each person: the uplink (all media sent, headers included), the CPU of their browser
 * (all its processes, in % of one core), the frame rate of every remote video, and how much of
 * each remote voice had to be concealed (lost or late: 0 means never interrupted).
 *
 * "Off" is the same app with the SDK's encoding limits not applied (`RTCRtpSender.setParameters`
 * made a no-op in the page before the app runs): Chromium's own congestion control alone, which
 * is what a mesh app without adaptation does. Everything else, the statistics reading included,
 * runs in both. The order alternates per size so that neither mode always goes first.
 *
 * Each person's fake camera is a 640x480 20 fps y4m of a zooming Mandelbrot set
 * (BENCH_MESH_CAMERA=WxHxFPS, BENCH_MESH_PATTERN=<lavfi source> to change), their microphone a
 * steady tone. Per size and mode: everyone joins, the call warms up
 * (BENCH_MESH_WARMUP_S, default 12 s: adaptation decides every 2 s, bandwidth estimates ramp),
 * then a window of BENCH_MESH_WINDOW_S (default 15 s) is measured. BENCH_MESH_SIZES picks the
 * sizes (default 2,3,4,5,6); results go to bench/mesh/results/<date>.json and are printed as a
 * Markdown table for docs/PERFORMANCE.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium, type Browser } from '@playwright/test';
import { test, expect } from '../../e2e/support/fixtures.js';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH, mediaArgs } from '../../e2e/support/browser.js';
import { fakeMedia } from '../../e2e/support/media.js';
import { joinCall, newPerson, uniqueRoom, type Person } from '../../e2e/support/app.js';
import { findBrowser, treeCpuMs } from './browserCpu.js';
import { figures, readCounters, type WindowFigures } from './pageStats.js';

const SIZES = (process.env.BENCH_MESH_SIZES ?? '2,3,4,5,6').split(',').map(Number);
const WARMUP_S = Number(process.env.BENCH_MESH_WARMUP_S ?? 12);
const WINDOW_S = Number(process.env.BENCH_MESH_WINDOW_S ?? 15);
/**
 * The camera's picture: an ffmpeg lavfi source. A zooming Mandelbrot set has detail and motion in
 * every frame, as a real camera's picture has (sensor noise, a person moving); the test bars the
 * E2E tests use barely move and encode in a few hundred kbit/s whatever the limit.
 */
const CAM_PATTERN = process.env.BENCH_MESH_PATTERN ?? 'mandelbrot';
const [CAM_W, CAM_H, CAM_FPS] = (process.env.BENCH_MESH_CAMERA ?? '640x480x20')
  .split('x')
  .map(Number);
const NAMES = ['Ann', 'Bob', 'Cid', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal'];

type Mode = 'on' | 'off';

interface Row {
  people: number;
  mode: Mode;
  /** Per person. */
  uplinkMbps: number[];
  cpuPercent: number[];
  /** Every remote video of every person. */
  fps: number[];
  worstConcealed: number;
  /** Whole machine over the window, % of one core (200 = both cores busy). */
  machinePercent: number;
}

const rows: Row[] = [];

test.describe.configure({ mode: 'serial' });

/** In "off" mode the page's senders keep Chromium's defaults: no limit the SDK sets applies. */
function disableSendLimits(): void {
  RTCRtpSender.prototype.setParameters = function () {
    return Promise.resolve();
  };
}

function machineBusyMs(): number {
  return cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys, 0);
}

async function measure(server: { url: string }, size: number, mode: Mode): Promise<Row> {
  const media = await fakeMedia({ video: CAM_PATTERN, width: CAM_W, height: CAM_H, fps: CAM_FPS });
  const room = uniqueRoom(`mesh-${size}-${mode}`);
  const browsers: { browser: Browser; marker: string }[] = [];
  const people: Person[] = [];
  try {
    for (const name of NAMES.slice(0, size)) {
      const marker = `--zvonok-bench-person=${room}-${name}`;
      const browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [
          ...CHROMIUM_BASE_ARGS,
          '--use-fake-ui-for-media-stream',
          ...mediaArgs(media),
          marker,
        ],
      });
      browsers.push({ browser, marker });
      const person = await newPerson(browser, name);
      if (mode === 'off') await person.context.addInitScript(disableSendLimits);
      people.push(person);
      await joinCall(person, server.url, room);
    }
    // Everyone connected to everyone and decoding them.
    for (const p of people) {
      await expect
        .poll(
          async () => {
            const c = await readCounters(p.page);
            const decoding = Object.values(c.frames).filter((f) => f > 0).length;
            return c.connected === size - 1 && decoding >= size - 1;
          },
          { timeout: 120_000, message: `${p.name} decodes the ${size - 1} others` },
        )
        .toBe(true);
    }
    await new Promise((r) => setTimeout(r, WARMUP_S * 1000));

    const pidsOf = browsers.map((b) => findBrowser(b.marker));
    const cpu0 = pidsOf.map((pid) => (pid === undefined ? NaN : treeCpuMs(pid)));
    const machine0 = machineBusyMs();
    const t0 = Date.now();
    const before = await Promise.all(people.map((p) => readCounters(p.page)));
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
    const after = await Promise.all(people.map((p) => readCounters(p.page)));
    const wallMs = Date.now() - t0;
    const cpu1 = pidsOf.map((pid) => (pid === undefined ? NaN : treeCpuMs(pid)));
    const machine1 = machineBusyMs();

    const per: WindowFigures[] = people.map((_, i) => figures(before[i]!, after[i]!));
    return {
      people: size,
      mode,
      uplinkMbps: per.map((f) => f.uplinkMbps),
      cpuPercent: cpu0.map((c, i) => ((cpu1[i]! - c) / wallMs) * 100),
      fps: per.flatMap((f) => f.fps),
      worstConcealed: Math.max(...per.map((f) => f.worstConcealed)),
      machinePercent: ((machine1 - machine0) / wallMs) * 100,
    };
  } finally {
    await Promise.all(people.map((p) => p.context.close().catch(() => undefined)));
    await Promise.all(browsers.map((b) => b.browser.close().catch(() => undefined)));
  }
}

const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function table(): string {
  const lines = [
    '| people | adaptation | uplink per person, Mbit/s (mean / max) | CPU per person, % of a core (mean) | machine CPU, % of one core | remote video fps (min / mean) | voice concealed, worst stream |',
    '| -----: | ---------- | ---------------------------------------: | ---------------------------------: | -------------------------: | ----------------------------: | ----------------------------: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.people} | ${r.mode} | ${f2(mean(r.uplinkMbps))} / ${f2(Math.max(...r.uplinkMbps))} | ${f1(mean(r.cpuPercent))} | ${f1(r.machinePercent)} | ${f1(Math.min(...r.fps))} / ${f1(mean(r.fps))} | ${f2(r.worstConcealed * 100)} % |`,
    );
  }
  return lines.join('\n');
}

test.afterAll(() => {
  if (rows.length === 0) return;
  const dir = new URL('./results', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const file = `${dir}/${stamp}.json`;
  const notes = [
    `${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the end`,
    `camera ${CAM_PATTERN} ${CAM_W}x${CAM_H} ${CAM_FPS} fps, warm-up ${WARMUP_S} s, window ${WINDOW_S} s`,
  ];
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), notes, rows }, null, 2)}\n`,
  );
  console.log(`\nMesh (${notes.join('; ')})\n\n${table()}\n\nsaved to ${file}`);
});

for (const size of SIZES) {
  test(`${size} people, adaptation on and off`, async ({ server }) => {
    test.setTimeout(10 * 60_000);
    const order: Mode[] = size % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
    for (const mode of order) {
      const row = await measure(server, size, mode);
      rows.push(row);
      console.log(
        `${size} ${mode}: uplink ${row.uplinkMbps.map(f2).join(' ')} Mbit/s; cpu ${row.cpuPercent.map(f1).join(' ')} %; fps min ${f1(Math.min(...row.fps))}; concealed ${f2(row.worstConcealed * 100)} %`,
      );
    }
  });
}
