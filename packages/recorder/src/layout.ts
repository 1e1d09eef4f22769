/**
 * Layout math of the recording composite: where each person's tile goes on the canvas and which
 * part of a video frame is drawn into it. Pure functions, so they are tested without a browser.
 */

/** An axis-aligned rectangle in canvas pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where one source is drawn. */
export interface TilePlacement {
  /** The source's id. */
  id: string;
  rect: Rect;
  /** The large area of the spotlight layout (a shared screen). */
  spotlight: boolean;
}

/** What the layout needs to know of a source. */
export interface LayoutSource {
  id: string;
  isScreen?: boolean;
}

/** Tuning of {@link layoutComposite}. */
export interface LayoutOptions {
  /** Space between tiles and around the edge, px. Default 8. */
  gap?: number;
  /** Width / height of a camera tile. Default 16/9. */
  tileAspect?: number;
  /** Share of the canvas width the shared screen takes when others are beside it. Default 0.78. */
  spotlightShare?: number;
}

/** Rows and columns of a grid and the size of one tile. */
export interface GridDims {
  cols: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

const DEFAULT_GAP = 8;
const DEFAULT_ASPECT = 16 / 9;
const DEFAULT_SPOTLIGHT_SHARE = 0.78;

/**
 * The grid that shows `count` tiles of the given aspect as large as possible inside
 * `width` x `height` with `gap` between them. Tries every column count: with at most a few
 * dozen tiles that is cheaper than being clever.
 */
export function gridDims(
  count: number,
  width: number,
  height: number,
  gap = DEFAULT_GAP,
  aspect = DEFAULT_ASPECT,
): GridDims {
  if (count <= 0) return { cols: 0, rows: 0, tileWidth: 0, tileHeight: 0 };
  let best: GridDims = { cols: 1, rows: count, tileWidth: 0, tileHeight: 0 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const cellWidth = (width - gap * (cols - 1)) / cols;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    const tileWidth = Math.min(cellWidth, cellHeight * aspect);
    if (tileWidth > best.tileWidth) {
      best = { cols, rows, tileWidth, tileHeight: tileWidth / aspect };
    }
  }
  return best;
}

/**
 * Places `ids` as a centred grid inside `area`; an incomplete last row is centred too, as call
 * apps show it.
 */
export function layoutGrid(
  ids: readonly string[],
  area: Rect,
  gap = DEFAULT_GAP,
  aspect = DEFAULT_ASPECT,
): TilePlacement[] {
  const { cols, rows, tileWidth, tileHeight } = gridDims(
    ids.length,
    area.width,
    area.height,
    gap,
    aspect,
  );
  if (cols === 0) return [];
  const gridHeight = rows * tileHeight + (rows - 1) * gap;
  const top = area.y + (area.height - gridHeight) / 2;
  return ids.map((id, index) => {
    const row = Math.floor(index / cols);
    const col = index % cols;
    const inRow = row === rows - 1 ? ids.length - row * cols : cols;
    const rowWidth = inRow * tileWidth + (inRow - 1) * gap;
    const left = area.x + (area.width - rowWidth) / 2;
    return {
      id,
      spotlight: false,
      rect: {
        x: left + col * (tileWidth + gap),
        y: top + row * (tileHeight + gap),
        width: tileWidth,
        height: tileHeight,
      },
    };
  });
}

/**
 * The composite layout: a grid of every source, or, when someone shares a screen, that screen
 * large on the left (the first screen in `sources` order) and everyone else, further screens
 * included, in a column of tiles on the right. Returned in drawing order.
 */
export function layoutComposite(
  sources: readonly LayoutSource[],
  width: number,
  height: number,
  options: LayoutOptions = {},
): TilePlacement[] {
  const gap = options.gap ?? DEFAULT_GAP;
  const aspect = options.tileAspect ?? DEFAULT_ASPECT;
  const inner: Rect = { x: gap, y: gap, width: width - 2 * gap, height: height - 2 * gap };
  const screen = sources.find((s) => s.isScreen === true);
  if (!screen) {
    return layoutGrid(
      sources.map((s) => s.id),
      inner,
      gap,
      aspect,
    );
  }
  const others = sources.filter((s) => s !== screen).map((s) => s.id);
  if (others.length === 0) return [{ id: screen.id, spotlight: true, rect: inner }];
  const share = options.spotlightShare ?? DEFAULT_SPOTLIGHT_SHARE;
  const mainWidth = Math.round((inner.width - gap) * share);
  const main: Rect = { x: inner.x, y: inner.y, width: mainWidth, height: inner.height };
  const strip: Rect = {
    x: inner.x + mainWidth + gap,
    y: inner.y,
    width: inner.width - mainWidth - gap,
    height: inner.height,
  };
  return [
    { id: screen.id, spotlight: true, rect: main },
    ...layoutGrid(others, strip, gap, aspect),
  ];
}

/** Source and destination rectangles of a `drawImage(image, sx, sy, sw, sh, dx, dy, dw, dh)`. */
export interface DrawRects {
  source: Rect;
  dest: Rect;
}

/**
 * How to draw a `sourceWidth` x `sourceHeight` frame into `dest`:
 * - `cover` fills the tile and crops the overflow evenly (faces: no black bars);
 * - `contain` shows the whole frame, letterboxed and centred (a shared screen: no text cut off).
 */
export function fitRect(
  sourceWidth: number,
  sourceHeight: number,
  dest: Rect,
  mode: 'cover' | 'contain',
): DrawRects {
  const full: Rect = { x: 0, y: 0, width: sourceWidth, height: sourceHeight };
  if (sourceWidth <= 0 || sourceHeight <= 0 || dest.width <= 0 || dest.height <= 0) {
    return { source: full, dest };
  }
  const sourceAspect = sourceWidth / sourceHeight;
  const destAspect = dest.width / dest.height;
  if (mode === 'cover') {
    if (sourceAspect > destAspect) {
      const width = sourceHeight * destAspect;
      return { source: { ...full, x: (sourceWidth - width) / 2, width }, dest };
    }
    const height = sourceWidth / destAspect;
    return { source: { ...full, y: (sourceHeight - height) / 2, height }, dest };
  }
  if (sourceAspect > destAspect) {
    const height = dest.width / sourceAspect;
    return { source: full, dest: { ...dest, y: dest.y + (dest.height - height) / 2, height } };
  }
  const width = dest.height * sourceAspect;
  return { source: full, dest: { ...dest, x: dest.x + (dest.width - width) / 2, width } };
}
