import { describe, expect, it } from 'vitest';
import { ActiveSpeakerDetector } from './ActiveSpeaker.js';

/** Feeds `levels` every 100 ms from `from` for `ms`; returns the time after and the last result. */
function feed(
  d: ActiveSpeakerDetector,
  levels: Record<string, number>,
  from: number,
  ms: number,
): { at: number; active: string | undefined } {
  let active: string | undefined;
  let at = from;
  for (; at < from + ms; at += 100) active = d.update(new Map(Object.entries(levels)), at);
  return { at, active };
}

describe('ActiveSpeakerDetector', () => {
  it('gives the floor only after speech lasts the activation time', () => {
    const d = new ActiveSpeakerDetector();
    expect(feed(d, { ann: 0.1, bob: 0 }, 0, 300).active).toBeUndefined();
    expect(feed(d, { ann: 0.1, bob: 0 }, 300, 200).active).toBe('ann');
  });

  it('ignores a short click', () => {
    const d = new ActiveSpeakerDetector();
    let at = feed(d, { ann: 0.3 }, 0, 100).at;
    at = feed(d, { ann: 0 }, at, 2_000).at;
    expect(d.active).toBeUndefined();
    expect(at).toBeGreaterThan(0);
  });

  it('keeps the floor through a pause and passes it on after a long one', () => {
    const d = new ActiveSpeakerDetector();
    let { at } = feed(d, { ann: 0.1, bob: 0 }, 0, 1_000);
    expect(d.active).toBe('ann');
    // Bob starts while Ann pauses briefly: Ann keeps it.
    ({ at } = feed(d, { ann: 0, bob: 0.1 }, at, 700));
    expect(d.active).toBe('ann');
    // Ann stays quiet past the release time: Bob takes it.
    ({ at } = feed(d, { ann: 0, bob: 0.1 }, at, 1_000));
    expect(d.active).toBe('bob');
    // Bob falls silent: he stays the last speaker (the layout keeps him) but is not speaking.
    ({ at } = feed(d, { ann: 0, bob: 0 }, at, 3_000));
    expect(d.active).toBe('bob');
    expect(d.isSpeaking('bob', at)).toBe(false);
  });

  it('does not flip between two people talking at once at a similar level', () => {
    const d = new ActiveSpeakerDetector();
    let { at } = feed(d, { ann: 0.1, bob: 0 }, 0, 600);
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 50; i++) {
      const wobble = i % 2 === 0 ? 0.12 : 0.08;
      seen.add(
        d.update(
          new Map([
            ['ann', 0.1],
            ['bob', wobble],
          ]),
          at,
        ),
      );
      at += 100;
    }
    expect([...seen]).toEqual(['ann']);
  });

  it('lets a much louder voice overtake a murmur that never pauses', () => {
    const d = new ActiveSpeakerDetector();
    let { at } = feed(d, { ann: 0.03, bob: 0 }, 0, 600);
    expect(d.active).toBe('ann');
    ({ at } = feed(d, { ann: 0.03, bob: 0.2 }, at, 1_000));
    expect(d.active).toBe('ann');
    feed(d, { ann: 0.03, bob: 0.2 }, at, 800);
    expect(d.active).toBe('bob');
  });

  it('frees the floor when the speaker leaves', () => {
    const d = new ActiveSpeakerDetector();
    feed(d, { ann: 0.1 }, 0, 600);
    d.remove('ann');
    expect(d.active).toBeUndefined();
  });
});
