/**
 * Issue 14: a link too poor for video falls back to audio only, says so on both sides, and gets
 * its video back by itself. Ann's browser is made to report a tiny uplink estimate
 * (`availableOutgoingBitrate` of 50 kbit/s in her getStats, everything else real): her camera to
 * Bob stops (`active: false`), her tile on Bob's page and Bob's tile on hers explain why, and her
 * voice keeps arriving. When the estimate is real again, the video returns with no click.
 */
import { test, expect } from '../support/fixtures.js';
import { callWith, tileOf } from '../support/app.js';
import { cameraEncodings } from '../support/senders.js';
import {
  MESH_TIMEOUT_MS,
  waitForAudioEnergyRising,
  waitForInboundVideo,
  waitForVideoFramesRising,
} from '../support/stats.js';

test.describe.configure({ timeout: 120_000 });

/** In the page: while `window.__squeezeUplink` is true, every estimate says 50 kbit/s. */
function squeezableUplink(): void {
  const native: (this: RTCPeerConnection) => Promise<RTCStatsReport> =
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called on the connection below
    RTCPeerConnection.prototype.getStats;
  RTCPeerConnection.prototype.getStats = async function (
    this: RTCPeerConnection,
  ): Promise<RTCStatsReport> {
    const report = await native.call(this);
    if (!(window as unknown as { __squeezeUplink?: boolean }).__squeezeUplink) return report;
    // A Map reads like a report (forEach, get, values): what the app uses of it.
    const out = new Map<string, unknown>();
    report.forEach((s: Record<string, unknown>, id: string) =>
      out.set(
        id,
        s.type === 'candidate-pair' && typeof s.availableOutgoingBitrate === 'number'
          ? { ...s, availableOutgoingBitrate: 50_000 }
          : s,
      ),
    );
    return out;
  };
}

test('a link too poor for video goes audio only with a notice on both sides, and comes back', async ({
  server,
  room,
  people,
}) => {
  const ann = await people.add('Ann');
  await ann.context.addInitScript(squeezableUplink);
  const [, bob] = await callWith(people, server.url, room, [ann, 'Bob']);
  await waitForInboundVideo(bob.page, { minFrames: 10 });

  await ann.page.evaluate(() => {
    (window as unknown as { __squeezeUplink?: boolean }).__squeezeUplink = true;
  });
  await expect
    .poll(async () => (await cameraEncodings(ann.page))[0]?.active, {
      timeout: MESH_TIMEOUT_MS,
      message: "Ann's camera to Bob stops",
    })
    .toBe(false);
  const annOnBob = tileOf(bob.page, 'Ann');
  await expect(annOnBob.getByRole('status')).toContainText(
    'Ann’s connection is too weak for video. You still hear them.',
    { timeout: MESH_TIMEOUT_MS },
  );
  await expect(annOnBob).toHaveAttribute('data-quality', 'poor');
  await expect(tileOf(ann.page, 'Bob').getByRole('status')).toContainText(
    'Your video to Bob is paused',
    { timeout: MESH_TIMEOUT_MS },
  );
  // Voice first: Ann is still heard.
  await waitForAudioEnergyRising(bob.page);

  await ann.page.evaluate(() => {
    (window as unknown as { __squeezeUplink?: boolean }).__squeezeUplink = false;
  });
  await expect
    .poll(async () => (await cameraEncodings(ann.page))[0]?.active, { timeout: MESH_TIMEOUT_MS })
    .toBe(true);
  await waitForVideoFramesRising(bob.page, { timeout: MESH_TIMEOUT_MS });
  await expect(annOnBob.getByText('too weak for video')).toHaveCount(0, {
    timeout: MESH_TIMEOUT_MS,
  });
  await expect(annOnBob).toHaveAttribute('data-quality', 'good', { timeout: MESH_TIMEOUT_MS });
});
