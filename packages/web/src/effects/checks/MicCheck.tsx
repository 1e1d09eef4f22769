/**
 * The lobby's microphone check: a level meter of the microphone in use, a warning when it
 * delivers only silence or clips, and when a Bluetooth headset is connected but its microphone
 * is not the one in use. Part of the effects chunk (lazy).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomSession } from '../../room/RoomSession';
import { useDevices } from '../../lobby/useDevices';
import { eff } from '../messages';
import { EchoTest } from './EchoTest';
import { measure, unusedHeadsetMic, verdict, type MicBlock, type MicVerdict } from './micVerdict';

const POLL_MS = 100;
/** Blocks kept for the verdict (3 s at 100 ms). */
const KEEP = 30;

/** Level (0..1, RMS scaled so that speech fills most of it) and verdict of a track. */
function useMicLevel(track: MediaStreamTrack | null): { level: number; verdict: MicVerdict } {
  const [state, setState] = useState<{ level: number; verdict: MicVerdict }>({
    level: 0,
    verdict: 'ok',
  });
  useEffect(() => {
    if (!track) return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    source.connect(analyser);
    const buffer = new Float32Array(analyser.fftSize);
    const blocks: MicBlock[] = [];
    const started = performance.now();
    const timer = setInterval(() => {
      // A context made before a click may be suspended: it reads zeros, which is not silence.
      if (context.state !== 'running') {
        void context.resume();
        return;
      }
      analyser.getFloatTimeDomainData(buffer);
      const block = measure(buffer);
      blocks.push(block);
      if (blocks.length > KEEP) blocks.shift();
      setState({
        level: Math.min(1, Math.sqrt(block.rms) * 2),
        verdict: track.enabled ? verdict(blocks, performance.now() - started) : 'ok',
      });
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void context.close();
    };
  }, [track]);
  return state;
}

/** The microphone check of the lobby. */
export function MicCheck({ session }: { session: RoomSession }) {
  const media = session.mediaState.value;
  const track = media.hasMic ? session.media.inputTrack('audio') : null;
  const { level, verdict } = useMicLevel(track);
  const devices = useDevices(session.media, media.version);
  const micId = track?.getSettings().deviceId;
  const micName = devices.find((d) => d.kind === 'audioinput' && d.deviceId === micId)?.label;
  const headset = unusedHeadsetMic(devices, micId);
  const warned = verdict !== 'ok' || headset !== null;
  const ref = useRef<HTMLDivElement>(null);
  // A warning is never left folded away: the lobby keeps this check under "More options".
  useEffect(() => {
    const fold = ref.current?.closest('details');
    if (warned && fold && !fold.open) fold.open = true;
  }, [warned]);
  if (!track) return null;
  return (
    <div class="mic-check" ref={ref}>
      <label class="mic-check__meter">
        <span class="field__label">{eff('micLevel')}</span>
        <meter min={0} max={1} low={0.1} high={0.9} optimum={0.5} value={level} />
      </label>
      <div role="status" class="mic-check__notes">
        {verdict === 'silent' && (
          <p class="effect-warning">{eff('micSilent', { name: micName ? `“${micName}”` : '' })}</p>
        )}
        {verdict === 'clipping' && <p class="effect-warning">{eff('micClipping')}</p>}
        {headset && (
          <p class="effect-warning">
            {eff('headsetMicUnused', { headset: `“${headset}”`, mic: `“${micName ?? ''}”` })}
          </p>
        )}
      </div>
      <EchoTest track={track} />
    </div>
  );
}
