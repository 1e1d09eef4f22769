import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '@zvonok/protocol';
import { descriptionFrame, encode, findSdpLiteral } from './frames.js';

/** The JSON text of a frame (its header skipped). */
function payload(frame: Buffer): string {
  const header = frame[1]! < 126 ? 2 : frame[1] === 126 ? 4 : 10;
  return frame.subarray(header).toString();
}

/** What the relay handler would forward for a client's raw offer. */
function relayed(raw: string): Buffer {
  const parsed = parseClientMessage(raw);
  if (!parsed.ok || parsed.message.type !== 'offer') throw new Error(`not an offer: ${raw}`);
  return descriptionFrame('offer', 'peerA', parsed.message.sdp, Buffer.from(raw));
}

const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\na=x:"quoted" \\ back\r\nа=юникод 👩‍💻\r\n';
const TO = 'abcdefghijklmnop';

describe('descriptionFrame', () => {
  it('copies the sender’s SDP text when it is provably the validated value', () => {
    const raw = JSON.stringify({ type: 'offer', to: TO, sdp: SDP });
    expect(findSdpLiteral(Buffer.from(raw))).not.toBeNull();
    const frame = relayed(raw);
    expect(JSON.parse(payload(frame))).toEqual({ type: 'offer', from: 'peerA', sdp: SDP });
    expect(frame).toEqual(encode({ type: 'offer', from: 'peerA', sdp: SDP }));
  });

  it('keeps the sender’s own escapes, which decode to the same SDP', () => {
    const raw = `{"type":"offer","to":"${TO}","sdp":"v=0\\u000d\\nx\\/y"}`;
    const frame = relayed(raw);
    expect(payload(frame)).toBe('{"type":"offer","from":"peerA","sdp":"v=0\\u000d\\nx\\/y"}');
    expect(JSON.parse(payload(frame))).toEqual({ type: 'offer', from: 'peerA', sdp: 'v=0\r\nx/y' });
  });

  it('frames long SDPs with the 16-bit length header', () => {
    const long = `v=0\r\n${'a=candidate:1 1 udp 1 10.0.0.1 9 typ host\r\n'.repeat(200)}`;
    const frame = relayed(JSON.stringify({ type: 'offer', to: TO, sdp: long }));
    expect(frame[1]).toBe(126);
    expect(frame.readUInt16BE(2)).toBe(frame.length - 4);
    expect((JSON.parse(payload(frame)) as { sdp: string }).sdp).toBe(long);
  });

  // Hostile or unusual frames: whatever the raw text holds, only the validated SDP goes on,
  // and nothing else the sender wrote.
  const tricky: Array<[string, string]> = [
    ['another key after sdp', `{"type":"offer","sdp":"v=0","to":"${TO}"}`],
    ['a nested sdp last', `{"type":"offer","to":"${TO}","sdp":"v=0","x":{"sdp":"evil"}}`],
    [
      'a duplicated sdp (the last one wins)',
      `{"type":"offer","to":"${TO}","sdp":"evil","sdp":"v=0"}`,
    ],
    ['an escaped key ending in sdp', `{"type":"offer","to":"${TO}","sdp":"v=0","x\\"sdp":"evil"}`],
    ['a key spelled with an escape', `{"type":"offer","to":"${TO}","x":"a","\\u0073dp":"v=0"}`],
    ['white space around', ` { "type" : "offer" , "to" : "${TO}" , "sdp" : "v=0" } `],
    ['spaced key', `{"type":"offer","to":"${TO}", "sdp":"v=0"}\n`],
    ['escaped quotes and backslashes', `{"type":"offer","to":"${TO}","sdp":"a\\\\\\"b\\\\"}`],
  ];
  for (const [name, raw] of tricky) {
    it(`forwards only the validated SDP: ${name}`, () => {
      const parsed = parseClientMessage(raw);
      if (!parsed.ok || parsed.message.type !== 'offer') throw new Error('fixture is not an offer');
      const out = JSON.parse(payload(relayed(raw))) as unknown;
      expect(out).toEqual({ type: 'offer', from: 'peerA', sdp: parsed.message.sdp });
    });
  }

  it('serializes when the SDP text cannot be located', () => {
    expect(findSdpLiteral(Buffer.from(`{"type":"offer","sdp":"v=0","to":"${TO}"}`))).toBeNull();
    expect(
      findSdpLiteral(Buffer.from(`{"type":"offer","to":"${TO}","x":{"sdp":"evil"}}`)),
    ).toBeNull();
    expect(
      findSdpLiteral(Buffer.from(`{"type":"offer","to":"${TO}","sdp":"v=0","x\\"sdp":"e"}`)),
    ).toBeNull();
    const frame = descriptionFrame('answer', 'peerA', 'v=0', undefined);
    expect(frame).toEqual(encode({ type: 'answer', from: 'peerA', sdp: 'v=0' }));
  });
});
