/**
 * The test tools checked on a bare two-page WebRTC call (no app involved): the collector finds
 * the peer connections, the stats helpers see frames, bytes, sizes, sound and silence, and the
 * track probe sees a stopped camera. If these fail, no app test result can be trusted.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../support/fixtures.js';
import { startBlankPageServer } from '../support/blank-page.js';
import {
  capturedTracks,
  selectedCandidatePairTypes,
  waitForVideoSize,
  waitForAudioEnergyRising,
  waitForInboundAudioBytes,
  waitForInboundSilence,
  waitForInboundVideo,
} from '../support/stats.js';

/** Creates a peer connection with the fake camera+mic in the page and returns its description. */
async function preparePeer(
  page: Page,
  offer?: RTCSessionDescriptionInit,
): Promise<RTCSessionDescriptionInit> {
  return page.evaluate(async (remote) => {
    const pc = new RTCPeerConnection();
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    // Keep the resolution when the CPU is busy (drop frames instead), so the size is known.
    for (const t of stream.getVideoTracks()) t.contentHint = 'detail';
    for (const t of stream.getTracks()) pc.addTrack(t, stream);
    (window as unknown as { harness: unknown }).harness = { pc, stream };
    // Play what arrives, as the app does: Chromium computes audio levels only for played audio.
    pc.addEventListener('track', (e) => {
      const el = document.createElement(e.track.kind === 'video' ? 'video' : 'audio');
      el.autoplay = true;
      el.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      document.body.append(el);
    });
    if (remote) {
      await pc.setRemoteDescription(remote);
      await pc.setLocalDescription(await pc.createAnswer());
    } else {
      await pc.setLocalDescription(await pc.createOffer());
    }
    // Non-trickle: wait for every host candidate to be in the description.
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') resolve();
      });
    });
    return pc.localDescription!.toJSON();
  }, offer);
}

test('stats helpers see video, audio, silence and a stopped camera in a bare call', async ({
  people,
}) => {
  const blank = await startBlankPageServer();
  try {
    const a = await people.add('A');
    const b = await people.add('B');
    await a.page.goto(blank.url);
    await b.page.goto(blank.url);
    const offer = await preparePeer(a.page);
    const answer = await preparePeer(b.page, offer);
    await a.page.evaluate(async (desc) => {
      await (
        window as unknown as { harness: { pc: RTCPeerConnection } }
      ).harness.pc.setRemoteDescription(desc);
    }, answer);

    for (const p of [a.page, b.page]) {
      await waitForInboundVideo(p, { minFrames: 10 });
      await waitForInboundAudioBytes(p);
      await waitForAudioEnergyRising(p);
      await waitForVideoSize(p, 640, 480);
      expect(await selectedCandidatePairTypes(p)).toEqual(['host']);
    }

    // Mute A's microphone the way the app does (track.enabled): B must measure silence.
    await a.page.evaluate(() => {
      const h = (window as unknown as { harness: { stream: MediaStream } }).harness;
      for (const t of h.stream.getAudioTracks()) t.enabled = false;
    });
    await waitForInboundSilence(b.page);
    // And the silence detector can fail: A still hears B.
    await expect(waitForInboundSilence(a.page, { timeout: 2500 })).rejects.toThrow();

    // Stop A's camera: the probe sees the track ended.
    expect((await capturedTracks(a.page)).filter((t) => t.kind === 'video')).toEqual([
      expect.objectContaining({ kind: 'video', readyState: 'live', width: 640, height: 480 }),
    ]);
    await a.page.evaluate(() => {
      const h = (window as unknown as { harness: { stream: MediaStream } }).harness;
      for (const t of h.stream.getVideoTracks()) t.stop();
    });
    expect((await capturedTracks(a.page)).filter((t) => t.kind === 'video')).toEqual([
      expect.objectContaining({ kind: 'video', readyState: 'ended' }),
    ]);
  } finally {
    await blank.close();
  }
});
