import { describe, expect, it } from 'vitest';
import { SerialQueue } from './SerialQueue.js';

describe('SerialQueue', () => {
  it('runs operations one at a time, in order, past a failure', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let release = (): void => undefined;
    const first = queue.run(async () => {
      log.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      log.push('first ends');
      return 1;
    });
    const second = queue.run(() => {
      log.push('second');
      throw new Error('second failed');
    });
    const third = queue.run(() => {
      log.push('third');
      return 3;
    });
    await Promise.resolve();
    expect(log).toEqual(['first starts']);
    release();
    await expect(first).resolves.toBe(1);
    await expect(second).rejects.toThrow('second failed');
    await expect(third).resolves.toBe(3);
    expect(log).toEqual(['first starts', 'first ends', 'second', 'third']);
  });
});
