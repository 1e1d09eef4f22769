// Figures of a signaling benchmark run as a text table (stdout), a Markdown table (for
// docs/PERFORMANCE.md) and a JSON file. Run it alone to re-render a saved result:
//   node bench/signaling/report.mjs bench/signaling/results/2026-11-24.json [--markdown]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @import { ConnectionsRun, RelayRun, BroadcastResult, BroadcastStep, PerServer, Runs } from './scenarios.mjs'
 */

/** The servers compared, in column order. */
export const SERVER_NAMES = /** @type {const} */ (['baseline', 'zvonok']);
/** @typedef {(typeof SERVER_NAMES)[number]} ServerName */

/**
 * @typedef {object} RunResult
 * @property {string} date YYYY-MM-DD
 * @property {string} startedAt ISO time
 * @property {boolean} quick
 * @property {Record<string, string | number>} machine
 * @property {Record<string, string | number>} method
 * @property {{ connections: PerServer<Runs<ConnectionsRun>>, relay: PerServer<Runs<RelayRun>>,
 *   broadcast: PerServer<BroadcastResult> }} scenarios
 */

/** The issue's targets for our server (on one core). */
export const TARGETS = {
  relayP99Ms: 50,
  broadcastP99Ms: 5,
  heldPerSecond: 160_000,
  rssPerConnectionKiB: 20,
};

/** BroadcastResult.limitedBy values, and how the table says them. */
const LIMITS = /** @type {const} */ (['server', 'load', 'ramp-top']);
const LIMIT_WORDS = ['the server', 'the load core (saturated)', 'the top of the ramp'];

/**
 * @template T
 * @param {T | { error: string } | undefined} r
 * @returns {T | undefined}
 */
function ok(r) {
  return r && typeof r === 'object' && 'error' in r ? undefined : r;
}

/** @param {number | undefined} n @param {number} [decimals] */
function num(n, decimals = 0) {
  if (n === undefined || !Number.isFinite(n)) return '-';
  return n.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/**
 * How our server compares: "3.2x lower", "1.4x higher", "same".
 * @param {number | undefined} base
 * @param {number | undefined} ours
 */
function ratio(base, ours) {
  if (base === undefined || ours === undefined || !(base > 0) || !(ours > 0)) return '-';
  const r = ours / base;
  if (Math.abs(r - 1) < 0.03) return 'same';
  return r > 1 ? `${num(r, r >= 10 ? 0 : 2)}x higher` : `${num(1 / r, 1 / r >= 10 ? 0 : 2)}x lower`;
}

/**
 * @typedef {object} Row
 * @property {string} label
 * @property {(number | undefined)[]} values baseline, zvonok
 * @property {(v: number | undefined) => string} format
 * @property {string} [target] the target, in words
 * @property {(v: number) => boolean} [meets] whether our figure meets it
 * @property {boolean} [noRatio]
 */

/**
 * The comparison rows of a run.
 * @param {RunResult} run
 * @returns {{ section: string, rows: Row[] }[]}
 */
function comparison(run) {
  const { connections, relay, broadcast } = run.scenarios;
  const c = SERVER_NAMES.map((s) => ok(connections[s])?.best);
  const relayRuns = SERVER_NAMES.map((s) => ok(relay[s]));
  const r = relayRuns.map((x) => x?.best);
  const b = SERVER_NAMES.map((s) => ok(broadcast[s]));
  const pct = (/** @type {number | undefined} */ v) => (v == null ? '-' : `${num(v)} %`);
  const us = (/** @type {number | undefined} */ v) =>
    v == null ? '-' : `${num(v, v < 10 ? 2 : 1)} µs`;
  const pct1 = (/** @type {number | undefined} */ v) => (v == null ? '-' : `${num(v, 1)} %`);
  const ms = (/** @type {number | undefined} */ v) =>
    v == null ? '-' : `${num(v, v < 10 ? 2 : 1)} ms`;
  const first = (/** @type {(object | undefined)[]} */ list) => list.find(Boolean);
  const c0 = /** @type {ConnectionsRun | undefined} */ (first(c));
  const r0 = /** @type {RelayRun | undefined} */ (first(r));
  const b0 = /** @type {BroadcastResult | undefined} */ (first(b));
  return [
    {
      section: c0
        ? `(a) ${num(c0.connections)} connections in rooms of ${c0.roomSize}`
        : '(a) connections',
      rows: [
        {
          label: 'time until all joined',
          values: c.map((x) => x?.timeToAllJoinedMs),
          format: (v) => (v == null ? '-' : `${num(v / 1000, 2)} s`),
        },
        {
          label: 'server RSS per connection',
          values: c.map((x) => x?.rssPerConnectionKiB),
          format: (v) => (v == null ? '-' : `${num(v, 1)} KiB`),
          target: `<= ${TARGETS.rssPerConnectionKiB} KiB`,
          meets: (v) => v <= TARGETS.rssPerConnectionKiB,
        },
        {
          label: 'server CPU per join',
          values: c.map((x) => x?.serverCpuPerJoinUs),
          format: us,
        },
        {
          label: 'connections failed',
          values: c.map((x) => x?.failed),
          format: (v) => num(v),
          noRatio: true,
        },
        {
          label: 'server waiting for its core',
          values: c.map((x) => x?.noise.serverWait),
          format: pct1,
          noRatio: true,
        },
      ],
    },
    {
      section: r0
        ? `(b) ${num(r0.pairs)} pairs, ${num(r0.sdpBytes / 1000, 0)} KB offer ${r0.ratePerPair}/s each, ${num(r0.durationMs / 1000)} s`
        : '(b) relay',
      rows: [
        { label: 'one-way latency p50', values: r.map((x) => x?.latencyMs.p50), format: ms },
        {
          label: 'one-way latency p99',
          values: r.map((x) => x?.latencyMs.p99),
          format: ms,
          target: `<= ${TARGETS.relayP99Ms} ms`,
          meets: (v) => v <= TARGETS.relayP99Ms,
        },
        { label: 'one-way latency max', values: r.map((x) => x?.latencyMs.max), format: ms },
        {
          label: 'lost (not there 5 s after the end), all runs',
          values: relayRuns.map((x) => x?.runs.reduce((s, run) => s + run.lost + run.misrouted, 0)),
          format: (v) =>
            v === undefined
              ? '-'
              : `${num(v)} of ${num(relayRuns.find(Boolean)?.runs.reduce((s, run) => s + run.sent, 0))}`,
          target: '0',
          meets: (v) => v === 0,
          noRatio: true,
        },
        {
          label: 'server CPU (one core = 100 %)',
          values: r.map((x) => x?.serverCpuPercent),
          format: pct,
        },
        {
          label: 'server CPU per relayed offer',
          values: r.map((x) => x?.serverCpuPerMessageUs),
          format: us,
        },
        {
          label: 'server waiting for its core',
          values: r.map((x) => x?.noise.serverWait),
          format: pct1,
          noRatio: true,
        },
      ],
    },
    {
      section: b0 ? `(c) ${num(b0.roomSize)} clients in one room` : '(c) broadcast',
      rows: [
        {
          label: `${b0?.base.chatters ?? 10} chatting 10/s: deliveries/s`,
          values: b.map((x) => x?.base.deliveredPerSecond),
          format: (v) => num(v),
          noRatio: true,
        },
        { label: 'latency p50', values: b.map((x) => x?.base.latencyMs.p50), format: ms },
        {
          label: 'latency p99',
          values: b.map((x) => x?.base.latencyMs.p99),
          format: ms,
          target: `<= ${TARGETS.broadcastP99Ms} ms`,
          meets: (v) => v <= TARGETS.broadcastP99Ms,
        },
        {
          label: 'server CPU per delivery',
          values: b.map((x) => x?.base.serverCpuPerDeliveryUs),
          format: us,
        },
        {
          label: 'server waiting for its core',
          values: b.map((x) => x?.base.noise.serverWait),
          format: pct1,
          noRatio: true,
        },
        {
          label: `highest rate held, p99 < ${b0?.p99LimitMs ?? 50} ms`,
          values: b.map((x) => x?.highestHeldPerSecond),
          format: (v) => (v == null ? '-' : `${num(v)}/s`),
          target: `>= ${num(TARGETS.heldPerSecond)}/s`,
          meets: (v) => v >= TARGETS.heldPerSecond,
        },
        {
          label: 'the climb ended by',
          values: b.map((x) => (x ? LIMITS.indexOf(x.limitedBy) : undefined)),
          format: (v) => (v == null ? '-' : (LIMIT_WORDS[v] ?? '-')),
          noRatio: true,
        },
      ],
    },
  ];
}

/**
 * Cells of the comparison: label, baseline, zvonok, ratio, target (with met/MISSED).
 * @param {RunResult} run
 */
function comparisonCells(run) {
  /** @type {{ section: string, rows: string[][] }[]} */
  return comparison(run).map(({ section, rows }) => ({
    section,
    rows: rows.map((row) => {
      const [base, ours] = row.values;
      const verdict =
        row.target && row.meets && ours !== undefined
          ? `${row.target} ${row.meets(ours) ? 'met' : 'MISSED'}`
          : (row.target ?? '');
      return [
        row.label,
        row.format(base),
        row.format(ours),
        row.noRatio ? '' : ratio(base, ours),
        verdict,
      ];
    }),
  }));
}

/** @param {BroadcastStep} s */
function stepCells(s) {
  return [
    num(s.targetPerSecond),
    num(s.chatters),
    num(s.msgRate, 1),
    num(s.deliveredPerSecond),
    num(s.latencyMs.p50, 2),
    num(s.latencyMs.p99, 2),
    num(s.lost),
    `${num(s.serverCpuPercent)} %`,
    num(s.serverCpuPerDeliveryUs, 2),
    `${num(s.load.cpuPercent)} %`,
    `${num(s.noise.serverCoreOthers)} %`,
    `${num(s.noise.serverWait, 1)} %`,
    s.held ? 'yes' : 'no',
  ];
}

const STEP_HEADER = [
  'asked/s',
  'chatters',
  'msg/s',
  'delivered/s',
  'p50 ms',
  'p99 ms',
  'lost',
  'server CPU',
  'µs/delivery',
  'load CPU',
  'others',
  'waited',
  'held',
];

/**
 * Fixed-width text table.
 * @param {string[]} header
 * @param {string[][]} rows
 */
function textTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Markdown table.
 * @param {string[]} header
 * @param {string[][]} rows
 */
function markdownTable(header, rows) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

/**
 * Errors that stopped a scenario on a server.
 * @param {RunResult} run
 */
function errors(run) {
  /** @type {string[]} */
  const lines = [];
  for (const [scenario, perServer] of Object.entries(run.scenarios)) {
    for (const [server, r] of Object.entries(/** @type {PerServer<object>} */ (perServer))) {
      if (r && typeof r === 'object' && 'error' in r)
        lines.push(`${scenario} on ${server}: ${String(r.error)}`);
    }
  }
  return lines;
}

/**
 * The whole report as text (stdout) or Markdown.
 * @param {RunResult} run
 * @param {'text' | 'markdown'} [format]
 */
export function render(run, format = 'text') {
  const table = format === 'markdown' ? markdownTable : textTable;
  const header = ['', 'baseline (plain ws)', 'zvonok', 'zvonok vs baseline', 'target (zvonok)'];
  const rows = comparisonCells(run).flatMap(({ section, rows: cells }) => [
    [format === 'markdown' ? `**${section}**` : section, '', '', '', ''],
    ...cells.map(([label = '', ...rest]) => [
      format === 'markdown' ? label : `  ${label}`,
      ...rest,
    ]),
  ]);
  const parts = [
    `Signaling benchmark ${run.date}${run.quick ? ' (quick)' : ''}: ${Object.values(run.machine).join(', ')}; ` +
      `load average ${run.method.loadAverageAtStart ?? '?'} at start, ${run.method.loadAverageAtEnd ?? '?'} at end`,
    table(header, rows),
  ];
  for (const server of SERVER_NAMES) {
    const b = ok(run.scenarios.broadcast[server]);
    if (!b) continue;
    parts.push(`(c) chat ramp on ${server}, one room of ${b.roomSize}:`);
    parts.push(table(STEP_HEADER, [...b.baseRuns, ...b.ramp].map(stepCells)));
  }
  parts.push(
    'others: CPU time that processes other than the servers used on the server core during the ' +
      'measured window. waited (server waiting for its core): time the server was ready to run ' +
      'but other work held its core, the delay the shared machine added to the figures; a run ' +
      'where it exceeded 5 % was repeated once while the retry budget lasted. Server CPU per ' +
      'join / offer / delivery (µs/delivery): CPU time the server spent per unit of work, ' +
      'little moved by other work on the machine; 1,000,000 / µs per delivery bounds the ' +
      'deliveries per second one core can make.' +
      (Number(run.method.repeats) > 1
        ? ` Each figure of (a), (b) and the (c) base is the better of ${run.method.repeats} runs, the servers taking turns.`
        : ''),
  );
  const failed = errors(run);
  if (failed.length) parts.push(`Errors:\n${failed.map((e) => `  ${e}`).join('\n')}`);
  return parts.join('\n\n');
}

/**
 * Write the run as JSON (creating the folder).
 * @param {RunResult} run
 * @param {string} path
 */
export function writeJson(run, path) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(run, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: node bench/signaling/report.mjs RESULT.json [--markdown]');
    process.exit(2);
  }
  const run = /** @type {RunResult} */ (JSON.parse(readFileSync(file, 'utf8')));
  console.log(render(run, process.argv.includes('--markdown') ? 'markdown' : 'text'));
}
