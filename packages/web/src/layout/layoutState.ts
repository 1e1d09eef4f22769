/**
 * How the call is laid out, chosen by the person: grid or speaker, who is pinned, and where the
 * floating self-view sits (or whether it is hidden). Signals, so every part of the call screen
 * follows a change; the layout and the self-view's place are remembered for the next call.
 */
import { signal } from '@preact/signals';
import { readStored, writeStored } from '../hooks/storage';

/** Grid: everyone the same size. Speaker: one person large, the others in a strip. */
export type LayoutMode = 'grid' | 'speaker';

/** A corner of the call's stage. */
export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** Every corner, clockwise from the top left: the order "Move" goes round. */
export const CORNERS: readonly Corner[] = ['top-left', 'top-right', 'bottom-right', 'bottom-left'];

const LAYOUT_KEY = 'zvonok.layout';
const CORNER_KEY = 'zvonok.selfViewCorner';
const HIDDEN_KEY = 'zvonok.selfViewHidden';

function isCorner(value: string | null): value is Corner {
  return value !== null && (CORNERS as readonly string[]).includes(value);
}

/** The chosen layout. */
export const layoutMode = signal<LayoutMode>(
  readStored(LAYOUT_KEY) === 'speaker' ? 'speaker' : 'grid',
);

/** The pinned person's id (shown large), if any. Not remembered: ids are per call. */
export const pinnedId = signal<string | null>(null);

/** Where the floating self-view sits. */
export const selfViewCorner = signal<Corner>(
  ((stored) => (isCorner(stored) ? stored : 'bottom-right'))(readStored(CORNER_KEY)),
);

/** The floating self-view is hidden (a small "Show self-view" button stays). */
export const selfViewHidden = signal(readStored(HIDDEN_KEY) === 'true');

/** Switches between grid and speaker layout, and remembers it. */
export function setLayoutMode(mode: LayoutMode): void {
  layoutMode.value = mode;
  writeStored(LAYOUT_KEY, mode);
}

/** Pins a person (their tile goes large in the speaker layout), or unpins with null. */
export function pin(id: string | null): void {
  pinnedId.value = id;
}

/** Moves the self-view to `corner`, and remembers it. */
export function moveSelfView(corner: Corner): void {
  selfViewCorner.value = corner;
  writeStored(CORNER_KEY, corner);
}

/** The corner after `corner`, clockwise. */
export function nextCorner(corner: Corner): Corner {
  return CORNERS[(CORNERS.indexOf(corner) + 1) % CORNERS.length] ?? 'bottom-right';
}

/** The corner nearest to a point, given as fractions (0..1) of the stage's width and height. */
export function nearestCorner(x: number, y: number): Corner {
  return `${y < 0.5 ? 'top' : 'bottom'}-${x < 0.5 ? 'left' : 'right'}` as Corner;
}

/** Hides or shows the floating self-view, and remembers it. */
export function setSelfViewHidden(hidden: boolean): void {
  selfViewHidden.value = hidden;
  writeStored(HIDDEN_KEY, String(hidden));
}

/**
 * Which remote person goes large in the speaker layout: the pinned one while they are here,
 * else the one speaking (or who spoke last), else the first to come.
 */
export function featuredId(
  remoteIds: readonly string[],
  pinned: string | null,
  speaker: string | undefined,
): string | undefined {
  if (pinned !== null && remoteIds.includes(pinned)) return pinned;
  if (speaker !== undefined && remoteIds.includes(speaker)) return speaker;
  return remoteIds[0];
}
