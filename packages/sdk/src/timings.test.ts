import { describe, expect, it } from 'vitest';
import { CHAT_RETRY_BASE_MS } from './chat/ChatRetry.js';
import { ICE_DISCONNECTED_RESTART_MS, MAX_ICE_RESTARTS, RESUME_GRACE_MS } from './defaults.js';
import { resolveTimings } from './timings.js';

describe('resolveTimings', () => {
  it('fills every absent delay with its default', () => {
    const t = resolveTimings();
    expect(t.iceDisconnectedRestartMs).toBe(ICE_DISCONNECTED_RESTART_MS);
    expect(t.maxIceRestarts).toBe(MAX_ICE_RESTARTS);
    expect(t.resumeGraceMs).toBe(RESUME_GRACE_MS);
    expect(t.chatRetryMs).toBe(CHAT_RETRY_BASE_MS);
    expect(Object.values(t).every((v) => typeof v === 'number')).toBe(true);
  });

  it('keeps what is given, zero included', () => {
    const t = resolveTimings({ maxIceRestarts: 0, resumeGraceMs: 150 });
    expect(t.maxIceRestarts).toBe(0);
    expect(t.resumeGraceMs).toBe(150);
    expect(t.iceRestartTimeoutMs).toBeGreaterThan(0);
  });
});
