import { describe, expect, it } from 'vitest';
import { CallError, CallErrorCode } from '../errors.js';
import type { MediaKind } from '../events.js';
import { startWithFallback, type StartTarget } from './startFallback.js';

/** A target whose acquisitions fail for the kinds in `broken` (any request including one). */
function target(broken: readonly MediaKind[]): StartTarget & {
  errors: Partial<Record<MediaKind, CallError>>;
  asked: MediaKind[][];
  changes: number;
} {
  const errors: Partial<Record<MediaKind, CallError>> = {};
  const asked: MediaKind[][] = [];
  const t = {
    errors,
    asked,
    changes: 0,
    acquire(kinds: readonly MediaKind[]): Promise<void> {
      asked.push([...kinds]);
      const failing = kinds.find((k) => broken.includes(k));
      if (!failing) return Promise.resolve();
      return Promise.reject(new DOMException(`${failing} refused`, 'NotAllowedError'));
    },
    fail(kind: MediaKind, err: unknown): CallError {
      const error =
        err instanceof CallError
          ? err
          : new CallError(CallErrorCode.MediaPermissionDenied, String(err));
      errors[kind] = error;
      return error;
    },
    succeeded(kind: MediaKind): void {
      delete errors[kind];
    },
    error: (kind: MediaKind) => errors[kind],
    changed(): void {
      t.changes++;
    },
  };
  return t;
}

describe('startWithFallback', () => {
  it('asks once when both work', async () => {
    const t = target([]);
    await expect(startWithFallback(['audio', 'video'], t)).resolves.toBeUndefined();
    expect(t.asked).toEqual([['audio', 'video']]);
    expect(t.changes).toBe(1);
  });

  it('goes on with the microphone when the camera fails, and says the camera failed', async () => {
    const t = target(['video']);
    const partial = await startWithFallback(['audio', 'video'], t);
    expect(partial?.failed).toBe('video');
    expect(partial?.error).toBe(t.errors.video);
    expect(t.errors.audio).toBeUndefined();
    expect(t.asked).toEqual([['audio', 'video'], ['audio']]);
  });

  it('goes on with the camera when the microphone fails, with the microphone’s own error', async () => {
    const t = target(['audio']);
    const partial = await startWithFallback(['audio', 'video'], t);
    expect(partial?.failed).toBe('audio');
    expect(partial?.error.message).toContain('audio refused');
    expect(t.asked).toEqual([['audio', 'video'], ['audio'], ['video']]);
  });

  it('rejects when nothing works, each kind’s failure recorded', async () => {
    const t = target(['audio', 'video']);
    await expect(startWithFallback(['audio', 'video'], t)).rejects.toBeInstanceOf(CallError);
    expect(t.errors.audio).toBeDefined();
    expect(t.errors.video).toBeDefined();
    expect(t.changes).toBe(1);
  });

  it('does not try kinds one by one when only one was asked for', async () => {
    const t = target(['video']);
    const error: unknown = await startWithFallback(['video'], t).catch((err: unknown) => err);
    expect(error).toBe(t.errors.video);
    expect(t.asked).toEqual([['video']]);
    expect(t.changes).toBe(0);
  });
});
