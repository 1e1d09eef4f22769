import { describe, expect, it } from 'vitest';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { TypedEmitter } from './TypedEmitter.js';

type Events = { ping: (n: number) => void };

class Emitter extends TypedEmitter<Events> {
  emit(n: number): void {
    this.safeEmit('ping', n);
  }
}

describe('TypedEmitter', () => {
  it('on returns an unsubscribe function', () => {
    const e = new Emitter();
    const got: number[] = [];
    const off = e.on('ping', (n) => got.push(n));
    e.emit(1);
    off();
    e.emit(2);
    expect(got).toEqual([1]);
    expect(e.listenerCount()).toBe(0);
  });

  it('a listener that throws is logged and the others still run', () => {
    const errors: unknown[] = [];
    const logger: Logger = { ...silentLogger, error: (_m, err) => errors.push(err) };
    const e = new Emitter(logger);
    const got: number[] = [];
    e.on('ping', () => {
      throw new Error('app bug');
    });
    e.on('ping', (n) => got.push(n));
    expect(() => e.emit(1)).not.toThrow();
    expect(got).toEqual([1]);
    expect(errors).toHaveLength(1);
  });

  it('once runs a single time', () => {
    const e = new Emitter();
    let n = 0;
    e.once('ping', () => n++);
    e.emit(1);
    e.emit(2);
    expect(n).toBe(1);
  });
});
