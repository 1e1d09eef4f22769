/**
 * @packageDocumentation
 * The Zvonok signaling server. `build(config)` makes the Fastify app (never listening);
 * `loadConfig(env)` reads and validates the configuration. `main.ts` runs it.
 */
export { build, listenMetrics, type BuildOptions } from './app.js';
export {
  ConfigError,
  loadConfig,
  testConfig,
  LOG_LEVELS,
  type AttemptPolicy,
  type JanusConfig,
  type LogLevel,
  type RateLimitConfig,
  type RedisConfig,
  type ServerConfig,
} from './config.js';
export { SignalingServer } from './signaling/SignalingServer.js';
export { RedisBackplane, type BackplaneHealth } from './backplane/RedisBackplane.js';
export { ResumeTokens, type ResumeClaim } from './signaling/auth/ResumeTokens.js';
export { TurnCredentials, type IceServerGrant } from './signaling/ice/TurnCredentials.js';
export { CONTENT_SECURITY_POLICY, securityHeaders } from './http/security.js';
