/**
 * Figures of a recovery benchmark run: median, min and max per measurement, printed as a
 * Markdown table (for docs/PERFORMANCE.md) and kept as JSON in `results/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The samples of one measurement, in ms. */
export interface Measurement {
  /** What is measured, from which moment to which. */
  name: string;
  samples: number[];
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const fmt = (ms: number): string => (ms / 1000).toFixed(2);

/** A Markdown table: one row per measurement, seconds. */
export function markdown(measurements: readonly Measurement[]): string {
  const rows = measurements.map(
    (m) =>
      `| ${m.name} | ${m.samples.length} | ${fmt(median(m.samples))} | ${fmt(Math.min(...m.samples))} | ${fmt(Math.max(...m.samples))} |`,
  );
  return [
    '| measurement | runs | median (s) | min (s) | max (s) |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Writes `<dir>/<date>.json` (default: `results/` next to this file) and returns its path. */
export function saveResults(
  measurements: readonly Measurement[],
  notes: string[],
  dir = join(dirname(fileURLToPath(import.meta.url)), 'results'),
): string {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const file = join(dir, `${stamp}.json`);
  const body = measurements.map((m) => ({
    ...m,
    medianMs: median(m.samples),
    minMs: Math.min(...m.samples),
    maxMs: Math.max(...m.samples),
  }));
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), notes, measurements: body }, null, 2)}\n`,
  );
  return file;
}
