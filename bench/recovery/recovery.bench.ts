/**
 * Recovery times with real faults, in real browsers (two people in one call, fake media):
 *
 * - signaling resume: the server is killed (-9), stays down OUTAGE_MS, and is started again on
 *   the same port and data directory; measured from the moment it listens again until both
 *   people's "Reconnecting…" status is gone (they resumed with their ids; the SDK's backoff with
 *   jitter decides most of it);
 * - ICE recovery after a TURN outage, relay-only call: coturn killed (-9) until both tiles say
 *   "Reconnecting…", then started again; and coturn frozen (SIGSTOP) for 8 s, then thawed.
 *   Measured from the moment the relay is back until video frames are decoded again on both
 *   sides, on the same peer connections.
 *
 * Each is repeated BENCH_RUNS times (default 5) on the same call; the medians go to
 * docs/PERFORMANCE.md. Run with `npm run bench:recovery`.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../../e2e/support/fixtures.js';
import {
  expectInCall,
  joinButton,
  joinCall,
  openLobby,
  tileOf,
  type Person,
} from '../../e2e/support/app.js';
import { turnEnv } from '../../e2e/support/coturn.js';
import {
  framesByPc,
  reconnectingBanner,
  remotePeerIds,
  waitForFramesAfter,
} from '../../e2e/support/recovery.js';
import type { ServerHandle } from '../../e2e/support/server.js';
import { waitForInboundVideo } from '../../e2e/support/stats.js';
import { markdown, saveResults, type Measurement } from './summary.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** How long the signaling server stays dead in each run. */
const OUTAGE_MS = 2_000;
/** How long coturn stays frozen in each run. */
const FREEZE_MS = 8_000;
/** How often the pages are polled while timing (each poll is a round trip to the browser). */
const POLL_MS = 25;
/** A recovery that takes longer than this counts as failed: the run stops with an error. */
const GIVE_UP_MS = 60_000;

const results: Measurement[] = [];

test.describe.configure({ mode: 'serial' });

test.afterAll(() => {
  if (results.length === 0) return;
  const notes = [
    `${RUNS} runs per measurement, two people, Chromium ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}`,
    `signaling outage ${OUTAGE_MS} ms, coturn freeze ${FREEZE_MS} ms`,
  ];
  const file = saveResults(results, notes);
  console.log(`\nRecovery (${notes.join('; ')})\n\n${markdown(results)}\n\nsaved to ${file}`);
});

/** Polls `done` every POLL_MS until it is true; returns when it became true (Date.now()). */
async function whenTrue(done: () => Promise<boolean>, what: string): Promise<number> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    if (await done()) return Date.now();
    if (Date.now() > deadline) throw new Error(`${what}: not within ${GIVE_UP_MS} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** When video frames are decoded again on every connection in `stalled` (by creation index). */
function whenFramesFlow(page: Page, stalled: Map<number, number>): Promise<number> {
  return whenTrue(async () => {
    const now = await framesByPc(page, { all: true });
    return [...stalled].every(([index, before]) => (now.get(index) ?? 0) >= before + 3);
  }, 'frames decoded again');
}

async function pair(
  people: { add(name: string): Promise<Person> },
  join: (p: Person) => Promise<void>,
): Promise<[Person, Person]> {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await join(ann);
  await join(bob);
  await waitForInboundVideo(ann.page, { minFrames: 20 });
  await waitForInboundVideo(bob.page, { minFrames: 20 });
  return [ann, bob];
}

test('signaling resume after a server restart (kill -9)', async ({ startServer, room, people }) => {
  const server = await startServer();
  const [ann, bob] = await pair(people, (p) => joinCall(p, server.url, room));
  const ids = [await remotePeerIds(ann.page), await remotePeerIds(bob.page)];
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await server.kill();
    for (const p of [ann, bob]) await expect(reconnectingBanner(p.page)).toBeVisible();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await server.restart();
    const listening = Date.now();
    const back = await Promise.all(
      [ann, bob].map((p) =>
        whenTrue(async () => (await reconnectingBanner(p.page).count()) === 0, 'resumed'),
      ),
    );
    samples.push(Math.max(...back) - listening);
    // Resumed, not rejoined: the same ids on both sides.
    expect([await remotePeerIds(ann.page), await remotePeerIds(bob.page)]).toEqual(ids);
  }
  results.push({ name: 'signaling resume: server listening again -> both resumed', samples });
});

async function joinRelayOnly(person: Person, server: ServerHandle, room: string): Promise<void> {
  await openLobby(person, server.url, room);
  await person.page.getByRole('checkbox', { name: /Hide my IP address/ }).check();
  await joinButton(person.page).click();
  await expectInCall(person);
}

/** Waits until both tiles say the connection is up again and video flows on it. */
async function settled(ann: Person, bob: Person): Promise<void> {
  for (const [me, other] of [
    [ann, bob],
    [bob, ann],
  ] as const) {
    await expect(tileOf(me.page, other.name)).toHaveAttribute('data-link', 'connected', {
      timeout: GIVE_UP_MS,
    });
    await waitForFramesAfter(me.page, await framesByPc(me.page), { minNew: 10 });
  }
}

test('ICE recovery after a TURN outage (relay-only call)', async ({
  startServer,
  startCoturn,
  room,
  people,
}) => {
  const turn = await startCoturn();
  const server = await startServer({ env: turnEnv(turn) });
  const [ann, bob] = await pair(people, (p) => joinRelayOnly(p, server, room));

  const killed: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await turn.kill();
    for (const [me, other] of [
      [ann, bob],
      [bob, ann],
    ] as const) {
      await expect(tileOf(me.page, other.name)).toHaveAttribute('data-link', 'reconnecting', {
        timeout: GIVE_UP_MS,
      });
    }
    const stalled = [
      await framesByPc(ann.page, { all: true }),
      await framesByPc(bob.page, { all: true }),
    ];
    await turn.restart();
    const back = Date.now();
    const flowing = await Promise.all([
      whenFramesFlow(ann.page, stalled[0]!),
      whenFramesFlow(bob.page, stalled[1]!),
    ]);
    killed.push(Math.max(...flowing) - back);
    await settled(ann, bob);
  }
  results.push({
    name: 'ICE: coturn killed, started again -> video on both sides',
    samples: killed,
  });

  const frozen: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    turn.pause();
    let stalled: Map<number, number>[];
    try {
      await new Promise((r) => setTimeout(r, FREEZE_MS));
      // Taken while still frozen: nothing is decoded now, so any rise after the thaw is new.
      stalled = [
        await framesByPc(ann.page, { all: true }),
        await framesByPc(bob.page, { all: true }),
      ];
    } finally {
      turn.resume();
    }
    const thawed = Date.now();
    const flowing = await Promise.all([
      whenFramesFlow(ann.page, stalled[0]!),
      whenFramesFlow(bob.page, stalled[1]!),
    ]);
    frozen.push(Math.max(...flowing) - thawed);
    await settled(ann, bob);
  }
  results.push({ name: 'ICE: coturn frozen 8 s, thawed -> video on both sides', samples: frozen });
});
