/**
 * In-page timing of what a person sees: when they clicked "Join call", and when each remote
 * tile's `<video>` presented its first frame (`requestVideoFrameCallback`: the frame was handed to
 * the compositor, i.e. it is on screen). Remote tiles are the elements with `data-peer-id`; the
 * bare reference call (bare.ts) marks its one remote video the same way, so both are measured by
 * the same code.
 *
 * Times are `performance.timeOrigin + performance.now()`: milliseconds since the epoch on the
 * machine's clock, comparable across the pages of one machine. Nothing polls the peer
 * connections (an earlier version polled getStats() on every connection every 5 ms, which in a
 * 4-person call was 12 busy pollers on 2 cores and slowed the very call it measured): a frame
 * callback per video and a MutationObserver that notices new tiles are all it costs.
 */
import type { Page } from '@playwright/test';

/** What {@link watchCallSetup} records in a page. */
export interface CallSetupTiming {
  /** When "Join call" was clicked (0: not yet). */
  joinClickedAt: number;
  /** Per remote peer (data-peer-id): when its tile presented its first video frame. */
  firstFrameAt: Record<string, number>;
}

/** Starts the in-page watch: call once the page is loaded, before anyone joins. */
export async function watchCallSetup(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __callSetupTiming?: CallSetupTiming };
    const timing: CallSetupTiming = { joinClickedAt: 0, firstFrameAt: {} };
    w.__callSetupTiming = timing;
    const now = (): number => performance.timeOrigin + performance.now();
    document.addEventListener(
      'click',
      (e) => {
        const button = (e.target as Element | null)?.closest('button');
        if (button?.textContent?.trim() === 'Join call' && !timing.joinClickedAt) {
          timing.joinClickedAt = now();
        }
      },
      true,
    );
    const watched = new WeakSet<HTMLVideoElement>();
    const watch = (video: HTMLVideoElement): void => {
      if (watched.has(video)) return;
      watched.add(video);
      const onFrame = (_at: number, frame: VideoFrameCallbackMetadata): void => {
        const peer = video.closest('[data-peer-id]')?.getAttribute('data-peer-id');
        if (!peer || !video.isConnected) return;
        // presentationTime: when this frame was submitted for composition (on screen).
        timing.firstFrameAt[peer] ??= performance.timeOrigin + frame.presentationTime;
      };
      video.requestVideoFrameCallback(onFrame);
    };
    const scan = (): void => {
      document.querySelectorAll<HTMLVideoElement>('[data-peer-id] video').forEach(watch);
    };
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
    scan();
  });
}

/** The page's timing so far. */
export async function callSetupTiming(page: Page): Promise<CallSetupTiming> {
  return page.evaluate(() => {
    const w = window as unknown as { __callSetupTiming: CallSetupTiming };
    return w.__callSetupTiming;
  });
}

/**
 * Waits (inside the page, one round trip) until `count` remote tiles have presented a frame;
 * returns the page's timing. Throws after `timeoutMs`.
 */
export async function waitFirstFrames(
  page: Page,
  count: number,
  timeoutMs: number,
): Promise<CallSetupTiming> {
  return page.evaluate(
    async ({ count: n, timeoutMs: limit }) => {
      const w = window as unknown as { __callSetupTiming: CallSetupTiming };
      const timing = w.__callSetupTiming;
      const deadline = performance.now() + limit;
      while (Object.keys(timing.firstFrameAt).length < n) {
        if (performance.now() > deadline) {
          throw new Error(
            `${Object.keys(timing.firstFrameAt).length} of ${n} remote first frames after ${limit} ms`,
          );
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      return timing;
    },
    { count, timeoutMs },
  );
}

/**
 * Waits until every page has `perPerson` remote first frames; returns the latest frame time of
 * them all (ms since the epoch).
 */
export async function allFirstFrames(
  pages: readonly Page[],
  perPerson: number,
  timeoutMs = 30_000,
): Promise<number> {
  const timings = await Promise.all(pages.map((p) => waitFirstFrames(p, perPerson, timeoutMs)));
  return Math.max(...timings.flatMap((t) => Object.values(t.firstFrameAt)));
}
