/**
 * The server's SFU path with a real Janus (started from a generated config on a free loopback
 * port): pages joined to one room publish their fake camera and microphone through Zvonok's own
 * signaling (`sfu-publish`) and receive everyone else on one multistream subscriber connection
 * (`sfu-subscribe`, `sfu-offer`, `sfu-start`); getStats shows frames from every other person.
 * The page only ever talks to the Zvonok server.
 */
import { test, expect } from '../support/fixtures.js';
import { janusEnv, startJanus, type JanusHandle } from '../support/janus.js';
import { startSfuClient, sfuView } from '../support/sfu-client.js';

let janus: JanusHandle;

test.beforeAll(async () => {
  janus = await startJanus();
});

test.afterAll(async () => {
  await janus?.stop();
});

test('three people publish and subscribe through Janus over Zvonok signaling', async ({
  browser,
  startServer,
  room,
}) => {
  test.setTimeout(90_000);
  const server = await startServer({ env: janusEnv(janus) });
  const contexts = await Promise.all([1, 2, 3].map(() => browser.newContext()));
  try {
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    for (const page of pages) {
      await page.goto(`${server.url}/`);
      await startSfuClient(page, server.wsUrl, room);
    }
    const ids = await Promise.all(
      pages.map(async (page) => {
        await expect.poll(async () => (await sfuView(page)).id, { timeout: 10_000 }).not.toBe('');
        return (await sfuView(page)).id;
      }),
    );
    for (const [i, page] of pages.entries()) {
      const others = ids.filter((_, j) => j !== i);
      await expect
        .poll(
          async () => {
            const view = await sfuView(page);
            return others.map((id) => (view.framesByFeed[id] ?? 0) > 10);
          },
          { timeout: 30_000, message: `page ${i} decodes video from both others` },
        )
        .toEqual([true, true]);
      const view = await sfuView(page);
      for (const id of others) expect(view.audioBytesByFeed[id] ?? 0).toBeGreaterThan(1000);
      // One publisher and one subscriber connection, whatever the room's size.
      expect(view.connections).toBe(2);
      expect(view.errors).toEqual([]);
    }
    // The server told the room who publishes: everyone.
    expect([...(await sfuView(pages[0]!)).feeds].sort()).toEqual([...ids].sort());

    // Someone leaves (a closed tab: their seat is kept for the resume grace, 10 s): the server
    // detaches their handles and tells the room within its sweep.
    await contexts[2]!.close();
    await expect
      .poll(async () => [...(await sfuView(pages[0]!)).feeds].sort(), { timeout: 20_000 })
      .toEqual([ids[0], ids[1]].sort());
  } finally {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  }
});

test('without JANUS_URL the SFU messages are refused with a code', async ({
  browser,
  server,
  room,
}) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await startSfuClient(page, server.wsUrl, room, { retry: false });
    await expect
      .poll(async () => (await sfuView(page)).errors.map((e) => e.ref), { timeout: 10_000 })
      .toContain('sfu-publish');
    // The publish and each of its candidates: refused, each with the same code and message.
    for (const error of (await sfuView(page)).errors) {
      expect(error).toMatchObject({
        code: 'SIG_ERR_SFU_UNAVAILABLE',
        message: 'this server has no SFU configured',
      });
      expect(['sfu-publish', 'sfu-ice']).toContain(error.ref);
    }
  } finally {
    await context.close();
  }
});

test('Janus killed (-9) mid-call and started again: the call comes back by itself', async ({
  browser,
  startServer,
  room,
}) => {
  test.setTimeout(90_000);
  const own = await startJanus();
  const server = await startServer({ env: janusEnv(own) });
  const contexts = await Promise.all([1, 2].map(() => browser.newContext()));
  try {
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    for (const page of pages) {
      await page.goto(`${server.url}/`);
      await startSfuClient(page, server.wsUrl, room);
    }
    const decodesOther = async (i: number): Promise<boolean> => {
      const [mine, theirs] = await Promise.all([sfuView(pages[i]!), sfuView(pages[1 - i]!)]);
      return (mine.framesByFeed[theirs.id] ?? 0) > 10;
    };
    for (const i of [0, 1])
      await expect.poll(() => decodesOther(i), { timeout: 30_000 }).toBe(true);

    const killedAt = Date.now();
    await own.kill();
    // The server notices at once (the socket closes) and tells the room that nobody publishes.
    await expect
      .poll(async () => (await sfuView(pages[0]!)).publishes, { timeout: 10_000 })
      .toBeGreaterThan(1);
    const noticedMs = Date.now() - killedAt;
    expect(noticedMs).toBeLessThan(5000);

    await own.restart();
    for (const i of [0, 1]) {
      await expect
        .poll(() => decodesOther(i), {
          timeout: 30_000,
          message: `page ${i} decodes the other again`,
        })
        .toBe(true);
      // Still one publisher and one subscriber connection open.
      expect((await sfuView(pages[i]!)).connections).toBe(2);
    }
  } finally {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await own.stop();
  }
});
