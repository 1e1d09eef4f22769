import { useEffect, useState } from 'preact/hooks';
import { watchSpeaking } from './audioLevel';

/**
 * Whether the audio track is carrying speech. Pass the current track (not just the stream) so
 * that a replaced or newly arrived track is picked up; `enabled` false (mic off) means silent.
 */
export function useSpeaking(track: MediaStreamTrack | undefined, enabled: boolean): boolean {
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => {
    setSpeaking(false);
    if (!track || !enabled) return;
    return watchSpeaking(track, setSpeaking);
  }, [track, enabled]);
  return speaking && enabled;
}
