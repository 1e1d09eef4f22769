import { describe, expect, test } from 'vitest';
import { fitRect, gridDims, layoutComposite, type Rect, type TilePlacement } from './layout.js';

const W = 1280;
const H = 720;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectInsideAndDisjoint(tiles: TilePlacement[]): void {
  for (const t of tiles) {
    expect(t.rect.x).toBeGreaterThanOrEqual(0);
    expect(t.rect.y).toBeGreaterThanOrEqual(0);
    expect(t.rect.x + t.rect.width).toBeLessThanOrEqual(W + 1e-9);
    expect(t.rect.y + t.rect.height).toBeLessThanOrEqual(H + 1e-9);
  }
  for (let i = 0; i < tiles.length; i++) {
    for (let j = i + 1; j < tiles.length; j++) {
      expect(overlaps(tiles[i]!.rect, tiles[j]!.rect)).toBe(false);
    }
  }
}

const people = (n: number): { id: string }[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p${i}` }));

describe('gridDims', () => {
  test('one 16:9 tile fills a 16:9 area', () => {
    expect(gridDims(1, 1600, 900, 0)).toEqual({
      cols: 1,
      rows: 1,
      tileWidth: 1600,
      tileHeight: 900,
    });
  });

  test('two people in a landscape area sit side by side, four make 2x2, five make 3+2', () => {
    expect(gridDims(2, W, H)).toMatchObject({ cols: 2, rows: 1 });
    expect(gridDims(4, W, H)).toMatchObject({ cols: 2, rows: 2 });
    expect(gridDims(5, W, H)).toMatchObject({ cols: 3, rows: 2 });
  });

  test('a tall narrow area stacks tiles in one column', () => {
    expect(gridDims(3, 300, 700)).toMatchObject({ cols: 1, rows: 3 });
  });

  test('no tiles: an empty grid', () => {
    expect(gridDims(0, W, H)).toEqual({ cols: 0, rows: 0, tileWidth: 0, tileHeight: 0 });
  });
});

describe('layoutComposite', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 9, 12, 16])(
    '%i people: one tile each, inside the canvas, none overlapping, all the same 16:9 size',
    (n) => {
      const tiles = layoutComposite(people(n), W, H);
      expect(tiles.map((t) => t.id)).toEqual(people(n).map((p) => p.id));
      expectInsideAndDisjoint(tiles);
      for (const t of tiles) {
        expect(t.spotlight).toBe(false);
        expect(t.rect.width / t.rect.height).toBeCloseTo(16 / 9, 6);
        expect(t.rect.width).toBeCloseTo(tiles[0]!.rect.width, 6);
      }
    },
  );

  test('an incomplete last row is centred', () => {
    const [a, b, c] = layoutComposite(people(3), W, H);
    // 2 + 1: the lone tile of the second row sits under the middle of the first row.
    expect(a!.rect.y).toBe(b!.rect.y);
    const firstRowCentre = (a!.rect.x + b!.rect.x + b!.rect.width) / 2;
    expect(c!.rect.x + c!.rect.width / 2).toBeCloseTo(firstRowCentre, 6);
  });

  test('a shared screen takes the large left area, everyone else a column on the right', () => {
    const sources = [{ id: 'ann' }, { id: 'bob' }, { id: 'ann-screen', isScreen: true }];
    const tiles = layoutComposite(sources, W, H);
    expectInsideAndDisjoint(tiles);
    expect(tiles[0]).toMatchObject({ id: 'ann-screen', spotlight: true });
    const screen = tiles[0]!.rect;
    expect(screen.width).toBeGreaterThan(W * 0.7);
    expect(screen.height).toBeCloseTo(H - 16, 6);
    expect(tiles.slice(1).map((t) => t.id)).toEqual(['ann', 'bob']);
    for (const t of tiles.slice(1)) expect(t.rect.x).toBeGreaterThan(screen.x + screen.width);
  });

  test('only the first of two screens is spotlit; the second is a tile', () => {
    const tiles = layoutComposite(
      [
        { id: 's1', isScreen: true },
        { id: 's2', isScreen: true },
      ],
      W,
      H,
    );
    expect(tiles.map((t) => [t.id, t.spotlight])).toEqual([
      ['s1', true],
      ['s2', false],
    ]);
  });

  test('a screen alone fills the canvas inside the margin', () => {
    expect(layoutComposite([{ id: 's', isScreen: true }], W, H)).toEqual([
      { id: 's', spotlight: true, rect: { x: 8, y: 8, width: W - 16, height: H - 16 } },
    ]);
  });

  test('nobody: nothing to draw', () => {
    expect(layoutComposite([], W, H)).toEqual([]);
  });
});

describe('fitRect', () => {
  const tile: Rect = { x: 100, y: 50, width: 320, height: 180 };

  test('cover crops a 4:3 camera frame top and bottom evenly to fill a 16:9 tile', () => {
    expect(fitRect(640, 480, tile, 'cover')).toEqual({
      source: { x: 0, y: 60, width: 640, height: 360 },
      dest: tile,
    });
  });

  test('cover crops a portrait phone frame left and right', () => {
    const { source } = fitRect(720, 1280, { x: 0, y: 0, width: 100, height: 100 }, 'cover');
    expect(source).toEqual({ x: 0, y: 280, width: 720, height: 720 });
  });

  test('contain letterboxes a wide screen inside a 4:3 area, centred', () => {
    expect(fitRect(1920, 1080, { x: 0, y: 0, width: 800, height: 600 }, 'contain')).toEqual({
      source: { x: 0, y: 0, width: 1920, height: 1080 },
      dest: { x: 0, y: 75, width: 800, height: 450 },
    });
  });

  test('contain pillarboxes a 4:3 frame inside a 16:9 tile', () => {
    expect(fitRect(640, 480, tile, 'contain').dest).toEqual({
      x: 140,
      y: 50,
      width: 240,
      height: 180,
    });
  });

  test('a frame with no size yet draws nothing odd: the whole (empty) frame into the tile', () => {
    expect(fitRect(0, 0, tile, 'cover')).toEqual({
      source: { x: 0, y: 0, width: 0, height: 0 },
      dest: tile,
    });
  });
});
