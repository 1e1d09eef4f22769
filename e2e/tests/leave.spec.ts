/**
 * Issue 3, E2E 6: someone leaves -> the others' grids shrink; someone in another room sees nobody
 * from this one.
 */
import { test, expect } from '../support/fixtures.js';
import { control, joinCall, tileOf, tiles, uniqueRoom } from '../support/app.js';
import { connected, peerStats, waitForInboundVideo } from '../support/stats.js';

test('leaving shrinks the others’ grids; another room sees nobody from this one', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  const cid = await people.add('Cid');
  const dee = await people.add('Dee');
  for (const p of [ann, bob, cid]) await joinCall(p, server.url, room);
  await joinCall(dee, server.url, uniqueRoom());

  for (const p of [ann, bob]) {
    await expect(tiles(p.page)).toHaveCount(3);
    await waitForInboundVideo(p.page, { peers: 2 });
  }
  await control(cid.page, 'Leave call').click();

  for (const p of [ann, bob]) {
    await expect(tileOf(p.page, 'Cid')).toHaveCount(0);
    await expect(tiles(p.page)).toHaveCount(2);
    await expect.poll(async () => connected(await peerStats(p.page)).length).toBe(1);
  }
  // Cid's own connections are closed.
  await expect.poll(async () => connected(await peerStats(cid.page)).length).toBe(0);

  // Dee, alone in another room the whole time: only her own tile, no peer connection at all.
  await expect(tiles(dee.page)).toHaveCount(1);
  for (const name of ['Ann', 'Bob', 'Cid']) await expect(tileOf(dee.page, name)).toHaveCount(0);
  expect(await peerStats(dee.page)).toEqual([]);
});
