import type { FastifyInstance } from 'fastify';
import type { SignalingServer } from '../signaling/SignalingServer.js';

/**
 * `GET /healthz`: liveness and a few figures, as JSON. 503 with `status: "unhealthy"` and a
 * `reason` while the shared state (Redis, with REDIS_URL) is out of reach: a load balancer then
 * sends new people elsewhere, while the people here keep their calls.
 */
export function registerHealth(app: FastifyInstance, signaling: SignalingServer): void {
  const started = Date.now();
  app.get('/healthz', (_request, reply) => {
    const health = signaling.health();
    const figures = {
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      connections: signaling.connectionCount,
      rooms: signaling.roomCount,
      peers: signaling.peerCount,
      ...(signaling.backplane === null ? {} : { instance: signaling.backplane.instance }),
    };
    if (health.ok) return reply.send({ status: 'ok', ...figures });
    return reply.code(503).send({ status: 'unhealthy', reason: health.reason, ...figures });
  });
}
