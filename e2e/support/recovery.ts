/**
 * What the recovery suites (tests/recovery-*.spec.ts) look at: the call-level "Reconnecting…"
 * status, the per-tile link state, remote peer ids, the chat log as lines, frame counters, and an
 * init script that forces relay-only ICE. Everything reads what a person sees or what `getStats()`
 * says; nothing in the app is hooked.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { remoteTiles } from './app.js';
import { connected, peerStats } from './stats.js';

/**
 * The call's `role="status"` while signaling is down: "Reconnecting to the server… Your call
 * continues." (after a long outage, more words on what waits for the server). A tile's own
 * status is exactly "Reconnecting…", so the words tell them apart.
 */
export function reconnectingBanner(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /Reconnecting to the server…\s+\S/ });
}

/** The `role="status"` inside a remote tile (absent while media flows). */
export function tileStatus(tile: Locator): Locator {
  return tile.getByRole('status');
}

/** The peer ids of the remote tiles, in order. */
export async function remotePeerIds(page: Page): Promise<string[]> {
  return remoteTiles(page).evaluateAll((els) =>
    els.map((el) => (el as HTMLElement).dataset.peerId ?? ''),
  );
}

/** The link state a remote tile shows (`data-link`: connecting, connected, reconnecting, unreachable). */
export function tileLink(tile: Locator): Promise<string | null> {
  return tile.getAttribute('data-link');
}

/** One chat message as the log shows it. */
export interface ChatLine {
  author: string;
  text: string;
  pending: boolean;
}

/** Every message of the open chat log, in the order shown. */
export async function chatLines(page: Page): Promise<ChatLine[]> {
  return page
    .getByRole('region', { name: 'Chat' })
    .getByRole('log')
    .getByRole('article')
    .evaluateAll((articles) =>
      articles.map((a) => {
        const authorId = a.getAttribute('aria-labelledby') ?? '';
        const author = (authorId && document.getElementById(authorId)?.textContent) || '';
        const paragraphs = a.querySelectorAll('p');
        const text = paragraphs[paragraphs.length - 1]?.textContent ?? '';
        return { author, text, pending: (a.textContent ?? '').includes('Sending…') };
      }),
    );
}

/**
 * Frames decoded so far per connected peer connection (every open one with `all`), keyed by the
 * connection's creation index (stable for the page's life): the same key after an outage proves
 * the same connection.
 */
export async function framesByPc(
  page: Page,
  { all = false }: { all?: boolean } = {},
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const snaps = await peerStats(page);
  for (const snap of all ? snaps : connected(snaps)) {
    out.set(snap.index, Math.max(0, ...snap.video.map((v) => v.framesDecoded)));
  }
  return out;
}

/** Indexes of the page's peer connections that are not closed. */
export async function openPcIndexes(page: Page): Promise<number[]> {
  return (await peerStats(page)).map((s) => s.index);
}

/**
 * Polls until every one of `pcs` (creation indexes) is connected and decodes more frames than
 * `since` said, i.e. video flows again on those very connections.
 */
export async function waitForFramesAfter(
  page: Page,
  since: Map<number, number>,
  { timeout = 20_000, minNew = 10 }: { timeout?: number; minNew?: number } = {},
): Promise<Map<number, number>> {
  let last = new Map<number, number>();
  await expect(async () => {
    last = await framesByPc(page);
    for (const [index, before] of since) {
      expect(last.get(index) ?? -1, `frames on pc ${index} (was ${before})`).toBeGreaterThanOrEqual(
        before + minNew,
      );
    }
  }).toPass({ timeout, intervals: [100, 250, 250, 500] });
  return last;
}

/** Runs inside the page before the app: every RTCPeerConnection uses TURN relays only. */
function relayOnlyScript(): void {
  const Base = window.RTCPeerConnection;
  class RelayOnlyPeerConnection extends Base {
    constructor(config?: RTCConfiguration) {
      super({ ...config, iceTransportPolicy: 'relay' });
    }
    override setConfiguration(config?: RTCConfiguration): void {
      // The app refreshes the ICE servers with setConfiguration; keep the policy on those too.
      super.setConfiguration({ ...config, iceTransportPolicy: 'relay' });
    }
  }
  Object.defineProperty(RelayOnlyPeerConnection, 'name', { value: 'RTCPeerConnection' });
  window.RTCPeerConnection = RelayOnlyPeerConnection;
}

/**
 * Makes every peer connection of the page (and its reloads) relay-only. Add it after the
 * collector so it wraps the collector's class and both apply.
 */
export async function forceRelayOnly(page: Page): Promise<void> {
  await page.addInitScript(relayOnlyScript);
}
