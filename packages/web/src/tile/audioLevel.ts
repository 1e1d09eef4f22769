/**
 * Speaking detection from a local track's audio level (the lobby preview, the own tile, the
 * muted-speech hint): one shared AudioContext and one shared 100 ms timer, each track read
 * through an AnalyserNode. Remote tiles use the call's `speaking` instead: an audio graph per
 * remote voice costs more than reading the level their packets carry.
 *
 * A timer rather than requestAnimationFrame: the indicator should keep working (for the others'
 * benefit in a recording, and to be right when the tab returns) while the tab is hidden.
 */

/** RMS level (0..1) above which a sample counts as speech: about -36 dBFS. */
export const SPEAKING_THRESHOLD = 0.016;
/** How long the indicator stays on after the last loud sample, so it does not flicker. */
export const SPEAKING_HOLD_MS = 500;
const POLL_MS = 100;

interface Watch {
  analyser: AnalyserNode;
  source: MediaStreamAudioSourceNode;
  buffer: Float32Array<ArrayBuffer>;
  lastLoud: number;
  speaking: boolean;
  onChange: (speaking: boolean) => void;
}

let context: AudioContext | undefined;
let timer: ReturnType<typeof setInterval> | undefined;
const watches = new Set<Watch>();

/** Root mean square of a block of samples. */
export function rms(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
}

/**
 * Whether someone is speaking now, given the level now, when the level was last loud and
 * whether they were speaking before. Returns the new state and the new `lastLoud`.
 */
export function nextSpeaking(
  level: number,
  now: number,
  lastLoud: number,
): { speaking: boolean; lastLoud: number } {
  const loud = level >= SPEAKING_THRESHOLD;
  const last = loud ? now : lastLoud;
  return { speaking: now - last < SPEAKING_HOLD_MS, lastLoud: last };
}

function poll(): void {
  const now = performance.now();
  for (const w of watches) {
    w.analyser.getFloatTimeDomainData(w.buffer);
    const next = nextSpeaking(rms(w.buffer), now, w.lastLoud);
    w.lastLoud = next.lastLoud;
    if (next.speaking !== w.speaking) {
      w.speaking = next.speaking;
      w.onChange(next.speaking);
    }
  }
}

/**
 * Calls `onChange(true|false)` whenever speech starts or stops on `track`. Returns the stop
 * function. Does nothing where WebAudio is missing.
 */
export function watchSpeaking(
  track: MediaStreamTrack,
  onChange: (speaking: boolean) => void,
): () => void {
  if (typeof AudioContext === 'undefined') return () => undefined;
  // Only read, never played: 'playback' lets the audio thread wake for large buffers rather
  // than every few milliseconds, which a busy device feels.
  context ??= new AudioContext({ latencyHint: 'playback' });
  // Created before a user gesture, the context starts suspended; joining is a gesture. It is
  // also suspended while nothing is watched (below). Always asked, as a suspend() still under
  // way leaves the state 'running' until it is done; the two are carried out in order.
  context.resume().catch(() => undefined);
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const watch: Watch = {
    analyser,
    source,
    buffer: new Float32Array(analyser.fftSize),
    lastLoud: -Infinity,
    speaking: false,
    onChange,
  };
  watches.add(watch);
  timer ??= setInterval(poll, POLL_MS);
  return () => {
    watches.delete(watch);
    source.disconnect();
    if (watches.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
      // An idle running context still renders on its own thread.
      context?.suspend().catch(() => undefined);
    }
  };
}
