import { describe, expect, it } from 'vitest';
import { VIDEO_RETRY, VideoRetry } from './VideoRetry.js';

describe('VideoRetry', () => {
  it('says nothing while video is on, and retries once it has been off for the first wait', () => {
    const r = new VideoRetry();
    r.decided(true, false, 0);
    expect(r.state(1_000)).toEqual({ retry: false, ramping: false });
    r.decided(false, false, 2_000);
    expect(r.state(2_000 + VIDEO_RETRY.firstWaitMs - 1).retry).toBe(false);
    expect(r.state(2_000 + VIDEO_RETRY.firstWaitMs).retry).toBe(true);
  });

  it('lets the estimate catch up after a try, then stops saying so', () => {
    const r = new VideoRetry();
    r.decided(false, false, 0);
    r.decided(true, true, 10_000);
    expect(r.state(10_000 + VIDEO_RETRY.rampMs - 1)).toEqual({ retry: false, ramping: true });
    expect(r.state(10_000 + VIDEO_RETRY.rampMs).ramping).toBe(false);
  });

  it('doubles the wait after each failed try, up to its ceiling, and starts over once a try holds', () => {
    const r = new VideoRetry();
    let now = 0;
    r.decided(false, false, now);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      now += r.waitMs;
      r.decided(true, true, now);
      now += VIDEO_RETRY.rampMs;
      r.decided(false, false, now);
      waits.push(r.waitMs);
    }
    expect(waits).toEqual([16_000, 32_000, 64_000, 64_000, 64_000, 64_000]);
    now += r.waitMs;
    r.decided(true, true, now);
    r.decided(true, false, now + VIDEO_RETRY.heldMs);
    expect(r.waitMs).toBe(VIDEO_RETRY.firstWaitMs);
  });

  it('starts the waits over when video comes back by itself (the estimate recovered)', () => {
    const r = new VideoRetry();
    r.decided(false, false, 0);
    r.decided(true, true, 8_000);
    r.decided(false, false, 10_000);
    expect(r.waitMs).toBe(16_000);
    r.decided(true, false, 12_000);
    expect(r.waitMs).toBe(VIDEO_RETRY.firstWaitMs);
    expect(r.state(13_000).ramping).toBe(false);
  });
});
