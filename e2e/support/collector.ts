/**
 * An init script that runs before any page script and keeps a reference to every
 * RTCPeerConnection the page creates and every track getUserMedia hands out, so tests can call
 * `getStats()` and check track states without any hook in the app.
 *
 * `RTCPeerConnection` is replaced by a subclass: `instanceof`, the prototype and the static
 * `generateCertificate` keep working, so the app cannot tell the difference.
 */
import type { Page } from '@playwright/test';

/** What the init script exposes on `window` (as a non-enumerable property). */
export interface E2EProbe {
  pcs: RTCPeerConnection[];
  /** Every track that getUserMedia returned, and every clone of one. */
  tracks: MediaStreamTrack[];
  /** Per peer connection (same index as `pcs`): every signaling state it went through. */
  signaling: RTCSignalingState[][];
}

/** The name of the window property; unusual on purpose so nothing in the app collides with it. */
export const PROBE = '__zvonokE2EProbe';

/**
 * Runs inside the page (serialized by Playwright, or by puppeteer for Firefox): keep it
 * self-contained.
 */
export function installProbe(probeName: string): void {
  const w = window as unknown as Record<string, unknown>;
  if (w[probeName]) return;
  const probe = {
    pcs: [] as RTCPeerConnection[],
    tracks: [] as MediaStreamTrack[],
    signaling: [] as RTCSignalingState[][],
  };
  Object.defineProperty(window, probeName, { value: probe, enumerable: false });

  const Native = window.RTCPeerConnection;
  if (Native) {
    class CollectedPeerConnection extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        probe.pcs.push(this);
        const states: RTCSignalingState[] = [];
        probe.signaling.push(states);
        this.addEventListener('signalingstatechange', () => states.push(this.signalingState));
      }
    }
    Object.defineProperty(CollectedPeerConnection, 'name', { value: 'RTCPeerConnection' });
    window.RTCPeerConnection = CollectedPeerConnection;
  }

  const md = navigator.mediaDevices as MediaDevices | undefined;
  if (md?.getUserMedia) {
    const nativeGum = md.getUserMedia.bind(md);
    md.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      const stream = await nativeGum(constraints);
      probe.tracks.push(...stream.getTracks());
      return stream;
    };
  }
  // A clone of a camera track keeps the camera on just like the original.
  const proto = MediaStreamTrack.prototype;
  const nativeClone = Object.getOwnPropertyDescriptor(proto, 'clone')?.value as (
    this: MediaStreamTrack,
  ) => MediaStreamTrack;
  proto.clone = function clone(this: MediaStreamTrack) {
    const copy = nativeClone.call(this);
    if (probe.tracks.includes(this)) probe.tracks.push(copy);
    return copy;
  };
}

/** Adds the probe to every page of the page's context opened after this call (and its reloads). */
export async function installCollector(page: Page): Promise<void> {
  await page.addInitScript(installProbe, PROBE);
}
