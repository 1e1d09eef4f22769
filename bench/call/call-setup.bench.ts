/**
 * Call set-up times, from the person's click to pictures on screen:
 *
 * - two people: Ann is in the call; Bob clicks "Join call" in the lobby (camera preview running);
 *   measured from Bob's click until the first remote video frame is decoded on BOTH sides;
 * - four people: three are in the call; the fourth clicks "Join call"; measured until every one of
 *   the 12 directions of the mesh has decoded a frame (the fourth's three and one on each other).
 *   Plus the time for a whole 4-mesh to form when all four click at once.
 *
 * Each is repeated BENCH_RUNS times (default 10) in fresh rooms on one server; the medians go to
 * docs/PERFORMANCE.md. Run with `npm run bench:call`.
 */
import { test, expect } from '../../e2e/support/fixtures.js';
import {
  expectInCall,
  joinButton,
  joinCall,
  openLobby,
  type Person,
} from '../../e2e/support/app.js';
import { markdown, saveResults, type Measurement } from '../recovery/summary.js';
import { callSetupTiming, watchCallSetup } from './firstFrame.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const GIVE_UP_MS = 30_000;

const results: Measurement[] = [];

test.describe.configure({ mode: 'serial' });

test.afterAll(() => {
  if (results.length === 0) return;
  const notes = [`${RUNS} runs per measurement, Chromium with fake media, one server`];
  const file = saveResults(results, notes, new URL('./results', import.meta.url).pathname);
  console.log(`\nCall set-up (${notes.join('; ')})\n\n${markdown(results)}\n\nsaved to ${file}`);
});

/** Waits until every person has `perPerson` remote first frames; returns the latest of them. */
async function allFirstFrames(people: readonly Person[], perPerson: number): Promise<number> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    const timings = await Promise.all(people.map((p) => callSetupTiming(p.page)));
    if (timings.every((t) => t.firstFrames.length >= perPerson)) {
      return Math.max(...timings.map((t) => Math.max(...t.firstFrames)));
    }
    if (Date.now() > deadline)
      throw new Error(`no ${perPerson} first frames within ${GIVE_UP_MS} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Everyone leaves (closing their pages' contexts) so the next run starts clean. */
async function closeAll(people: readonly Person[]): Promise<void> {
  await Promise.all(people.map((p) => p.context.close()));
}

test('two people: click Join -> first remote frame on both sides', async ({ server, people }) => {
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const room = `bench-call-2-${run}-${Date.now()}`;
    const ann = await people.add('Ann');
    const bob = await people.add('Bob');
    await joinCall(ann, server.url, room);
    await openLobby(bob, server.url, room);
    await expect(joinButton(bob.page)).toBeEnabled();
    await watchCallSetup(ann.page);
    await watchCallSetup(bob.page);
    await joinButton(bob.page).click();
    await expectInCall(bob);
    const last = await allFirstFrames([ann, bob], 1);
    const { joinClickedAt } = await callSetupTiming(bob.page);
    expect(joinClickedAt).toBeGreaterThan(0);
    samples.push(last - joinClickedAt);
    await closeAll([ann, bob]);
  }
  results.push({ name: 'two people: Join click -> first remote frame on both sides', samples });
});

test('four people: the fourth joins; and all four join at once', async ({ server, people }) => {
  const fourth: number[] = [];
  const together: number[] = [];
  const runs = Math.max(1, Math.ceil(RUNS / 2));
  for (let run = 0; run < runs; run++) {
    const room = `bench-call-4-${run}-${Date.now()}`;
    const four = await Promise.all(['Ann', 'Bob', 'Cid', 'Dee'].map((n) => people.add(n)));
    const [a, b, c, d] = four as [Person, Person, Person, Person];
    for (const p of [a, b, c]) {
      await openLobby(p, server.url, room);
      await watchCallSetup(p.page);
      await joinButton(p.page).click();
      await expectInCall(p);
    }
    await allFirstFrames([a, b, c], 2);
    await openLobby(d, server.url, room);
    await expect(joinButton(d.page)).toBeEnabled();
    await watchCallSetup(d.page);
    await joinButton(d.page).click();
    // The fourth decodes three peers; each of the others decodes its third.
    const meshDone = await allFirstFrames(four, 3);
    fourth.push(meshDone - (await callSetupTiming(d.page)).joinClickedAt);
    await closeAll(four);

    // All four click Join within a few milliseconds of each other.
    const room2 = `bench-call-4x-${run}-${Date.now()}`;
    const crowd = await Promise.all(['Eve', 'Fay', 'Gus', 'Hal'].map((n) => people.add(n)));
    for (const p of crowd) await openLobby(p, server.url, room2);
    for (const p of crowd) await expect(joinButton(p.page)).toBeEnabled();
    for (const p of crowd) await watchCallSetup(p.page);
    await Promise.all(crowd.map((p) => joinButton(p.page).click()));
    const crowdDone = await allFirstFrames(crowd, 3);
    const firstClick = Math.min(
      ...(await Promise.all(crowd.map(async (p) => (await callSetupTiming(p.page)).joinClickedAt))),
    );
    together.push(crowdDone - firstClick);
    await closeAll(crowd);
  }
  results.push({
    name: 'four people: fourth clicks Join -> every direction of the mesh decodes',
    samples: fourth,
  });
  results.push({ name: 'four people click Join at once -> full mesh decoding', samples: together });
});
