import { CHAT_RETRY_BASE_MS } from './chat/ChatRetry.js';
import {
  ICE_DISCONNECTED_RESTART_MS,
  ICE_RESTART_TIMEOUT_MS,
  JOIN_TIMEOUT_MS,
  MAX_ICE_RESTARTS,
  RESUME_GRACE_MS,
} from './defaults.js';
import type { CallTimings } from './types.js';

/** Every delay of a call, each given or its default. */
export type ResolvedTimings = Readonly<Required<CallTimings>>;

/** The delays of ICE recovery, as each connection of a mesh uses them. */
export type IceTimings = Pick<
  ResolvedTimings,
  'iceDisconnectedRestartMs' | 'maxIceRestarts' | 'iceRestartTimeoutMs'
>;

/**
 * The one place where a call's timing options meet their defaults: the parts of a call take
 * plain numbers from here instead of each deciding again what an absent option means.
 */
export function resolveTimings(timings: CallTimings = {}): ResolvedTimings {
  return {
    iceDisconnectedRestartMs: timings.iceDisconnectedRestartMs ?? ICE_DISCONNECTED_RESTART_MS,
    maxIceRestarts: timings.maxIceRestarts ?? MAX_ICE_RESTARTS,
    iceRestartTimeoutMs: timings.iceRestartTimeoutMs ?? ICE_RESTART_TIMEOUT_MS,
    resumeGraceMs: timings.resumeGraceMs ?? RESUME_GRACE_MS,
    joinTimeoutMs: timings.joinTimeoutMs ?? JOIN_TIMEOUT_MS,
    chatRetryMs: timings.chatRetryMs ?? CHAT_RETRY_BASE_MS,
  };
}
