import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../utils/logger.js';
import { LINK_HISTORY_SAMPLES, LinkMonitor } from './LinkMonitor.js';
import type { Mesh } from './Mesh.js';
import type { PeerSession } from './PeerSession.js';

/**
 * A connection whose statistics grow like a real call's: 20 fps, 500 kbit/s each way. `path`
 * is read at each reading: the browser's uplink estimate and the round trip.
 */
function fakeSession(path = { estimateBps: 3_000_000, rttS: 0.01 }) {
  let t = 0;
  const params = { encodings: [{} as RTCRtpEncodingParameters] };
  const camera = { kind: 'video', getSettings: () => ({ height: 480, frameRate: 20 }) };
  const sender = {
    track: camera as typeof camera | null,
    getParameters: () => structuredClone(params),
    setParameters: vi.fn((p: typeof params) => {
      params.encodings = p.encodings;
      return Promise.resolve();
    }),
  };
  const pc = {
    getSenders: () => [sender],
    getStats: () => {
      t += 2;
      const stats = [
        { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
        {
          id: 'CP',
          type: 'candidate-pair',
          localCandidateId: 'L',
          remoteCandidateId: 'R',
          currentRoundTripTime: path.rttS,
          availableOutgoingBitrate: path.estimateBps,
        },
        { id: 'L', type: 'local-candidate', candidateType: 'host' },
        { id: 'R', type: 'remote-candidate', candidateType: 'host' },
        {
          id: 'O',
          type: 'outbound-rtp',
          kind: 'video',
          bytesSent: t * 62_500,
          framesEncoded: t * 20,
        },
        {
          id: 'I',
          type: 'inbound-rtp',
          kind: 'video',
          bytesReceived: t * 62_500,
          framesDecoded: t * 20,
          packetsReceived: t * 100,
          packetsLost: 0,
        },
      ];
      return Promise.resolve(new Map(stats.map((s) => [s.id, s])));
    },
  };
  return { session: { pc } as unknown as PeerSession, sender, camera };
}

function fakeMesh(sessions: Map<string, PeerSession>) {
  let added: ((id: string, s: PeerSession, initiator: boolean) => void) | undefined;
  const off = vi.fn(() => (added = undefined));
  const mesh = {
    on: (_event: string, listener: typeof added) => {
      added = listener;
      return off;
    },
    get: (id: string) => sessions.get(id),
  } as unknown as Mesh;
  return {
    mesh,
    off,
    add: (id: string, s: PeerSession) => (sessions.set(id, s), added?.(id, s, true)),
  };
}

afterEach(() => vi.useRealTimers());

describe('LinkMonitor', () => {
  it('reads every 2 s, keeps the last minute, and limits the camera on each reading', async () => {
    vi.useFakeTimers();
    const { session, sender, camera } = fakeSession();
    const { mesh, add } = fakeMesh(new Map());
    const onStats = vi.fn();
    let clock = 0;
    const monitor = new LinkMonitor({
      mesh,
      logger: silentLogger,
      adaptive: true,
      tracks: () => ({ camera: camera as unknown as MediaStreamTrack, mic: null, screen: null }),
      peer: () => ({ connected: true, camera: true, screen: false }),
      localId: () => 'me',
      onQuality: () => undefined,
      onStats,
      now: () => clock,
    });
    add('bob', session);
    monitor.start();
    for (let i = 0; i < LINK_HISTORY_SAMPLES + 5; i++) {
      clock += 2000;
      await vi.advanceTimersByTimeAsync(2000);
    }
    expect(onStats).toHaveBeenCalledTimes(LINK_HISTORY_SAMPLES + 5);
    const history = monitor.history('bob');
    expect(history).toHaveLength(LINK_HISTORY_SAMPLES);
    const last = history.at(-1)!;
    expect(last.in.fps).toBeCloseTo(20, 5);
    expect(last.in.kbps).toBeCloseTo(500, 5);
    expect(last.out.fps).toBeCloseTo(20, 5);
    expect(sender.setParameters).toHaveBeenCalled();
    expect(monitor.decision('bob')?.maxBitrate).toBe(1_500_000);
    expect(monitor.quality('bob')?.level).toBe('good');
    monitor.stop();
  });

  it('tries the video again after a pause whose estimate stays low, waiting longer after each failed try', async () => {
    vi.useFakeTimers();
    const path = { estimateBps: 3_000_000, rttS: 0.01 };
    const { session, sender, camera } = fakeSession(path);
    const { mesh, add } = fakeMesh(new Map());
    let clock = 0;
    const monitor = new LinkMonitor({
      mesh,
      logger: silentLogger,
      adaptive: true,
      tracks: () => ({ camera: camera as unknown as MediaStreamTrack, mic: null, screen: null }),
      peer: () => ({ connected: true, camera: true, screen: false }),
      localId: () => 'me',
      onQuality: () => undefined,
      onStats: () => undefined,
      now: () => clock,
    });
    add('bob', session);
    monitor.start();
    /** Whether the camera sends, every 2 s for `seconds`. */
    const watch = async (seconds: number): Promise<boolean[]> => {
      const seen: boolean[] = [];
      for (let i = 0; i < seconds / 2; i++) {
        clock += 2000;
        await vi.advanceTimersByTimeAsync(2000);
        seen.push(sender.getParameters().encodings[0]?.active !== false);
      }
      return seen;
    };
    await watch(4);
    expect(monitor.decision('bob')?.video).toBe(true);

    // A bad spell: the estimate falls and, with voice alone on the path, never rises again.
    path.estimateBps = 50_000;
    path.rttS = 0.3;
    expect((await watch(2)).at(-1)).toBe(false);
    // Off for the first wait (8 s), then a try at a modest rate; the estimate still says 50
    // kbit/s once its catch-up time is over, so it pauses again.
    const first = await watch(16);
    const firstTry = first.indexOf(true);
    expect(firstTry).toBe(3);
    expect(sender.getParameters().encodings[0]?.maxBitrate ?? 0).toBeLessThanOrEqual(250_000);
    expect(first.slice(firstTry).includes(false)).toBe(true);
    // The next try waits twice as long (16 s): none within the next 12 s of the pause.
    const pausedAt = first.lastIndexOf(false);
    const second = [...first.slice(pausedAt), ...(await watch(30))];
    expect(second.indexOf(true)).toBeGreaterThanOrEqual(7);

    // The path is good again: the try that comes holds and grows back to the full rate.
    path.estimateBps = 3_000_000;
    path.rttS = 0.01;
    await watch(40);
    expect(sender.getParameters().encodings[0]?.active).toBe(true);
    expect(monitor.decision('bob')?.maxBitrate).toBe(1_500_000);
    monitor.stop();
  });

  it('puts the limits on the camera once its sender sends it, however late that is', async () => {
    vi.useFakeTimers();
    const { session, sender, camera } = fakeSession();
    // The answering side: the camera goes on the sender only after a few readings.
    sender.track = null;
    const { mesh, add } = fakeMesh(new Map());
    const monitor = new LinkMonitor({
      mesh,
      logger: silentLogger,
      adaptive: true,
      tracks: () => ({ camera: camera as unknown as MediaStreamTrack, mic: null, screen: null }),
      peer: () => ({ connected: true, camera: true, screen: false }),
      localId: () => 'me',
      onQuality: () => undefined,
      onStats: () => undefined,
    });
    add('bob', session);
    monitor.start();
    await vi.advanceTimersByTimeAsync(6000);
    expect(sender.setParameters).not.toHaveBeenCalled();
    sender.track = camera;
    await vi.advanceTimersByTimeAsync(4000);
    expect(sender.setParameters).toHaveBeenCalled();
    expect(sender.getParameters().encodings[0]?.maxBitrate).toBe(1_500_000);
    monitor.stop();
  });

  it('reports nothing once stopped, not even from a reading under way, and lets go of the mesh', async () => {
    vi.useFakeTimers();
    const { session, camera } = fakeSession();
    const pc = session.pc as unknown as { getStats: () => Promise<unknown> };
    const readStats = pc.getStats.bind(pc);
    let release: (() => void) | undefined;
    pc.getStats = () => new Promise((resolve) => (release = () => resolve(readStats())));
    const { mesh, add, off } = fakeMesh(new Map());
    const onStats = vi.fn();
    const onQuality = vi.fn();
    const monitor = new LinkMonitor({
      mesh,
      logger: silentLogger,
      adaptive: true,
      tracks: () => ({ camera: camera as unknown as MediaStreamTrack, mic: null, screen: null }),
      peer: () => ({ connected: true, camera: true, screen: false }),
      localId: () => 'me',
      onQuality,
      onStats,
    });
    add('bob', session);
    monitor.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(release).toBeDefined(); // the reading is under way
    monitor.stop();
    expect(off).toHaveBeenCalledTimes(1);
    release!();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onStats).not.toHaveBeenCalled();
    expect(onQuality).not.toHaveBeenCalled();
    expect(monitor.stats.size).toBe(0);
  });
});
