import { defineConfig } from 'vitest/config';

/** Unit and integration suites of every package; E2E runs under Playwright Test instead. */
export default defineConfig({
  resolve: { conditions: ['zvonok-source'] },
  ssr: { resolve: { conditions: ['zvonok-source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'protocol', include: ['packages/protocol/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['packages/server/{src,test}/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: { name: 'sdk', include: ['packages/sdk/{src,test}/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'recorder', include: ['packages/recorder/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'web', include: ['packages/web/src/**/*.test.{ts,tsx}'] },
      },
    ],
  },
});
