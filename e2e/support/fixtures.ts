/**
 * The `test` every spec imports. Fixtures:
 * - `server` (per worker): a real server process on a free port with a fresh DATA_DIR. Tests
 *   sharing it use unique rooms (`room`). Its output is attached to failing tests.
 * - `startServer(options)`: a server of the test's own (own env, e.g. ROOM_CAPACITY or TURN_*),
 *   stopped after the test; kill/restart/pause on the handle for fault tests.
 * - `people`: makes persons (contexts) in the default browser or another one; closes them after
 *   and attaches their console errors on failure. `people.browser(...)` launches an extra
 *   Chromium (own fake media, real permissions) closed after the test.
 * - `startCoturn()`, `startRedis()`: real coturn / redis-server on free loopback ports.
 */
import { test as base, type Browser, type BrowserContextOptions } from '@playwright/test';
import { newPerson, uniqueRoom, type Person } from './app.js';
import { startCoturn, type CoturnHandle } from './coturn.js';
import { startRedis, type RedisHandle } from './redis.js';
import { startServer, type ServerHandle, type ServerOptions } from './server.js';

/** Makes the people of one test. */
export interface People {
  /** A new person (own context) in `browser` (default: the worker's Chromium). */
  add(
    name: string,
    options?: { browser?: Browser; context?: BrowserContextOptions },
  ): Promise<Person>;
  /** Registers an extra browser so it is closed after the test. */
  own(browser: Browser): Browser;
  /** Everyone made so far. */
  readonly all: readonly Person[];
}

interface TestFixtures {
  /** A room name no other test uses. */
  room: string;
  people: People;
  startServer: (options?: ServerOptions) => Promise<ServerHandle>;
  startCoturn: () => Promise<CoturnHandle>;
  startRedis: () => Promise<RedisHandle>;
}

interface WorkerFixtures {
  server: ServerHandle;
}

/** The worker's shared server once a test has asked for it (its output goes with failures). */
let workerServer: ServerHandle | undefined;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer();
      workerServer = server;
      await use(server);
      workerServer = undefined;
      await server.dispose();
    },
    { scope: 'worker', timeout: 30_000 },
  ],

  // eslint-disable-next-line no-empty-pattern
  room: async ({}, use) => {
    await use(uniqueRoom());
  },

  people: async ({ browser }, use, testInfo) => {
    const made: Person[] = [];
    const browsers: Browser[] = [];
    const people: People = {
      async add(name, options = {}) {
        const person = await newPerson(options.browser ?? browser, name, options.context);
        made.push(person);
        return person;
      },
      own(b) {
        browsers.push(b);
        return b;
      },
      get all() {
        return made;
      },
    };
    await use(people);
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const p of made) {
        if (p.log.length)
          await testInfo.attach(`console-${p.name}.txt`, { body: p.log.join('\n') });
      }
      if (workerServer) {
        await testInfo.attach('server-output.txt', { body: workerServer.output() || '(empty)' });
      }
    }
    await Promise.all(made.map((p) => p.context.close().catch(() => undefined)));
    await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
  },

  // eslint-disable-next-line no-empty-pattern
  startServer: async ({}, use, testInfo) => {
    const started: ServerHandle[] = [];
    await use(async (options) => {
      const s = await startServer(options);
      started.push(s);
      return s;
    });
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [i, s] of started.entries()) {
        await testInfo.attach(`own-server-${i}-output.txt`, {
          body: s.output() || '(nothing printed)',
        });
      }
    }
    await Promise.all(started.map((s) => s.dispose()));
  },

  // eslint-disable-next-line no-empty-pattern
  startCoturn: async ({}, use) => {
    const started: CoturnHandle[] = [];
    await use(async () => {
      const c = await startCoturn();
      started.push(c);
      return c;
    });
    await Promise.all(started.map((c) => c.stop()));
  },

  // eslint-disable-next-line no-empty-pattern
  startRedis: async ({}, use) => {
    const started: RedisHandle[] = [];
    await use(async () => {
      const r = await startRedis();
      started.push(r);
      return r;
    });
    await Promise.all(started.map((r) => r.stop()));
  },
});

export { expect } from '@playwright/test';
