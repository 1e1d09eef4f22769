import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import fastifyWebsocket from '@fastify/websocket';
import { MAX_FRAME_BYTES, PROTOCOL_V1 } from '@zvonok/protocol';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { ServerConfig } from './config.js';
import { registerHealth } from './http/health.js';
import { buildMetricsServer, registerMetrics } from './http/metrics.js';
import { originAllowed } from './http/origin.js';
import { registerSecurityHeaders } from './http/security.js';
import { selfSignedCertificate } from './http/selfSigned.js';
import { DEFAULT_WEB_ROOT, registerStatic } from './http/static.js';
import { loadResumeSecret } from './signaling/auth/secret.js';
import { SignalingServer } from './signaling/SignalingServer.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The signaling server behind `/ws`. */
    signaling: SignalingServer;
    /**
     * The listener of its own for `/metrics` (METRICS_PORT), or null. Not listening yet: call
     * {@link listenMetrics} after the app listens; it is closed with the app.
     */
    metricsServer: FastifyInstance | null;
  }
}

const QUIET_PATHS = /^\/(ws|healthz|metrics)(\?|$)/;

/** Trusts the nearest `count` proxies (what a hop count means to proxy-addr). */
function hops(count: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < count;
}

/** Options that are not configuration: where logs go (tests capture them). */
export interface BuildOptions {
  /** Log destination; stdout when omitted. */
  logStream?: DestinationStream;
}

/**
 * Builds the whole server (HTTP app, `/healthz`, `/metrics`, signaling on `/ws`) without
 * listening: call `listen()` on the result, or `inject()` in tests. `close()` shuts signaling
 * down gracefully (clients get 1012 and reconnect).
 */
export function build(config: ServerConfig, options: BuildOptions = {}): FastifyInstance {
  const tls = config.tls ?? (config.selfSignedTls ? selfSignedCertificate(config.dataDir) : null);
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream === undefined ? {} : { stream: options.logStream }),
    },
    // WebSocket upgrades are logged by signaling (as connections); probes would only be noise.
    logController: new LogController({
      disableRequestLogging: (request: { url?: string }) => QUIET_PATHS.test(request.url ?? ''),
    }),
    bodyLimit: 16 * 1024,
    // Behind a proxy (TRUST_PROXY), request.ip is the client's address from X-Forwarded-For:
    // the per-address budgets and the logs need the person's, not the proxy's. Only the entries
    // the trusted proxies appended count; what the client wrote itself (to their left) never.
    trustProxy: typeof config.trustProxy === 'number' ? hops(config.trustProxy) : config.trustProxy,
    return503OnClosing: true,
    ...(tls === null
      ? {}
      : { https: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } }),
  }) as unknown as FastifyInstance;

  const signaling = new SignalingServer(
    config,
    app.log,
    loadResumeSecret(config.resumeSecret, config.dataDir),
  );
  app.decorate('signaling', signaling);
  // Added before the websocket plugin registers its own preClose, so it runs first and the
  // sockets are closed with 1012 rather than the plugin's bare close.
  app.addHook('preClose', () => signaling.close());
  // With REDIS_URL, listen once Redis answered (or after a few seconds: health then says why).
  app.addHook('onReady', () => signaling.ready());

  registerSecurityHeaders(app, tls !== null);
  registerHealth(app, signaling);
  registerMetrics(app, signaling.metrics, config.metrics);
  const metricsServer = buildMetricsServer(signaling.metrics, config.metrics);
  app.decorate('metricsServer', metricsServer);
  if (metricsServer !== null) app.addHook('onClose', () => metricsServer.close());
  void app.register(async (instance) =>
    registerStatic(instance, config.webRoot ?? DEFAULT_WEB_ROOT),
  );

  void app.register(fastifyWebsocket, {
    options: {
      maxPayload: MAX_FRAME_BYTES,
      perMessageDeflate: false,
      // Picking the v1 subprotocol is what makes a client a v1 client; anything else is seed.
      handleProtocols: (protocols: Set<string>) =>
        protocols.has(PROTOCOL_V1) ? PROTOCOL_V1 : false,
    },
  });
  let toldAboutOrigins = false;
  void app.register((instance, _options, done) => {
    instance.get(
      '/ws',
      {
        websocket: true,
        onRequest(request, reply, done) {
          const { origin, host } = request.headers;
          if (originAllowed(origin, host, config.allowedOrigins)) {
            done();
            return;
          }
          signaling.metrics.refusedUpgrade('origin');
          if (config.allowedOrigins === null && !toldAboutOrigins) {
            // Most likely the server's own public name, before ALLOWED_ORIGINS was set: say so once.
            toldAboutOrigins = true;
            request.log.warn(
              { origin },
              'refused a WebSocket upgrade: without ALLOWED_ORIGINS only loopback names and addresses are accepted; set ALLOWED_ORIGINS=https://your.domain when people reach this server by a name',
            );
          }
          request.log.info(
            { origin },
            'refused a WebSocket upgrade from another origin (a name needs ALLOWED_ORIGINS)',
          );
          void reply.code(403).send({ error: 'origin not allowed' });
        },
      },
      (socket, request) => {
        const room = (request.query as { room?: unknown }).room;
        signaling.accept(socket, {
          room: typeof room === 'string' ? room : undefined,
          address: request.ip,
        });
      },
    );
    done();
  });
  return app;
}

/**
 * Starts the `/metrics` listener of its own (METRICS_PORT) if there is one; resolves to its
 * address (`http://host:port`), or null when there is none.
 */
export async function listenMetrics(
  app: FastifyInstance,
  config: ServerConfig,
): Promise<string | null> {
  const server = app.metricsServer;
  if (server === null || config.metrics.port === null) return null;
  await server.listen({ port: config.metrics.port, host: config.metrics.host });
  const { port } = server.server.address() as AddressInfo;
  const host = config.metrics.host.includes(':') ? `[${config.metrics.host}]` : config.metrics.host;
  return `http://${host}:${port}`;
}
