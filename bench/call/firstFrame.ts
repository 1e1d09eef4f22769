/**
 * In-page timing: each page records, on its own clock (Date.now(), shared by every page of the
 * machine), when the person clicked "Join call" and when the first remote video frame of every
 * peer connection was decoded. Polling happens inside the page every few milliseconds, so no
 * round trip to the test process adds to the figures.
 */
import type { Page } from '@playwright/test';
import { PROBE, type E2EProbe } from '../../e2e/support/collector.js';

/** Starts the in-page watch: call once the page is loaded, before anyone joins. */
export async function watchCallSetup(page: Page): Promise<void> {
  await page.evaluate((probeName) => {
    const w = window as unknown as Record<string, unknown>;
    const probe = w[probeName] as E2EProbe;
    const timing = { joinClickedAt: 0, firstFrameAt: new Map<number, number>() };
    w.__callSetupTiming = timing;
    document.addEventListener(
      'click',
      (e) => {
        const button = (e.target as Element | null)?.closest('button');
        if (button?.textContent?.trim() === 'Join call' && !timing.joinClickedAt) {
          timing.joinClickedAt = Date.now();
        }
      },
      true,
    );
    const poll = async (): Promise<void> => {
      for (const [index, pc] of probe.pcs.entries()) {
        if (timing.firstFrameAt.has(index) || pc.connectionState === 'closed') continue;
        const stats = await pc.getStats();
        stats.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video' && (s.framesDecoded ?? 0) > 0) {
            if (!timing.firstFrameAt.has(index)) timing.firstFrameAt.set(index, Date.now());
          }
        });
      }
      setTimeout(() => void poll(), 5);
    };
    void poll();
  }, PROBE);
}

/** The click time and the first-frame time of every connection so far (ms since the epoch). */
export async function callSetupTiming(
  page: Page,
): Promise<{ joinClickedAt: number; firstFrames: number[]; connections: number }> {
  return page.evaluate((probeName) => {
    const w = window as unknown as Record<string, unknown>;
    const timing = w.__callSetupTiming as {
      joinClickedAt: number;
      firstFrameAt: Map<number, number>;
    };
    const probe = w[probeName] as E2EProbe;
    const open = probe.pcs.filter((pc) => pc.connectionState !== 'closed').length;
    return {
      joinClickedAt: timing.joinClickedAt,
      firstFrames: [...timing.firstFrameAt.values()],
      connections: open,
    };
  }, PROBE);
}
