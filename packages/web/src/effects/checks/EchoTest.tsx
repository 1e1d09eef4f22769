/**
 * "Test microphone": records 5 seconds from the microphone, then plays them back, so a person
 * hears how they sound (and whether there is echo or noise) before joining.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { eff } from '../messages';

/** Length of the recording. */
export const ECHO_TEST_MS = 5000;

type Phase = 'idle' | 'recording' | 'playing' | 'failed';

/** The echo test button and its state. */
export function EchoTest({ track }: { track: MediaStreamTrack }) {
  const [phase, setPhase] = useState<Phase>('idle');
  const audioRef = useRef<HTMLAudioElement>(null);
  const urlRef = useRef<string | null>(null);
  const recorderRef = useRef<MediaRecorder | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Joining (or leaving) mid-test: stop recording the microphone now, not when the timer ends.
  useEffect(
    () => () => {
      clearTimeout(timerRef.current);
      const recorder = recorderRef.current;
      if (recorder && recorder.state !== 'inactive') recorder.stop();
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );

  const start = (): void => {
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(new MediaStream([track]));
    } catch {
      setPhase('failed');
      return;
    }
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    recorder.onstop = () => {
      recorderRef.current = null;
      const audio = audioRef.current;
      if (!audio) return;
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
      urlRef.current = URL.createObjectURL(new Blob(chunks, { type: recorder.mimeType }));
      audio.src = urlRef.current;
      audio.onended = () => setPhase('idle');
      setPhase('playing');
      audio.play().catch(() => setPhase('failed'));
    };
    recorder.start();
    recorderRef.current = recorder;
    setPhase('recording');
    timerRef.current = setTimeout(
      () => recorder.state !== 'inactive' && recorder.stop(),
      ECHO_TEST_MS,
    );
  };

  return (
    <div class="echo-test">
      <button
        type="button"
        class="button"
        disabled={phase === 'recording' || phase === 'playing'}
        onClick={start}
      >
        {eff('echoTest')}
      </button>
      <span role="status" class="effect-toggle__status">
        {phase === 'recording'
          ? eff('echoRecording')
          : phase === 'playing'
            ? eff('echoPlaying')
            : phase === 'failed'
              ? eff('echoFailed')
              : ''}
      </span>
      <audio ref={audioRef} class="echo-test__audio" aria-label={eff('echoTest')} />
    </div>
  );
}
