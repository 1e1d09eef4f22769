/**
 * Calls through a real TURN relay (coturn started on loopback by the test): relay-only calls,
 * credentials that expire during a call, and a relay that refuses the server's credentials.
 */
import type { Page } from '@playwright/test';
import type { CoturnHandle } from '../support/coturn.js';
import { test, expect } from '../support/fixtures.js';
import {
  openLobbyOptions,
  expectInCall,
  joinButton,
  openLobby,
  tileOf,
  UI_TIMEOUT_MS,
  uniqueRoom,
  type Person,
} from '../support/app.js';
import { metricsText, type ServerHandle } from '../support/server.js';
import {
  MESH_TIMEOUT_MS,
  peerStats,
  selectedCandidatePairTypes,
  waitForInboundVideo,
  waitForVideoFramesRising,
} from '../support/stats.js';

/** The server's TURN settings for a coturn: STUN and TURN on the same loopback port. */
function turnEnv(turn: CoturnHandle, overrides: Record<string, string> = {}) {
  return {
    TURN_URLS: turn.url,
    TURN_SECRET: turn.secret,
    STUN_URLS: `stun:127.0.0.1:${turn.port}`,
    ...overrides,
  };
}

/** The lobby checkbox that keeps one's IP address from the others. */
function relayOnlyBox(page: Page) {
  return page.getByRole('checkbox', { name: /Hide my IP address/ });
}

/** Lobby -> tick relay-only -> Join call -> in the call. */
async function joinRelayOnly(person: Person, server: ServerHandle, room: string): Promise<void> {
  await openLobby(person, server.url, room);
  await openLobbyOptions(person.page);
  await relayOnlyBox(person.page).check();
  await joinButton(person.page).click();
  await expectInCall(person);
}

/** Candidate types of every connected peer connection's selected pair, local and remote. */
async function pairTypes(page: Page): Promise<string[]> {
  const snaps = (await peerStats(page)).filter((s) => s.connectionState === 'connected');
  return snaps.map((s) => `${s.selectedPair?.local ?? 'none'}/${s.selectedPair?.remote ?? 'none'}`);
}

/** How many `ice-servers` requests the server has answered (its Prometheus counter). */
async function iceServerRequests(server: ServerHandle): Promise<number> {
  const text = await metricsText(server);
  const line = text
    .split('\n')
    .find((l) => l.startsWith('zvonok_messages_total{type="ice-servers"}'));
  return line ? Number(line.split(' ').pop()) : 0;
}

test('relay-only call: media flows and the selected pair is relay on both sides', async ({
  people,
  startServer,
  startCoturn,
}) => {
  const turn = await startCoturn();
  const server = await startServer({ env: turnEnv(turn) });
  const room = uniqueRoom('relay');
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinRelayOnly(ann, server, room);
  await joinRelayOnly(bob, server, room);

  for (const p of [ann, bob]) {
    await waitForInboundVideo(p.page, { minFrames: 20 });
    // Relay-only: our side is a relayed candidate, and so is theirs (they are relay-only too).
    expect(await pairTypes(p.page)).toEqual(['relay/relay']);
  }
  await expect(tileOf(ann.page, 'Bob').locator('video')).toBeVisible();

  // The choice is remembered in this browser for the next call.
  const again = await ann.context.newPage();
  await again.goto(`${server.url}/r/${uniqueRoom('again')}`);
  await expect(relayOnlyBox(again)).toBeChecked({ timeout: UI_TIMEOUT_MS });
});

test('TURN credentials that expire during a call are refreshed: the call goes on and a newcomer connects over the relay', async ({
  people,
  startServer,
  startCoturn,
}) => {
  test.setTimeout(150_000);
  const TTL_SECONDS = 15;
  const turn = await startCoturn();
  const server = await startServer({
    env: turnEnv(turn, { TURN_TTL_SECONDS: String(TTL_SECONDS) }),
  });
  const room = uniqueRoom('expiry');
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinRelayOnly(ann, server, room);
  await joinRelayOnly(bob, server, room);
  // Bob joined last: once his first credentials are past their expiry, Ann's are too.
  const firstExpiry = Date.now() + TTL_SECONDS * 1000;
  await waitForInboundVideo(ann.page);
  await waitForInboundVideo(bob.page);

  // Both asked for fresh credentials before the old ones ran out (at 80 % of the lifetime).
  await expect
    .poll(() => iceServerRequests(server), { timeout: TTL_SECONDS * 1000 + 10_000 })
    .toBeGreaterThanOrEqual(2);
  expect(Date.now()).toBeLessThan(firstExpiry);

  // Past the expiry of the first credentials, media keeps flowing over the relay.
  await expect
    .poll(() => Date.now(), { timeout: TTL_SECONDS * 1000 })
    .toBeGreaterThan(firstExpiry + 1000);
  for (const p of [ann, bob]) {
    await waitForVideoFramesRising(p.page);
    expect(await selectedCandidatePairTypes(p.page)).toEqual(['relay']);
  }

  // A newcomer needs new relay allocations from Ann and Bob: with their first (expired)
  // credentials coturn would refuse them and Cy could reach nobody.
  const cy = await people.add('Cy');
  await joinRelayOnly(cy, server, room);
  await waitForInboundVideo(cy.page, { peers: 2, timeout: MESH_TIMEOUT_MS });
  for (const p of [ann, bob]) {
    await waitForInboundVideo(p.page, { peers: 2, timeout: MESH_TIMEOUT_MS });
    expect(await selectedCandidatePairTypes(p.page)).toEqual(['relay', 'relay']);
  }
  expect(await selectedCandidatePairTypes(cy.page)).toEqual(['relay', 'relay']);
});

test('a relay that refuses the server’s credentials is reported as unreachable, in the lobby check and in a relay-only call', async ({
  people,
  startServer,
  startCoturn,
}) => {
  const turn = await startCoturn();
  const server = await startServer({ env: turnEnv(turn, { TURN_SECRET: 'not-the-relay-secret' }) });
  const room = uniqueRoom('badsecret');
  const ann = await people.add('Ann');
  await openLobby(ann, server.url, room);
  await openLobbyOptions(ann.page);

  await ann.page.getByRole('button', { name: 'Check connection' }).click();
  const results = ann.page.getByRole('list', { name: 'Connection check' });
  await expect(results).toBeVisible({ timeout: 20_000 });
  await expect(results.getByRole('listitem')).toHaveText([
    /Zvonok server: reachable/,
    /Direct connections: your network lets them through/,
    /Relay: unreachable\. The relay server refused the connection/,
  ]);

  await relayOnlyBox(ann.page).check();
  await joinButton(ann.page).click();
  await expectInCall(ann);
  const bob = await people.add('Bob');
  await joinRelayOnly(bob, server, room);
  for (const p of [ann, bob]) {
    await expect(
      p.page.getByRole('alert').filter({ hasText: 'The relay cannot be reached' }),
    ).toBeVisible({
      timeout: 20_000,
    });
  }
  // And indeed nothing connects: no peer connection reaches `connected`.
  expect((await peerStats(ann.page)).filter((s) => s.connectionState === 'connected')).toEqual([]);
});
