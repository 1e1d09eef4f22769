/**
 * Call set-up times, from the person's click to pictures on screen (method: firstFrame.ts):
 *
 * - bare reference: two blank pages, a plain RTCPeerConnection call (bare.ts), from the click on
 *   its "Join call" (createOffer) to the first remote frame presented on both sides;
 * - two people: Ann is in the call; Bob clicks "Join call" in the lobby (camera preview running);
 *   measured from Bob's click until the first remote video frame is presented on BOTH sides. The
 *   bare call and the app take turns run by run, so both see the same machine;
 * - four people: three are in the call; the fourth clicks "Join call"; measured until every one of
 *   the 12 directions of the mesh has presented a frame (the fourth's three and one on each
 *   other). Plus the time for a whole 4-mesh to form when all four click at once.
 *
 * Everyone clicks once their lobby preview plays. Two people (and the bare pages) share one
 * Chromium; in the four-person scenarios each person has their own (see the note there). Each is
 * repeated BENCH_RUNS times (default 10; the four-person ones half as often) in fresh rooms on
 * one server; the medians go to docs/PERFORMANCE.md (method: bench/README.md). Run with
 * `npm run bench:call`; `BENCH_TRACE=1` also prints a timeline of each run's join path (trace.ts).
 */
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from '@playwright/test';
import { test, expect, type People } from '../../e2e/support/fixtures.js';
import { launchChromium } from '../../e2e/support/browser.js';
import { PROBE, type E2EProbe } from '../../e2e/support/collector.js';
import {
  expectInCall,
  joinButton,
  joinCall,
  openLobby,
  type Person,
} from '../../e2e/support/app.js';
import { markdown, median, saveResults, type Measurement } from '../recovery/summary.js';
import { openBareSide, startBareServer, type BareServer } from './bare.js';
import { allFirstFrames, callSetupTiming, watchCallSetup } from './firstFrame.js';
import {
  formatTrace,
  installTraceScript,
  readTrace,
  videoStatsSummary,
  type TraceEvent,
} from './trace.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const TRACE = process.env.BENCH_TRACE === '1';
const GIVE_UP_MS = 30_000;

const results: Measurement[] = [];
const notes: string[] = [
  `${RUNS} runs per two-person measurement, ${Math.max(1, Math.ceil(RUNS / 2))} per four-person one; Chromium with fake media, one server`,
  `${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at the start`,
];

test.describe.configure({ mode: 'serial' });

/** Traced runs: from the click until the newcomer's last offer went out, per scenario. */
const offersOut = new Map<string, number[]>();

test.afterAll(() => {
  for (const [what, samples] of offersOut) {
    results.push({ name: `(traced) ${what}: click -> its last offer sent`, samples });
  }
  if (results.length === 0) return;
  notes.push(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the end`,
  );
  const bare = results.find((m) => m.name.startsWith('bare'));
  const two = results.find((m) => m.name.startsWith('two people'));
  if (bare && two) {
    notes.push(
      `two people vs bare: ${(median(two.samples) / median(bare.samples)).toFixed(2)}x (ratio of medians)`,
    );
  }
  const file = saveResults(results, notes, new URL('./results', import.meta.url).pathname);
  console.log(`\nCall set-up (${notes.join('; ')})\n\n${markdown(results)}\n\nsaved to ${file}`);
});

/** Everyone leaves (closing their pages' contexts) so the next run starts clean. */
async function closeAll(people: readonly Person[]): Promise<void> {
  await Promise.all(people.map((p) => p.context.close()));
}

/**
 * Waits until the lobby shows the person's own camera (a person clicks Join looking at it; and
 * the click must not also time the camera's start, which the bare call does not have either).
 */
async function previewPlaying(person: Person): Promise<void> {
  await expect(joinButton(person.page)).toBeEnabled();
  await person.page.waitForFunction(
    () => [...document.querySelectorAll('video')].some((v) => v.videoWidth > 0),
    undefined,
    { timeout: GIVE_UP_MS },
  );
}

/** The click time on a page (fails the run when the click was not seen). */
async function clickedAt(page: Page): Promise<number> {
  const { joinClickedAt } = await callSetupTiming(page);
  expect(joinClickedAt, 'Join click recorded').toBeGreaterThan(0);
  return joinClickedAt;
}

/** How many offers the page's connections made and received (signaling state history). */
async function offersOf(page: Page): Promise<{ made: number; received: number }> {
  return page.evaluate((probeName) => {
    const probe = (window as unknown as Record<string, E2EProbe>)[probeName] as E2EProbe;
    const all = probe.signaling.flat();
    return {
      made: all.filter((s) => s === 'have-local-offer').length,
      received: all.filter((s) => s === 'have-remote-offer').length,
    };
  }, PROBE);
}

/** Adds a person (in `browser`, default the shared one), traced when BENCH_TRACE=1. */
async function addPerson(people: People, name: string, browser?: Browser): Promise<Person> {
  const person = await people.add(name, browser ? { browser } : {});
  if (TRACE) await installTraceScript(person.page);
  return person;
}

/** Records click -> the last offer `person` sent (BENCH_TRACE=1 only). */
async function recordOffersOut(what: string, person: Person, from: number): Promise<void> {
  if (!TRACE) return;
  const sent = (await readTrace(person.page)).filter(([, e]) => e.startsWith('ws -> offer'));
  const last = Math.max(...sent.map(([at]) => at));
  offersOut.set(what, [...(offersOut.get(what) ?? []), last - from]);
}

/** Prints the join path of `people`, relative to `from` (BENCH_TRACE=1 only). */
async function printTrace(title: string, people: readonly Person[], from: number): Promise<void> {
  if (!TRACE) return;
  const lines = await Promise.all(
    people.map(async (p) => {
      const { firstFrameAt } = await callSetupTiming(p.page);
      const frames = Object.entries(firstFrameAt).map(([peer, at]): TraceEvent => [
        at,
        `first frame presented from ${peer.slice(0, 6)}`,
      ]);
      const events = [...(await readTrace(p.page)), ...frames].sort((x, y) => x[0] - y[0]);
      const video = (await videoStatsSummary(p.page)).map((l) => `${p.name.padEnd(4)} ${l}`);
      return [formatTrace(p.name, events, from), ...video].join('\n');
    }),
  );
  console.log(`\n--- ${title}\n${lines.join('\n')}`);
}

/** One bare two-page call; returns click -> first frame presented on both sides, in ms. */
async function bareRun(browser: Browser, server: BareServer, run: number): Promise<number> {
  const room = `bare-${run}-${Date.now()}`;
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [inCall, joiner] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
    await openBareSide(inCall, server, room, 'answerer');
    await openBareSide(joiner, server, room, 'joiner');
    await watchCallSetup(inCall);
    await watchCallSetup(joiner);
    await joiner.getByRole('button', { name: 'Join call' }).click();
    const last = await allFirstFrames([inCall, joiner], 1, GIVE_UP_MS);
    return last - (await clickedAt(joiner));
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}

test('two people, and the bare reference call in turns', async ({ server, people, browser }) => {
  const bareServer = await startBareServer();
  const bare: number[] = [];
  const samples: number[] = [];
  const offers: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      bare.push(await bareRun(browser, bareServer, run));

      const room = `bench-call-2-${run}-${Date.now()}`;
      const ann = await addPerson(people, 'Ann');
      const bob = await addPerson(people, 'Bob');
      await joinCall(ann, server.url, room);
      await openLobby(bob, server.url, room);
      await previewPlaying(bob);
      await watchCallSetup(ann.page);
      await watchCallSetup(bob.page);
      await joinButton(bob.page).click();
      await expectInCall(bob);
      const last = await allFirstFrames([ann.page, bob.page], 1, GIVE_UP_MS);
      const clicked = await clickedAt(bob.page);
      samples.push(last - clicked);
      offers.push((await offersOf(ann.page)).made + (await offersOf(bob.page)).made);
      await recordOffersOut('two people, Bob', bob, clicked);
      await printTrace('two people (Bob joins)', [ann, bob], clicked);
      await closeAll([ann, bob]);
    }
  } finally {
    await bareServer.close();
  }
  notes.push(`two people: ${offers.join(', ')} offers per run (1 = no renegotiation)`);
  results.push({
    name: 'bare reference: click (createOffer) -> first remote frame on both sides',
    samples: bare,
  });
  results.push({ name: 'two people: Join click -> first remote frame on both sides', samples });
});

test('four people: the fourth joins; and all four join at once', async ({ server, people }) => {
  const fourth: number[] = [];
  const together: number[] = [];
  const crowdOffers: number[] = [];
  const runs = Math.max(1, Math.ceil(RUNS / 2));
  // One browser per person, as four people have four machines: four pages of one Chromium share
  // one fake camera and one browser process, and there the camera of all four stalled for
  // ~2.5 s at the moment they joined (own previews froze too) in most runs of "four at once".
  const shared = process.env.BENCH_SHARED_BROWSER === '1';
  const browsers = !shared
    ? await Promise.all([0, 1, 2, 3].map(async () => people.own(await launchChromium())))
    : [];
  for (let run = 0; run < runs; run++) {
    const room = `bench-call-4-${run}-${Date.now()}`;
    const four = await Promise.all(
      ['Ann', 'Bob', 'Cid', 'Dee'].map((n, i) => addPerson(people, n, browsers[i])),
    );
    const [a, b, c, d] = four as [Person, Person, Person, Person];
    for (const p of [a, b, c]) {
      await openLobby(p, server.url, room);
      await previewPlaying(p);
      await watchCallSetup(p.page);
      await joinButton(p.page).click();
      await expectInCall(p);
    }
    await allFirstFrames([a.page, b.page, c.page], 2, GIVE_UP_MS);
    await openLobby(d, server.url, room);
    await previewPlaying(d);
    await watchCallSetup(d.page);
    await joinButton(d.page).click();
    // The fourth presents three peers; each of the others its third.
    const meshDone = await allFirstFrames(
      four.map((p) => p.page),
      3,
      GIVE_UP_MS,
    );
    const dClicked = await clickedAt(d.page);
    fourth.push(meshDone - dClicked);
    await recordOffersOut('four people, the fourth', d, dClicked);
    await printTrace('four people (Dee joins three)', four, dClicked);
    await closeAll(four);

    // All four click Join within a few milliseconds of each other.
    const room2 = `bench-call-4x-${run}-${Date.now()}`;
    const crowd = await Promise.all(
      ['Eve', 'Fay', 'Gus', 'Hal'].map((n, i) => addPerson(people, n, browsers[i])),
    );
    for (const p of crowd) await openLobby(p, server.url, room2);
    for (const p of crowd) await previewPlaying(p);
    for (const p of crowd) await watchCallSetup(p.page);
    await Promise.all(crowd.map((p) => joinButton(p.page).click()));
    const crowdDone = await allFirstFrames(
      crowd.map((p) => p.page),
      3,
      GIVE_UP_MS,
    );
    const firstClick = Math.min(...(await Promise.all(crowd.map((p) => clickedAt(p.page)))));
    together.push(crowdDone - firstClick);
    const made = await Promise.all(crowd.map((p) => offersOf(p.page)));
    crowdOffers.push(made.reduce((sum, o) => sum + o.made, 0));
    await printTrace('four click Join at once', crowd, firstClick);
    await closeAll(crowd);
  }
  notes.push(`four at once: ${crowdOffers.join(', ')} offers per run for 6 connections`);
  results.push({
    name: 'four people: fourth clicks Join -> every direction of the mesh presents a frame',
    samples: fourth,
  });
  results.push({
    name: 'four people click Join at once -> full mesh presenting frames',
    samples: together,
  });
});
