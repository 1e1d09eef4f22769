import type { SendDecision } from './SendPolicy.js';

/**
 * Puts a decision on a connection's senders with `setParameters`: the camera's encoding gets
 * its limits (or `active: false` for audio only), the microphone's a high priority (voice goes
 * first when the path is congested) and a shared screen its bit rate while keeping its
 * resolution (text stays sharp; the frame rate gives way). Senders not sending a track now
 * (camera off) are left alone: their parameters stay and apply when a track comes back.
 * Resolves whether the camera's limits are now on its sender: false while no sender sends the
 * camera track yet (the connection is still being set up), so that the caller tries again.
 */
export async function applySend(
  pc: RTCPeerConnection,
  tracks: {
    camera: MediaStreamTrack | null;
    mic: MediaStreamTrack | null;
    screen: MediaStreamTrack | null;
  },
  d: SendDecision,
): Promise<boolean> {
  const senders = pc.getSenders();
  const find = (track: MediaStreamTrack | null): RTCRtpSender | undefined =>
    track ? senders.find((s) => s.track === track) : undefined;
  const camera = await update(find(tracks.camera), (e) => {
    e.active = d.video;
    e.maxBitrate = d.maxBitrate;
    e.scaleResolutionDownBy = d.scaleResolutionDownBy;
    e.maxFramerate = d.maxFramerate;
  });
  await update(find(tracks.mic), (e) => {
    e.priority = 'high';
    e.networkPriority = 'high';
  });
  if (d.screenMaxBitrate > 0) {
    await update(
      find(tracks.screen),
      (e) => {
        e.maxBitrate = d.screenMaxBitrate;
      },
      'maintain-resolution',
    );
  }
  return camera;
}

async function update(
  sender: RTCRtpSender | undefined,
  change: (encoding: RTCRtpEncodingParameters) => void,
  degradationPreference?: RTCDegradationPreference,
): Promise<boolean> {
  if (!sender) return false;
  const params = sender.getParameters();
  const encoding = params.encodings?.[0];
  // No encodings before the first negotiation: the next round applies it.
  if (!encoding) return false;
  change(encoding);
  if (degradationPreference) {
    (params as RTCRtpSendParameters & { degradationPreference?: string }).degradationPreference =
      degradationPreference;
  }
  await sender.setParameters(params);
  return true;
}
