// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import {
  CallEvent,
  PeerLinkState,
  type Call,
  type LinkSample,
  type Participant,
} from '@zvonok/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../i18n/i18n';
import { StatsPanel } from './StatsPanel';

function sample(i: number): LinkSample {
  return {
    at: i * 2000,
    rttMs: 10 + i,
    availableOutgoingKbps: 2000,
    path: 'relay',
    out: {
      kbps: 400 + i,
      fps: 20,
      width: 640,
      height: 480,
      codec: 'VP8',
      loss: 0,
      qualityLimitation: 'none',
    },
    in: {
      kbps: 300 + i,
      fps: 15,
      width: 320,
      height: 240,
      codec: 'VP8',
      loss: 0.01,
      jitterMs: 3,
      audioPackets: 100,
    },
  };
}

/** A call that holds readings and says when there is a new one, as the SDK's does. */
function fakeCall() {
  const history: LinkSample[] = [];
  const listeners = new Set<() => void>();
  const call = {
    linkHistory: () => history,
    on: (event: CallEvent, listener: () => void) => {
      if (event === CallEvent.LinkStats) listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as Call;
  const read = (i: number) => {
    history.push(sample(i));
    for (const l of listeners) l();
  };
  return { call, read };
}

const bob = {
  id: 'bob',
  name: 'Bob',
  link: PeerLinkState.Connected,
} as unknown as Participant;

describe('StatsPanel', () => {
  const root = document.createElement('div');
  document.body.append(root);
  afterEach(() => render(null, root));

  it('shows each reading as it comes: values and a growing chart', async () => {
    locale.value = 'en';
    const { call, read } = fakeCall();
    read(1);
    await act(() =>
      render(<StatsPanel call={call} participants={[bob]} onClose={() => undefined} />, root),
    );
    const value = (metric: string) =>
      root.querySelector(`[data-metric="${metric}"]`)?.getAttribute('data-value');
    expect(root.querySelector('[data-metric="path"]')?.textContent).toBe('Through a relay');
    expect(root.querySelector('[data-metric="resolution-in"]')?.textContent).toBe('320×240');
    expect(value('bitrate-in')).toBe('301');
    for (let i = 2; i <= 4; i++) await act(() => read(i));
    expect(value('bitrate-in')).toBe('304');
    expect(value('rtt')).toBe('14');
    const line = root.querySelector('.sparkline__line--received');
    expect(line?.getAttribute('data-points')).toBe('4');
    expect(root.querySelector('svg[role="img"]')?.getAttribute('aria-label')).toBe(
      'Bit rate over the last minute: Received 304 kbit/s, Sent 404 kbit/s',
    );
  });

  it('says so when nobody else is in the call', async () => {
    locale.value = 'ru';
    const { call } = fakeCall();
    await act(() =>
      render(<StatsPanel call={call} participants={[]} onClose={() => undefined} />, root),
    );
    expect(root.textContent).toContain('Статистика появится');
  });
});
