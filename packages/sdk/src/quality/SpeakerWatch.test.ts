import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SPEAKER_SAMPLE_MS, SpeakerWatch } from './SpeakerWatch.js';

describe('SpeakerWatch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A watch over levels the test sets, with the fake clock; every change it reports. */
  function watch() {
    let levels = new Map<string, number>();
    const floors: (string | undefined)[] = [];
    const speaking: string[][] = [];
    const w = new SpeakerWatch({
      sample: () => Promise.resolve(levels),
      onChange: (id) => floors.push(id),
      onSpeakingChange: (ids) => speaking.push([...ids].sort()),
      now: () => Date.now(),
    });
    w.start();
    return {
      w,
      floors,
      speaking,
      set: (next: Record<string, number>) => {
        levels = new Map(Object.entries(next));
      },
    };
  }

  it('counts two people talking at once as both speaking, though only one has the floor', async () => {
    const { w, floors, set } = watch();
    set({ me: 0.05, ann: 0.05 });
    await vi.advanceTimersByTimeAsync(SPEAKER_SAMPLE_MS * 8);
    expect(floors).toHaveLength(1);
    expect([...w.speaking].sort()).toEqual(['ann', 'me']);
    w.stop();
  });

  it('drops someone from the speakers after a pause, and when they leave', async () => {
    const { w, speaking, set } = watch();
    set({ me: 0.05, ann: 0.05 });
    await vi.advanceTimersByTimeAsync(SPEAKER_SAMPLE_MS * 4);
    set({ me: 0, ann: 0.05 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect([...w.speaking]).toEqual(['ann']);
    w.remove('ann');
    expect([...w.speaking]).toEqual([]);
    expect(speaking).toEqual([['ann', 'me'], ['ann'], []]);
    w.stop();
  });

  it('reports nothing after it is stopped', async () => {
    const { w, speaking, set } = watch();
    w.stop();
    set({ me: 0.05 });
    await vi.advanceTimersByTimeAsync(SPEAKER_SAMPLE_MS * 8);
    expect(speaking).toEqual([]);
  });
});
