/**
 * What a page's senders send: the encoding parameters (`getParameters()`) of every camera
 * and screen sender, and the audio track state, of every open peer connection the collector kept.
 */
import type { Page } from '@playwright/test';
import { PROBE, type E2EProbe } from './collector.js';

/** One camera sender's first encoding. */
export interface CameraEncoding {
  active: boolean;
  /** bit/s; undefined while no limit is set */
  maxBitrate: number | undefined;
  scaleResolutionDownBy: number | undefined;
  maxFramerate: number | undefined;
}

/**
 * The first encoding of each connection's camera sender (the video sender whose track is a
 * getUserMedia camera track, not a shared screen).
 */
export async function cameraEncodings(page: Page): Promise<CameraEncoding[]> {
  return page.evaluate((probeName) => {
    const probe = (window as unknown as Record<string, E2EProbe | undefined>)[probeName];
    if (!probe) throw new Error('the peer-connection collector is not installed in this page');
    const cameras = new Set(probe.tracks.filter((t) => t.kind === 'video'));
    const out: CameraEncoding[] = [];
    for (const pc of probe.pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const sender of pc.getSenders()) {
        if (!sender.track || !cameras.has(sender.track)) continue;
        const e = sender.getParameters().encodings[0];
        if (!e) continue;
        out.push({
          active: e.active !== false,
          maxBitrate: e.maxBitrate,
          scaleResolutionDownBy: e.scaleResolutionDownBy,
          maxFramerate: e.maxFramerate,
        });
      }
    }
    return out;
  }, PROBE);
}

/** A shared screen's sender: its first encoding's bit rate limit and the degradation preference. */
export interface ScreenEncoding {
  maxBitrate: number | undefined;
  degradationPreference: string | undefined;
}

/**
 * Every open connection's screen sender: the video sender sending a track that is not a
 * getUserMedia camera track (the getDisplayMedia track).
 */
export async function screenEncodings(page: Page): Promise<ScreenEncoding[]> {
  return page.evaluate((probeName) => {
    const probe = (window as unknown as Record<string, E2EProbe | undefined>)[probeName];
    if (!probe) throw new Error('the peer-connection collector is not installed in this page');
    const captured = new Set(probe.tracks);
    const out: ScreenEncoding[] = [];
    for (const pc of probe.pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const sender of pc.getSenders()) {
        const track = sender.track;
        if (!track || track.kind !== 'video' || captured.has(track)) continue;
        const params = sender.getParameters() as RTCRtpSendParameters & {
          degradationPreference?: string;
        };
        out.push({
          maxBitrate: params.encodings[0]?.maxBitrate,
          degradationPreference: params.degradationPreference,
        });
      }
    }
    return out;
  }, PROBE);
}

/** The state of the track on each open connection's audio sender: what the others are sent. */
export async function audioSenderTracks(
  page: Page,
): Promise<{ readyState: MediaStreamTrackState | undefined; enabled: boolean | undefined }[]> {
  return page.evaluate((probeName) => {
    const probe = (window as unknown as Record<string, E2EProbe | undefined>)[probeName];
    if (!probe) throw new Error('the peer-connection collector is not installed in this page');
    return probe.pcs
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getSenders())
      .filter((sender) => sender.track?.kind === 'audio')
      .map((sender) => ({ readyState: sender.track?.readyState, enabled: sender.track?.enabled }));
  }, PROBE);
}
