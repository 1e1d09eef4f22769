import { describe, expect, it } from 'vitest';
import { pageOf } from './Pager';
import { featuredId, nearestCorner, nextCorner } from './layoutState';

const people = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i + 1}` }));

describe('pageOf', () => {
  it('shows everyone on one page when they fit', () => {
    expect(pageOf(people(3), 6, 0)).toEqual({ items: people(3), page: 0, pages: 1 });
  });

  it('pages the rest and keeps the person speaking on the page shown', () => {
    const all = people(8);
    expect(pageOf(all, 6, 0).pages).toBe(2);
    expect(pageOf(all, 6, 1).items.map((p) => p.id)).toEqual(['p7', 'p8']);
    // p8 speaks while page 1 is shown: p8 takes the last place.
    expect(pageOf(all, 6, 0, 'p8').items.map((p) => p.id)).toEqual([
      'p1',
      'p2',
      'p3',
      'p4',
      'p5',
      'p8',
    ]);
    // A page past the end (people left) shows the last one.
    expect(pageOf(all, 6, 5).page).toBe(1);
  });
});

describe('layout choices', () => {
  it('features the pinned person, else the speaker, else the first to come', () => {
    expect(featuredId(['a', 'b', 'c'], 'c', 'b')).toBe('c');
    expect(featuredId(['a', 'b', 'c'], 'gone', 'b')).toBe('b');
    expect(featuredId(['a', 'b', 'c'], null, undefined)).toBe('a');
  });

  it('snaps the self-view to the nearest corner and moves it clockwise', () => {
    expect(nearestCorner(0.9, 0.1)).toBe('top-right');
    expect(nearestCorner(0.2, 0.8)).toBe('bottom-left');
    expect(nextCorner('bottom-right')).toBe('bottom-left');
    expect(nextCorner('bottom-left')).toBe('top-left');
  });
});
