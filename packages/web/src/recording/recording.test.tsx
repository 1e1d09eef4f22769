// @vitest-environment happy-dom
import type { Call, LocalMedia, Participant } from '@zvonok/sdk';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n/i18n';
import { formatDuration, rt } from './messages';
import { RecordButton } from './RecordButton';
import { RecordingBanner } from './RecordingBanner';
import { RecordingController } from './RecordingController';

/** A Call and LocalMedia with just what the controller touches before recording. */
function controller(): RecordingController {
  const call = {
    on: () => () => undefined,
    participants: new Map(),
    setRecording: vi.fn(),
  } as unknown as Call;
  const media = {
    on: () => () => undefined,
    stream: {} as MediaStream,
    cameraEnabled: true,
  } as unknown as LocalMedia;
  return new RecordingController(call, { room: 'r', media, ownName: () => 'Ann' });
}

const person = (name: string, recording: boolean): Participant =>
  ({ id: name.toLowerCase(), name, recording }) as unknown as Participant;

describe('formatDuration', () => {
  it('shows m:ss, and h:mm:ss from an hour on', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(3999)).toBe('0:03');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });
});

describe('recording UI', () => {
  const root = document.createElement('div');
  beforeEach(() => {
    locale.value = 'en';
  });
  afterEach(() => {
    render(null, root);
    vi.unstubAllGlobals();
  });

  it('the consent banner is an empty status while nobody records', () => {
    render(
      <RecordingBanner controller={controller()} participants={[person('Bob', false)]} />,
      root,
    );
    const status = root.querySelector('[role="status"]');
    expect(status).not.toBeNull();
    expect(status!.textContent).toBe('');
  });

  it('names everyone who records, and shows the own timer while this person records', () => {
    const c = controller();
    c.phase.value = 'recording';
    c.elapsedMs.value = 65_000;
    render(
      <RecordingBanner
        controller={c}
        participants={[person('Bob', true), person('Cleo', false), person('Dan', true)]}
      />,
      root,
    );
    const lines = [...root.querySelectorAll('[role="status"] p')].map((p) => p.textContent);
    expect(lines).toEqual([
      'You are recording this call · 1:05',
      'Bob is recording this call',
      'Dan is recording this call',
    ]);
  });

  it('speaks Russian too', () => {
    locale.value = 'ru';
    expect(rt('isRecording', { name: 'Боб' })).toBe('Боб записывает этот звонок');
  });

  it('the Record button is hidden where the browser cannot record (no MediaRecorder)', () => {
    vi.stubGlobal('MediaRecorder', undefined);
    render(<RecordButton controller={controller()} />, root);
    expect(root.querySelector('button')).toBeNull();
  });

  it('the Record button says "Stop recording" with its timer while recording (a name that says what a click does, no aria-pressed)', () => {
    vi.stubGlobal('MediaRecorder', { isTypeSupported: (t: string) => t === 'video/webm' });
    vi.stubGlobal('AudioContext', class {});
    vi.stubGlobal(
      'HTMLCanvasElement',
      class {
        captureStream() {}
      },
    );
    const c = controller();
    render(<RecordButton controller={c} />, root);
    const button = root.querySelector('button')!;
    expect(button.textContent).toBe('Record');
    expect(button.hasAttribute('aria-pressed')).toBe(false);
    c.phase.value = 'recording';
    c.elapsedMs.value = 12_000;
    render(<RecordButton controller={c} />, root);
    const on = root.querySelector('button')!;
    expect(on.querySelector('.control__label')?.textContent).toBe('Stop recording');
    // The timer is drawn on the button, outside its accessible name.
    expect(on.querySelector('[aria-hidden="true"].control__timer')?.textContent).toBe('0:12');
    expect(on.classList.contains('control--recording')).toBe(true);
  });
});
