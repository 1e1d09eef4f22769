/**
 * A receiver's audio level now (0..1), from its synchronization sources (the RTP audio-level
 * header the sender puts on every packet, which Janus forwards too): no statistics report, cheap
 * enough for several reads a second. A source not heard for a second is not speaking now.
 */
export function receiverLevel(receiver: RTCRtpReceiver): number {
  const sources =
    typeof receiver.getSynchronizationSources === 'function'
      ? receiver.getSynchronizationSources()
      : [];
  const fresh = sources.filter((s) => sinceMs(s.timestamp) < 1_000);
  return Math.max(0, ...fresh.map((s) => s.audioLevel ?? 0));
}

/** The level of what a sender sends (0..1), from its `media-source` statistics. */
export async function senderLevel(sender: RTCRtpSender): Promise<number> {
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
