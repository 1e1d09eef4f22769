import type { Mesh } from './Mesh.js';

/** The own microphone, for {@link audioLevels}. */
export interface OwnVoice {
  id: string | undefined;
  track: MediaStreamTrack | null | undefined;
}

/**
 * Everyone's audio level (0..1) now: each peer's from its audio receiver's synchronization
 * sources (the RTP audio-level header the sender puts on every packet: no statistics report,
 * cheap enough for several reads a second), the own one from the microphone sender's
 * `media-source` statistics on one connection. A muted microphone counts as silent.
 */
export async function audioLevels(mesh: Mesh, own: OwnVoice): Promise<Map<string, number>> {
  const levels = new Map<string, number>();
  let ownSender: RTCRtpSender | undefined;
  for (const id of mesh.ids()) {
    const session = mesh.get(id);
    if (!session) continue;
    const track = session.remoteStream.getAudioTracks()[0];
    const receiver = track && session.pc.getReceivers().find((r) => r.track === track);
    const sources =
      receiver && typeof receiver.getSynchronizationSources === 'function'
        ? receiver.getSynchronizationSources()
        : [];
    // A source not heard for a second is not speaking now.
    const fresh = sources.filter((s) => sinceMs(s.timestamp) < 1_000);
    levels.set(id, Math.max(0, ...fresh.map((s) => s.audioLevel ?? 0)));
    if (own.track && !ownSender && session.pc.connectionState === 'connected') {
      ownSender = session.pc.getSenders().find((s) => s.track === own.track);
    }
  }
  if (own.id !== undefined) {
    levels.set(own.id, own.track?.enabled && ownSender ? await senderLevel(ownSender) : 0);
  }
  return levels;
}

async function senderLevel(sender: RTCRtpSender): Promise<number> {
  let level = 0;
  const report = await sender.getStats();
  report.forEach((s: Record<string, unknown>) => {
    if (s.type === 'media-source' && s.kind === 'audio' && typeof s.audioLevel === 'number') {
      level = Math.max(level, s.audioLevel);
    }
  });
  return level;
}

/**
 * How long ago a synchronization source's `timestamp` was: on the performance clock as the
 * specification says, or since the epoch as some browser versions report it.
 */
function sinceMs(timestamp: number): number {
  return timestamp > 1e12 ? Date.now() - timestamp : performance.now() - timestamp;
}
