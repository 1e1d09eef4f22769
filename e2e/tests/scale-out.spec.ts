/**
 * Issue 7, E2E: two server instances share one Redis. Ann's browser talks to instance one, Bob's
 * to instance two; they meet in one room, see and hear each other (getStats both ways) and chat.
 * A chat typed while Redis is out waits as "Sending…" and arrives once when Redis is back.
 */
import type { RedisHandle } from '../support/redis.js';
import type { ServerHandle } from '../support/server.js';
import { test, expect } from '../support/fixtures.js';
import { chatLines } from '../support/recovery.js';
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

/** Two instances sharing a fresh redis-server. */
async function twoInstances(
  startRedis: () => Promise<RedisHandle>,
  startServer: (options: { env: Record<string, string> }) => Promise<ServerHandle>,
): Promise<{ redis: RedisHandle; one: ServerHandle; two: ServerHandle }> {
  const redis = await startRedis();
  const env = {
    REDIS_URL: redis.url,
    // Every instance signs resume tokens with the same secret.
    RESUME_SECRET: 'scale-out-e2e-secret-shared-by-both-instances',
  };
  const one = await startServer({ env });
  const two = await startServer({ env });
  return { redis, one, two };
}

/** The HTTP status of an instance's /healthz. */
async function healthOf(server: ServerHandle): Promise<number> {
  return (await fetch(`${server.url}/healthz`)).status;
}

test('people on two instances behind one Redis get a call with media both ways and chat', async ({
  startRedis,
  startServer,
  room,
  people,
}) => {
  const { one, two } = await twoInstances(startRedis, startServer);
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

test('a chat typed while Redis is out shows "Sending…", then arrives once when Redis is back', async ({
  startRedis,
  startServer,
  room,
  people,
}) => {
  const { redis, one, two } = await twoInstances(startRedis, startServer);
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  // What instance one answers Ann's chat with, read off her signaling socket.
  const chatRefusals: string[] = [];
  ann.page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const text = String(payload);
      if (text.includes('"type":"error"') && text.includes('"ref":"chat"')) chatRefusals.push(text);
    }),
  );
  await joinCall(ann, one.url, room);
  await joinCall(bob, two.url, room);
  await expect(tiles(ann.page)).toHaveCount(2);
  await openChat(ann.page);
  await openChat(bob.page);

  await redis.kill();
  await expect.poll(() => healthOf(one), { timeout: 10_000 }).toBe(503);
  await sendChat(ann.page, 'typed during the outage');
  const mine = chatMessages(ann.page).filter({ hasText: 'typed during the outage' });
  // The instance cannot keep it now and says so; the app keeps it as "Sending…", no alarm.
  await expect.poll(() => chatRefusals.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  expect(chatRefusals[0]).toContain('SIG_ERR_INTERNAL');
  await expect(mine).toContainText('Sending…');
  await expect(ann.page.getByRole('alert')).toHaveCount(0);
  await expect(chatMessages(bob.page).filter({ hasText: 'typed during the outage' })).toHaveCount(
    0,
  );

  await redis.restart();
  await expect.poll(() => healthOf(one), { timeout: 15_000 }).toBe(200);
  // Sent again by itself: Bob, on the other instance, gets it exactly once; nothing stays pending.
  const atBob = chatMessages(bob.page).filter({ hasText: 'typed during the outage' });
  await expect(atBob).toHaveCount(1, { timeout: 30_000 });
  await expect(atBob).toHaveAccessibleName('Ann');
  await expect
    .poll(async () => (await chatLines(ann.page)).filter((l) => l.pending).length)
    .toBe(0);
  // One more round trip: a late duplicate would be here by now.
  await sendChat(bob.page, 'and after');
  await expect(chatMessages(ann.page).filter({ hasText: 'and after' })).toHaveCount(1);
  await expect(atBob).toHaveCount(1);
  await expect(mine).toHaveCount(1);
  await expect(ann.page.getByRole('alert')).toHaveCount(0);
});
