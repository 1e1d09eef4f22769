/**
 * Issue 14: each tile shows how the link with that person is doing. A relay-only call whose
 * TURN relay freezes (SIGSTOP) turns the other person's indicator to poor on both pages, and
 * back to good once the relay runs again (SIGCONT), with no click.
 */
import type { Locator } from '@playwright/test';
import { turnEnv } from '../support/coturn.js';
import { test, expect } from '../support/fixtures.js';
import {
  expectInCall,
  joinButton,
  openLobby,
  openLobbyOptions,
  ownTile,
  tileOf,
  type Person,
} from '../support/app.js';
import { selectedCandidatePairTypes, waitForInboundVideo } from '../support/stats.js';

test.describe.configure({ timeout: 150_000 });

async function joinRelayOnly(person: Person, url: string, room: string): Promise<void> {
  await openLobby(person, url, room);
  await openLobbyOptions(person.page);
  await person.page.getByRole('checkbox', { name: /Hide my IP address/ }).check();
  await joinButton(person.page).click();
  await expectInCall(person);
}

/** A tile's quality and, from its indicator's hover text, why (for the failure message). */
async function qualityOf(tile: Locator): Promise<string> {
  const level = (await tile.getAttribute('data-quality')) ?? 'none';
  const why = await tile
    .locator('.quality__button')
    .getAttribute('title', { timeout: 1_000 })
    .catch(() => null);
  return `${level}: ${why ?? ''}`;
}

test('a frozen relay turns the tile poor, and back when it runs again', async ({
  startServer,
  startCoturn,
  room,
  people,
}) => {
  const turn = await startCoturn();
  const server = await startServer({ env: turnEnv(turn) });
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinRelayOnly(ann, server.url, room);
  await joinRelayOnly(bob, server.url, room);
  for (const p of [ann, bob]) {
    await waitForInboundVideo(p.page, { minFrames: 20 });
    expect(await selectedCandidatePairTypes(p.page)).toEqual(['relay']);
  }
  const pairs = [
    [ann, bob],
    [bob, ann],
  ] as const;
  // Through a relay on a busy machine a link may be good or fair (e.g. a choppy picture), never
  // poor while everything flows.
  const notPoor = /^(good|fair): /;
  for (const [me, other] of pairs) {
    await expect
      .poll(() => qualityOf(tileOf(me.page, other.name)), { timeout: 20_000 })
      .toMatch(notPoor);
    // The own tile shows the own uplink.
    await expect(ownTile(me)).toHaveAttribute('data-quality', /good|fair/);
  }
  // The reason is one tap away, in words.
  const badge = tileOf(ann.page, 'Bob').getByRole('button', {
    name: /^Connection with Bob: (Good|Fair) connection$/,
  });
  await badge.click();
  await expect(tileOf(ann.page, 'Bob').getByRole('status')).toHaveText(
    /^(Good connection\. Everything arrives well\.|Fair connection\. .+)$/,
  );

  turn.pause();
  try {
    for (const [me, other] of pairs) {
      await expect(tileOf(me.page, other.name)).toHaveAttribute('data-quality', 'poor', {
        timeout: 20_000,
      });
    }
  } finally {
    turn.resume();
  }
  for (const [me, other] of pairs) {
    await expect
      .poll(() => qualityOf(tileOf(me.page, other.name)), { timeout: 30_000 })
      .toMatch(notPoor);
  }
});
