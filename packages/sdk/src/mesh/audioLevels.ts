import { receiverLevel, senderLevel } from '../quality/audioLevel.js';
import type { OwnVoice } from '../topology/MediaTopology.js';
import type { Mesh } from './Mesh.js';

/**
 * Everyone's audio level (0..1) now: each peer's from its audio receiver
 * ({@link receiverLevel}), the own one from the microphone sender's statistics on one
 * connection ({@link senderLevel}). A muted microphone counts as silent.
 */
export async function audioLevels(mesh: Mesh, own: OwnVoice): Promise<Map<string, number>> {
  const levels = new Map<string, number>();
  let ownSender: RTCRtpSender | undefined;
  for (const id of mesh.ids()) {
    const session = mesh.get(id);
    if (!session) continue;
    const track = session.remoteStream.getAudioTracks()[0];
    const receiver = track && session.pc.getReceivers().find((r) => r.track === track);
    levels.set(id, receiver ? receiverLevel(receiver) : 0);
    if (own.track && !ownSender && session.pc.connectionState === 'connected') {
      ownSender = session.pc.getSenders().find((s) => s.track === own.track);
    }
  }
  if (own.id !== undefined) {
    levels.set(own.id, own.track?.enabled && ownSender ? await senderLevel(ownSender) : 0);
  }
  return levels;
}
