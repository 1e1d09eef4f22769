import type { ClientMessage } from '@zvonok/protocol';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSource, SendSlot } from '../mesh/TransceiverSlots.js';
import {
  FakeMediaStream,
  FakeMediaStreamTrack,
  installFakeMediaGlobals,
} from '../test/fakeMedia.js';
import { FakePeerConnection } from '../test/FakePeerConnection.js';
import { waitFor } from '../test/helpers.js';
import type { PeerConnectionConstructor } from '../types.js';
import { silentLogger } from '../utils/logger.js';
import { SfuTopology } from './SfuTopology.js';

beforeAll(() => installFakeMediaGlobals());

function local(): LocalSource {
  const tracks = {
    audio: new FakeMediaStreamTrack('audio'),
    video: new FakeMediaStreamTrack('video'),
  };
  return {
    track: (slot: SendSlot) =>
      slot === 'screen' ? null : (tracks[slot] as unknown as MediaStreamTrack),
    canSend: () => true,
    stream: new FakeMediaStream([tracks.audio, tracks.video]) as unknown as MediaStream,
  };
}

const made: SfuTopology[] = [];
afterEach(() => {
  for (const t of made.splice(0)) t.close();
});

function topology() {
  const sent: ClientMessage[] = [];
  const sfu = new SfuTopology({
    RTCPeerConnection: FakePeerConnection as unknown as PeerConnectionConstructor,
    rtcConfig: () => ({}),
    local: local(),
    send: (m) => sent.push(m),
    logger: silentLogger,
    simulcast: false,
  });
  made.push(sfu);
  sfu.setLocalId('me');
  const of = <T extends ClientMessage['type']>(type: T) =>
    sent.filter((m): m is Extract<ClientMessage, { type: T }> => m.type === type);
  return { sfu, sent, of };
}

/** The SFU's side of a subscription: one sending m-line per stream, as Janus offers them. */
async function sfuOffer(kinds: Array<'audio' | 'video'>): Promise<{ sdp: string; mids: string[] }> {
  const janus = new FakePeerConnection();
  for (const kind of kinds) {
    janus.addTransceiver(new FakeMediaStreamTrack(kind), { direction: 'sendonly' });
  }
  const offer = await janus.createOffer();
  await janus.setLocalDescription(offer);
  const sdp = offer.sdp ?? '';
  const { mlines } = JSON.parse(sdp.replace(/^fake:/, '')) as { mlines: { mid: string }[] };
  return { sdp, mids: mlines.map((m) => m.mid) };
}

describe('SfuTopology', () => {
  it('publishes audio, camera and screen on one fresh connection, in that order', async () => {
    const { of } = topology();
    await waitFor(() => of('sfu-publish').length === 1, 'of(sfu-publish).length === 1');
    const [publish] = of('sfu-publish');
    expect(publish).toMatchObject({ e2ee: false, fresh: true });
    const sdp = JSON.parse(publish!.sdp.replace(/^fake:/, '')) as {
      mlines: { mid: string; kind: string; direction: string }[];
    };
    expect(sdp.mlines.map((m) => [m.kind, m.direction])).toEqual([
      ['audio', 'sendonly'],
      ['video', 'sendonly'],
      ['video', 'sendonly'],
    ]);
  });

  it('subscribes to everyone else and puts each stream into its owner’s streams', async () => {
    const { sfu, of } = topology();
    await waitFor(() => of('sfu-publish').length === 1, 'of(sfu-publish).length === 1');
    const ann = sfu.addPeer('ann');
    sfu.handle({ type: 'sfu-feeds', feeds: ['me', 'ann', 'bob'] });
    await waitFor(() => of('sfu-subscribe').length === 1, 'of(sfu-subscribe).length === 1');
    expect(of('sfu-subscribe')[0]).toEqual({
      type: 'sfu-subscribe',
      feeds: ['ann', 'bob'],
      fresh: true,
    });
    const tracks: string[] = [];
    sfu.on('track', (id, track) => tracks.push(`${id}:${track.kind}`));
    const { sdp, mids } = await sfuOffer(['audio', 'video', 'video', 'audio', 'video']);
    sfu.handle({
      type: 'sfu-offer',
      sdp,
      streams: [
        { mid: mids[0]!, feed: 'ann', kind: 'audio', feedMid: '0' },
        { mid: mids[1]!, feed: 'ann', kind: 'video', feedMid: '1' },
        { mid: mids[2]!, feed: 'ann', kind: 'video', feedMid: '2' },
        { mid: mids[3]!, feed: 'bob', kind: 'audio', feedMid: '0' },
        { mid: mids[4]!, feed: 'bob', kind: 'video', feedMid: '1' },
      ],
    });
    await waitFor(() => of('sfu-start').length === 1, 'of(sfu-start).length === 1');
    expect(ann.stream.getTracks().map((t) => t.kind)).toEqual(['audio', 'video']);
    expect(ann.screenStream.getTracks().map((t) => t.kind)).toEqual(['video']);
    // Bob is not a participant yet: his media waits for him.
    const bob = sfu.addPeer('bob');
    expect(bob.stream.getTracks().map((t) => t.kind)).toEqual(['audio', 'video']);
    expect(bob.screenStream.getTracks()).toEqual([]);
    expect(tracks).toEqual(['ann:audio', 'ann:video', 'ann:video']);
    // One connection carries everyone's media.
    expect(sfu.peerConnection('ann')).toBe(sfu.peerConnection('bob'));
    expect(sfu.connections()).toHaveLength(2);

    // Someone new publishes: one more subscription, on the same connection.
    sfu.handle({ type: 'sfu-feeds', feeds: ['me', 'ann', 'bob', 'cid'] });
    await waitFor(() => of('sfu-subscribe').length === 2, 'of(sfu-subscribe).length === 2');
    expect(of('sfu-subscribe')[1]).toEqual({
      type: 'sfu-subscribe',
      feeds: ['ann', 'bob', 'cid'],
      fresh: false,
    });
    // The SFU answers that subscription (until then no other would be asked for anyway).
    const again = await sfuOffer(['audio', 'video']);
    sfu.handle({
      type: 'sfu-offer',
      sdp: again.sdp,
      streams: [
        { mid: again.mids[0]!, feed: 'cid', kind: 'audio', feedMid: '0' },
        { mid: again.mids[1]!, feed: 'cid', kind: 'video', feedMid: '1' },
      ],
    });
    await waitFor(() => of('sfu-start').length === 2, 'of(sfu-start).length === 2');
    // Someone only leaving needs no new subscription: messages are handled in order, so once
    // the next newcomer's subscription went out, the leave before it had asked for none.
    sfu.handle({ type: 'sfu-feeds', feeds: ['me', 'ann'] });
    sfu.handle({ type: 'sfu-feeds', feeds: ['me', 'ann', 'dan'] });
    await waitFor(() => of('sfu-subscribe').length >= 3, 'of(sfu-subscribe).length >= 3');
    expect(of('sfu-subscribe')).toHaveLength(3);
    expect(of('sfu-subscribe')[2]).toMatchObject({ feeds: ['ann', 'dan'], fresh: false });
  });

  it('starts over when the SFU no longer has our media (it restarted)', async () => {
    const { sfu, of } = topology();
    await waitFor(() => of('sfu-publish').length === 1, 'of(sfu-publish).length === 1');
    sfu.handle({ type: 'sfu-feeds', feeds: ['me', 'ann'] });
    await waitFor(() => of('sfu-subscribe').length === 1, 'of(sfu-subscribe).length === 1');
    sfu.handle({ type: 'sfu-feeds', feeds: [] });
    await waitFor(() => of('sfu-publish').length === 2, 'of(sfu-publish).length === 2');
    expect(of('sfu-publish')[1]).toMatchObject({ fresh: true });
    // Once published again, the subscription is made anew too.
    sfu.handle({ type: 'sfu-feeds', feeds: ['me', 'ann'] });
    await waitFor(() => of('sfu-subscribe').length === 2, 'of(sfu-subscribe).length === 2');
    expect(of('sfu-subscribe')[1]).toMatchObject({ feeds: ['ann'], fresh: true });
  });

  /** An SFU topology that retries after 10 ms, without simulcast; what it sends is kept. */
  function retryingSfu(pc: typeof FakePeerConnection): { sfu: SfuTopology; sent: ClientMessage[] } {
    const sent: ClientMessage[] = [];
    const sfu = new SfuTopology({
      RTCPeerConnection: pc as unknown as PeerConnectionConstructor,
      rtcConfig: () => ({}),
      local: local(),
      send: (m) => sent.push(m),
      logger: silentLogger,
      simulcast: false,
      retryMs: 10,
    });
    made.push(sfu);
    return { sfu, sent };
  }

  it('offers again after a refusal of the publish (no SFU reachable for now)', async () => {
    const { sfu, sent } = retryingSfu(FakePeerConnection);
    await waitFor(() => sent.length > 0, 'sent.length > 0');
    sfu.refused({
      type: 'error',
      code: 'SIG_ERR_SFU_UNAVAILABLE',
      message: 'the conference server is out of reach for now',
      ref: 'sfu-publish',
    } as Parameters<SfuTopology['refused']>[0]);
    await waitFor(
      () => sent.filter((m) => m.type === 'sfu-publish').length === 2,
      'sent.filter((m) => m.type === sfu-publish).length === 2',
    );
  });

  it('offers again when making the offer fails, and lets nothing reject unhandled', async () => {
    let failures = 1;
    class FlakyPeerConnection extends FakePeerConnection {
      override createOffer(): Promise<RTCSessionDescriptionInit> {
        if (failures-- > 0) return Promise.reject(new Error('offer failed'));
        return super.createOffer();
      }
    }
    const { sfu, sent } = retryingSfu(FlakyPeerConnection);
    await waitFor(
      () => sent.filter((m) => m.type === 'sfu-publish').length === 1,
      'sent.filter((m) => m.type === sfu-publish).length === 1',
    );
    expect(sfu.connections()).toHaveLength(1);
  });

  it('never rejects setLocalTrack (callers fire and forget it)', async () => {
    const { sfu, of } = topology();
    await waitFor(() => of('sfu-publish').length === 1, 'of(sfu-publish).length === 1');
    const sender = sfu.connections()[0]!.getTransceivers()[1]!.sender;
    sender.replaceTrack = () => Promise.reject(new Error('InvalidModificationError'));
    await expect(
      sfu.setLocalTrack('video', new FakeMediaStreamTrack('video') as unknown as MediaStreamTrack),
    ).resolves.toBeUndefined();
  });
});
