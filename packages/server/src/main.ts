#!/usr/bin/env node
/**
 * Runs the server: configuration from the environment, listen, and a graceful shutdown on
 * SIGTERM/SIGINT (clients are told to reconnect, the process exits within 2 s).
 */
import type { AddressInfo } from 'node:net';
import closeWithGrace from 'close-with-grace';
import { build, listenMetrics } from './app.js';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { lanUrls } from './http/selfSigned.js';

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 1800;

function readConfig(): ServerConfig {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

const config = readConfig();
const app = (() => {
  try {
    return build(config);
  } catch (err) {
    // Start-up problems (unreadable certificate, data directory not writable): say it plainly.
    console.error(`Cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
})();

closeWithGrace(
  { delay: SHUTDOWN_DEADLINE_MS, logger: { error: (m: unknown) => app.log.error(m) } },
  async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'fatal error, shutting down');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  },
);

try {
  await app.listen({ port: config.port, host: config.host });
} catch (err) {
  console.error(
    `Cannot listen on ${config.host}:${config.port}: ${(err as Error).message}. ` +
      'Set PORT (and HOST) to a free address.',
  );
  process.exit(1);
}

let metricsAt: string | null = null;
try {
  metricsAt = await listenMetrics(app, config);
} catch (err) {
  console.error(
    `Cannot listen for /metrics on ${config.metrics.host}:${config.metrics.port}: ${(err as Error).message}. ` +
      'Set METRICS_PORT (and METRICS_HOST) to a free address.',
  );
  process.exit(1);
}

const { port } = app.server.address() as AddressInfo;
const wildcard = config.host === '0.0.0.0' || config.host === '::';
const host = wildcard ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
// Printed as a plain line (besides the JSON logs): scripts and tests read the URL from it.
const scheme = config.tls !== null || config.selfSignedTls ? 'https' : 'http';
console.log(`Zvonok listening on ${scheme}://${host}:${port}`);
// Trying it with a phone: say where (the certificate covers these addresses).
if (config.selfSignedTls && wildcard) {
  for (const url of lanUrls(port)) console.log(`On this network (accept the warning once): ${url}`);
}
if (metricsAt !== null) console.log(`Metrics on ${metricsAt}/metrics`);
