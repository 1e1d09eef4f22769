// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ECHO_TEST_MS, EchoTest } from './EchoTest';

/** A MediaRecorder that records nothing and says when it is stopped. */
class FakeRecorder {
  static made: FakeRecorder[] = [];
  state: 'inactive' | 'recording' = 'inactive';
  mimeType = 'audio/webm';
  ondataavailable: ((e: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  readonly stop = vi.fn(() => {
    this.state = 'inactive';
    this.onstop?.();
  });
  constructor() {
    FakeRecorder.made.push(this);
  }
  start(): void {
    this.state = 'recording';
  }
}

describe('EchoTest', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    FakeRecorder.made = [];
  });

  it('stops recording the microphone when it goes away mid-test', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('MediaRecorder', FakeRecorder);
    vi.stubGlobal('MediaStream', class {});
    const root = document.createElement('div');
    await act(() => render(<EchoTest track={{} as MediaStreamTrack} />, root));
    await act(() => root.querySelector('button')?.click());
    const recorder = FakeRecorder.made[0];
    expect(recorder?.state).toBe('recording');

    await act(() => render(null, root));
    expect(recorder?.stop).toHaveBeenCalledTimes(1);
    // Its timer went with it: nothing stops it a second time later.
    vi.advanceTimersByTime(ECHO_TEST_MS);
    expect(recorder?.stop).toHaveBeenCalledTimes(1);
  });
});
