import { lt } from './messages';

/** One page of people, and how many pages there are. */
export interface Page<T> {
  items: T[];
  /** The page shown (clamped to the pages there are). */
  page: number;
  pages: number;
}

/**
 * The `page`-th group of `perPage` items. Someone speaking (`keepId`) who would be on another
 * page takes the last place of this one instead, so the person talking is always in view.
 */
export function pageOf<T extends { id: string }>(
  items: readonly T[],
  perPage: number,
  page: number,
  keepId?: string,
): Page<T> {
  if (!Number.isFinite(perPage) || items.length <= perPage) {
    return { items: [...items], page: 0, pages: 1 };
  }
  const size = Math.max(1, perPage);
  const pages = Math.ceil(items.length / size);
  const at = Math.min(Math.max(0, page), pages - 1);
  const shown = items.slice(at * size, at * size + size);
  const keep = keepId === undefined ? undefined : items.find((i) => i.id === keepId);
  if (keep && !shown.includes(keep)) shown[shown.length - 1] = keep;
  return { items: shown, page: at, pages };
}

/** "Previous people" / "More people" buttons and "Page 1 of 2" over the grid. */
export function Pager({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  return (
    <div class="pager">
      <button
        type="button"
        class="pager__button"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        {lt('previousPage')}
      </button>
      <span class="pager__text" aria-live="polite">
        {lt('pageOf', { page: page + 1, pages })}
      </span>
      <button
        type="button"
        class="pager__button"
        disabled={page >= pages - 1}
        onClick={() => onPage(page + 1)}
      >
        {lt('nextPage')}
      </button>
    </div>
  );
}
