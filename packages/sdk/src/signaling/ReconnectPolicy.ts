/** What a reconnect policy is told about the attempt it decides on. */
export interface ReconnectContext {
  /** 0 for the first retry after a drop, then 1, 2, ... */
  attempt: number;
  /** Milliseconds since the connection was lost. */
  elapsedMs: number;
}

/**
 * Decides when to retry a dropped signaling connection. Return the delay in milliseconds, or
 * `null` to give up (the call then ends with `CallState.Disconnected`).
 */
export interface ReconnectPolicy {
  nextRetryDelayMs(context: ReconnectContext): number | null;
}
