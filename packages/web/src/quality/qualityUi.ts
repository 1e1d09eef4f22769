import { signal } from '@preact/signals';
import type * as TileQualityModule from './TileQuality';

/**
 * The tiles' link-quality code (indicator, reasons in every language, view hints), once loaded.
 * Tiles render it when it is there; nothing on the first page needs it.
 */
export const qualityUi = signal<typeof TileQualityModule | undefined>(undefined);

let loading = false;

/**
 * Fetches the tiles' link-quality code (once; again after a failure). The call screen asks for
 * it when it opens: the first quality reading comes 2 s after joining, well after it is here.
 */
export function loadQualityUi(): void {
  if (loading || qualityUi.value) return;
  loading = true;
  import('./TileQuality').then(
    (m) => {
      qualityUi.value = m;
    },
    () => {
      // Offline for a moment: the call goes on without indicators; the next call tries again.
      loading = false;
    },
  );
}
