import { describe, expect, it, vi } from 'vitest';
import { getLogger } from '../utils/logger.js';
import { HINT_CHANNEL_ID, HINT_CHANNEL_LABEL, HintChannel } from './HintChannel.js';

/** The verification channel's id (PeerVerification.ts): the hint channel must never take it. */
const VERIFY_CHANNEL_ID = 0;

class FakeChannel extends EventTarget {
  readyState: RTCDataChannelState = 'connecting';
  readonly sent: string[] = [];
  constructor(
    readonly label: string,
    readonly init: RTCDataChannelInit,
  ) {
    super();
  }
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {
    this.readyState = 'closed';
  }
  open(): void {
    this.readyState = 'open';
    this.dispatchEvent(new Event('open'));
  }
  receive(data: unknown): void {
    const e = new Event('message') as Event & { data: unknown };
    e.data = data;
    this.dispatchEvent(e);
  }
}

class FakePc extends EventTarget {
  remoteDescription: { sdp: string } | null = null;
  readonly channels: FakeChannel[] = [];
  createDataChannel(label: string, init: RTCDataChannelInit): FakeChannel {
    const c = new FakeChannel(label, init);
    this.channels.push(c);
    return c;
  }
  applyRemote(sdp: string): void {
    this.remoteDescription = { sdp };
    this.dispatchEvent(new Event('signalingstatechange'));
  }
}

function make(open: boolean) {
  const pc = new FakePc();
  const onView = vi.fn();
  const onVideo = vi.fn();
  const channel = new HintChannel({
    pc: pc as unknown as RTCPeerConnection,
    open,
    logger: getLogger('test'),
    onView,
    onVideo,
  });
  return { pc, channel, onView, onVideo };
}

describe('HintChannel', () => {
  it('is pre-negotiated on its own stream id, beside the verification channel', () => {
    expect(HINT_CHANNEL_ID).not.toBe(VERIFY_CHANNEL_ID);
    const { pc } = make(true);
    expect(pc.channels).toHaveLength(1);
    expect(pc.channels[0]!.label).toBe(HINT_CHANNEL_LABEL);
    expect(pc.channels[0]!.init).toMatchObject({ negotiated: true, id: HINT_CHANNEL_ID });
  });

  it('on the answering side opens only once a remote description has a data m-section', () => {
    const { pc } = make(false);
    expect(pc.channels).toHaveLength(0);
    pc.applyRemote('v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n');
    expect(pc.channels).toHaveLength(0);
    pc.applyRemote(
      'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n',
    );
    pc.applyRemote('v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n');
    expect(pc.channels).toHaveLength(1);
    expect(pc.channels[0]!.init).toMatchObject({ negotiated: true, id: HINT_CHANNEL_ID });
  });

  it('sends the last hint of each kind once open, only when it changed, and parses what comes', () => {
    const { pc, channel, onView, onVideo } = make(true);
    const c = pc.channels[0]!;
    channel.sendView({ visible: true, height: 360, prominent: false });
    channel.sendVideo(false);
    expect(c.sent).toEqual([]);
    c.open();
    expect(c.sent.map((s) => JSON.parse(s) as unknown)).toEqual([
      { v: 1, view: { visible: true, height: 360, prominent: false } },
      { v: 1, video: false },
    ]);
    channel.sendVideo(false);
    expect(c.sent).toHaveLength(2);
    channel.sendVideo(true);
    expect(c.sent).toHaveLength(3);

    c.receive('{"v":1,"view":{"visible":false,"height":0,"prominent":false}}');
    c.receive('{"v":1,"video":true}');
    c.receive('garbage');
    expect(onView).toHaveBeenCalledWith({ visible: false, height: 0, prominent: false });
    expect(onVideo).toHaveBeenCalledWith(true);
    expect(onView).toHaveBeenCalledTimes(1);
    channel.close();
    expect(c.readyState).toBe('closed');
  });
});
