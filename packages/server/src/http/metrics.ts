import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { MetricsConfig } from '../config.js';
import type { Metrics } from '../signaling/metrics/Metrics.js';
import { registerSecurityHeaders } from './security.js';

/**
 * `GET /metrics` (Prometheus text) is never public on the app's port: it tells anyone how many
 * calls run and which errors happen. It is served on the app's port only to requests that carry
 * `Authorization: Bearer METRICS_TOKEN`, and, with METRICS_PORT, without a token (unless one is
 * set) on a listener of its own that is meant for a private address (METRICS_HOST, loopback by
 * default). Without either it is off; the path answers 404 like any unknown page.
 */
export function registerMetrics(
  app: FastifyInstance,
  metrics: Metrics,
  config: MetricsConfig,
): void {
  const token = config.token;
  if (token === null) {
    // Registered anyway, so that the app's own fallback (the web app's index) does not answer it.
    app.get('/metrics', (_request, reply) => reply.code(404).send({ error: 'not found' }));
    return;
  }
  app.get('/metrics', (request, reply) => serve(request, reply, metrics, token));
}

/**
 * The listener of its own for METRICS_PORT (not listening yet: the caller listens on
 * `config.port`/`config.host` after the app), or null when none is configured.
 */
export function buildMetricsServer(
  metrics: Metrics,
  config: MetricsConfig,
): FastifyInstance | null {
  if (config.port === null) return null;
  const server = Fastify({ logger: false }) as unknown as FastifyInstance;
  registerSecurityHeaders(server, false);
  server.get('/metrics', (request, reply) => serve(request, reply, metrics, config.token));
  return server;
}

async function serve(
  request: FastifyRequest,
  reply: FastifyReply,
  metrics: Metrics,
  token: string | null,
): Promise<FastifyReply> {
  if (token !== null && !bearerMatches(request.headers.authorization, token)) {
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="metrics"')
      .send({ error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
  }
  const body = await metrics.registry.metrics();
  return reply.type(metrics.registry.contentType).send(body);
}

/** Compares in constant time (hashes first, so lengths do not leak either). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return given !== '' && timingSafeEqual(digest(given), digest(token));
}
