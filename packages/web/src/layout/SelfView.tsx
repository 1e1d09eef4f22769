import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { EyeOffIcon, MoveIcon, SelfViewIcon } from './icons';
import {
  moveSelfView,
  nearestCorner,
  nextCorner,
  selfViewCorner,
  selfViewHidden,
  setSelfViewHidden,
} from './layoutState';
import { lt } from './messages';

/** A drag shorter than this (CSS px) is a tap, not a move. */
const DRAG_THRESHOLD_PX = 8;

/**
 * Makes the own tile a small floating self-view in a corner of the stage: it can be dragged to
 * any corner (it snaps to the nearest), moved with a button (keyboard), or hidden; hidden, a
 * small "Show self-view" button takes its place. `children(className, controls)` renders the
 * tile itself, so the tile stays one component.
 */
export function SelfView({
  children,
}: {
  children: (className: string, controls: ComponentChildren) => ComponentChildren;
}) {
  const corner = selfViewCorner.value;
  const hidden = selfViewHidden.value;
  const drag = useRef<{ x: number; y: number; el: HTMLElement; moved: boolean } | null>(null);

  const onPointerDown = (e: PointerEvent): void => {
    if ((e.target as Element).closest('button') || e.button !== 0) return;
    const el = e.currentTarget as HTMLElement;
    drag.current = { x: e.clientX, y: e.clientY, el, moved: false };
    el.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent): void => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
    d.moved = true;
    d.el.style.translate = `${dx}px ${dy}px`;
  };
  const onPointerUp = (e: PointerEvent): void => {
    const d = drag.current;
    drag.current = null;
    if (!d?.moved) return;
    d.el.style.translate = '';
    const stage = d.el.parentElement?.getBoundingClientRect();
    if (!stage || stage.width === 0 || stage.height === 0) return;
    moveSelfView(
      nearestCorner((e.clientX - stage.left) / stage.width, (e.clientY - stage.top) / stage.height),
    );
  };

  const controls = (
    <div class="self-view__buttons">
      <button
        type="button"
        class="self-view__button"
        aria-label={lt('selfViewMove')}
        title={lt('selfViewMoveHint')}
        onClick={() => moveSelfView(nextCorner(corner))}
      >
        <MoveIcon />
      </button>
      <button
        type="button"
        class="self-view__button"
        aria-label={lt('selfViewHide')}
        title={lt('selfViewHide')}
        onClick={() => setSelfViewHidden(true)}
      >
        <EyeOffIcon />
      </button>
    </div>
  );

  return (
    <div
      class={`self-view self-view--${corner}${hidden ? ' self-view--hidden' : ''}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        if (drag.current) drag.current.el.style.translate = '';
        drag.current = null;
      }}
    >
      {children(`tile--float${hidden ? ' tile--float-hidden' : ''}`, controls)}
      {hidden && (
        <button
          type="button"
          class="self-view__show"
          aria-label={lt('selfViewShow')}
          title={lt('selfViewShow')}
          onClick={() => setSelfViewHidden(false)}
        >
          <SelfViewIcon />
        </button>
      )}
    </div>
  );
}
