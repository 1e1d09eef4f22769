/** Counting signaling offers: a change of device or effect must not renegotiate. */
import type { Page } from '@playwright/test';

/** Counts `offer` messages the page sends or receives on its signaling WebSockets from now on. */
export function countOffers(page: Page): () => number {
  let offers = 0;
  const count = (payload: string | Buffer): void => {
    try {
      const message = JSON.parse(payload.toString()) as { type?: unknown };
      if (message.type === 'offer') offers++;
    } catch {
      // Not JSON: not a signaling message.
    }
  };
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => count(f.payload));
    ws.on('framereceived', (f) => count(f.payload));
  });
  return () => offers;
}
