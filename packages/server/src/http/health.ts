import type { FastifyInstance } from 'fastify';
import type { SignalingServer } from '../signaling/SignalingServer.js';

/** `GET /healthz`: liveness and a few figures, as JSON. */
export function registerHealth(app: FastifyInstance, signaling: SignalingServer): void {
  const started = Date.now();
  app.get('/healthz', () => ({
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - started) / 1000),
    connections: signaling.connectionCount,
    rooms: signaling.roomCount,
    peers: signaling.peerCount,
  }));
}
