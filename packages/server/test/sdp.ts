/**
 * A browser-like SDP offer (audio and VP8 video, send-only, bundled) for API tests against a
 * real Janus: Janus negotiates it and answers, though no media ever flows.
 */
import { randomBytes } from 'node:crypto';

/** A fresh send-only offer with its own ICE credentials and a made-up DTLS fingerprint. */
export function publisherOffer(): string {
  const hex = [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase());
  const ufrag = randomBytes(4).toString('hex');
  const pwd = randomBytes(12).toString('hex');
  const common = [
    `a=ice-ufrag:${ufrag}`,
    `a=ice-pwd:${pwd}`,
    `a=fingerprint:sha-256 ${hex.join(':')}`,
    'a=setup:actpass',
    'a=sendonly',
    'a=rtcp-mux',
  ];
  return [
    'v=0',
    `o=- ${Date.now()} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=msid-semantic: WMS stream',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    ...common,
    'a=mid:0',
    'a=msid:stream audio',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=ssrc:1111 cname:zvonok',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    ...common,
    'a=mid:1',
    'a=msid:stream video',
    'a=rtpmap:96 VP8/90000',
    'a=rtcp-fb:96 nack',
    'a=rtcp-fb:96 nack pli',
    'a=ssrc:2222 cname:zvonok',
    '',
  ].join('\r\n');
}
