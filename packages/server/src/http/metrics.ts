import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../signaling/Metrics.js';

/** `GET /metrics`: Prometheus text format. */
export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
}
