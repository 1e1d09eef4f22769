import { describe, expect, it } from 'vitest';
import { ScreenOrder, spotlightId } from './screenOrder';

describe('ScreenOrder', () => {
  it('puts the newest share first and keeps the others in the order they came', () => {
    const order = new ScreenOrder();
    expect(order.update(['ann'])).toEqual(['ann']);
    expect(order.update(['ann', 'bob'])).toEqual(['bob', 'ann']);
    expect(order.update(['bob', 'ann', 'local'])).toEqual(['local', 'bob', 'ann']);
  });

  it('a screen that stops and is shared again counts as new', () => {
    const order = new ScreenOrder();
    order.update(['ann', 'bob']);
    expect(order.update(['bob'])).toEqual(['bob']);
    expect(order.update(['bob', 'ann'])).toEqual(['ann', 'bob']);
    expect(order.update([])).toEqual([]);
  });
});

describe('spotlightId', () => {
  it('shows the newest unless another one was picked and is still shared', () => {
    expect(spotlightId(['bob', 'ann'], null)).toBe('bob');
    expect(spotlightId(['bob', 'ann'], 'ann')).toBe('ann');
    expect(spotlightId(['bob'], 'ann')).toBe('bob');
    expect(spotlightId([], 'ann')).toBeNull();
  });
});
