/**
 * Issue 7, E2E: two server instances share one Redis. Ann's browser talks to instance one, Bob's
 * to instance two; they meet in one room, see and hear each other (getStats both ways) and chat.
 */
import { test, expect } from '../support/fixtures.js';
import {
  chatMessages,
  expectVideoPlaying,
  joinCall,
  openChat,
  sendChat,
  tileOf,
  tiles,
} from '../support/app.js';
import { waitForInboundAudioBytes, waitForInboundVideo } from '../support/stats.js';

test('people on two instances behind one Redis get a call with media both ways and chat', async ({
  startRedis,
  startServer,
  room,
  people,
}) => {
  const redis = await startRedis();
  const env = {
    REDIS_URL: redis.url,
    // Every instance signs resume tokens with the same secret.
    RESUME_SECRET: 'scale-out-e2e-secret-shared-by-both-instances',
  };
  const one = await startServer({ env });
  const two = await startServer({ env });
  const instances = await Promise.all(
    [one, two].map(async (s) => {
      const response = await fetch(`${s.url}/healthz`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { instance: string }).instance;
    }),
  );
  expect(instances[0]).not.toBe(instances[1]);

  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  await joinCall(ann, one.url, room);
  await joinCall(bob, two.url, room);

  for (const [me, other] of [
    [ann, bob],
    [bob, ann],
  ] as const) {
    await expect(tiles(me.page)).toHaveCount(2);
    await expectVideoPlaying(tileOf(me.page, other.name));
  }
  // What flows, both ways: decoded video frames and audio bytes (the signaling crossed Redis).
  for (const me of [ann, bob]) {
    await waitForInboundVideo(me.page, { minFrames: 20 });
    await waitForInboundAudioBytes(me.page);
  }

  await openChat(bob.page);
  await sendChat(ann.page, 'Hello from instance one');
  const fromAnn = chatMessages(bob.page).filter({ hasText: 'Hello from instance one' });
  await expect(fromAnn).toHaveCount(1);
  await expect(fromAnn).toHaveAccessibleName('Ann');
  await sendChat(bob.page, 'Hi from instance two');
  const fromBob = chatMessages(ann.page).filter({ hasText: 'Hi from instance two' });
  await expect(fromBob).toHaveCount(1);
  await expect(fromBob).toHaveAccessibleName('Bob');
});
