/**
 * What arrives for what a person sees: the inbound-rtp stream of the track a `<video>` on the
 * page plays, matched by track id. A connection may carry several video streams (camera and a
 * shared screen, one of them idle), so "the" inbound video of a connection is ambiguous; the
 * element a person looks at is not.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { MEDIA_TIMEOUT_MS, peerStats } from './stats.js';

/** Size (`WxH`) and frames decoded of the stream a view's first `<video>` plays. */
export interface ViewInbound {
  /** '' when nothing arrived for that track (yet). */
  size: string;
  frames: number;
}

/** The inbound stats of the video that `view` (a tile, or a `<video>` itself) plays. */
export async function inboundOf(page: Page, view: Locator): Promise<ViewInbound> {
  const video =
    (await view.evaluate((el) => el.tagName)) === 'VIDEO' ? view : view.locator('video');
  const trackId = await video.first().evaluate((v: HTMLVideoElement) => {
    const stream = v.srcObject;
    return stream instanceof MediaStream ? (stream.getVideoTracks()[0]?.id ?? '') : '';
  });
  for (const pc of await peerStats(page)) {
    const s = pc.video.find((v) => v.trackIdentifier === trackId);
    if (s) return { size: `${s.frameWidth}x${s.frameHeight}`, frames: s.framesDecoded };
  }
  return { size: '', frames: 0 };
}

/** Waits until the video `view` plays arrives at exactly `width`x`height`. */
export async function waitForViewSize(
  page: Page,
  view: Locator,
  width: number,
  height: number,
  timeout = MEDIA_TIMEOUT_MS,
): Promise<void> {
  await expect
    .poll(async () => (await inboundOf(page, view)).size, {
      timeout,
      intervals: [100, 250, 250, 500],
      message: `inbound size of the video in ${String(view)}`,
    })
    .toBe(`${width}x${height}`);
}
