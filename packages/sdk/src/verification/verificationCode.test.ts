import { describe, expect, it } from 'vitest';
import {
  formatCode,
  sdpFingerprints,
  verificationCode,
  verificationInput,
} from './verificationCode.js';

/** A fingerprint of 32 bytes made from a seed, as browsers print them (upper-case, colons). */
function fingerprint(seed: string): string {
  // FNV-1a seeded xorshift: distinct seeds give unrelated bytes; no crypto needed for test data.
  let h = 0x811c9dc5;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  const bytes: string[] = [];
  for (let i = 0; i < 32; i++) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    bytes.push((h & 0xff).toString(16).padStart(2, '0').toUpperCase());
  }
  return bytes.join(':');
}

/** A Chromium-like SDP with the fingerprint on every m-line. */
function sdp(fp: string, options: { eol?: string; session?: boolean } = {}): string {
  const eol = options.eol ?? '\r\n';
  const lines = [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    ...(options.session ? [`a=fingerprint:sha-256 ${fp}`] : []),
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    'a=ice-ufrag:abcd',
    ...(options.session ? [] : [`a=fingerprint:sha-256 ${fp}`]),
    'a=setup:actpass',
    'a=mid:0',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'c=IN IP4 0.0.0.0',
    ...(options.session ? [] : [`a=fingerprint:sha-256 ${fp}`]),
    'a=setup:actpass',
    'a=mid:1',
  ];
  return lines.join(eol) + eol;
}

const A = fingerprint('alice');
const B = fingerprint('bob');
const C = fingerprint('carol');

describe('sdpFingerprints', () => {
  it('reads every fingerprint once, normalized', () => {
    expect(sdpFingerprints(sdp(A))).toEqual([`sha-256 ${A.replace(/:/g, '')}`]);
  });

  it('is the same for CRLF and LF, session- or media-level, any hex case and extra blanks', () => {
    const expected = sdpFingerprints(sdp(A));
    expect(sdpFingerprints(sdp(A, { eol: '\n' }))).toEqual(expected);
    expect(sdpFingerprints(sdp(A, { session: true }))).toEqual(expected);
    expect(sdpFingerprints(sdp(A.toLowerCase()))).toEqual(expected);
    expect(
      sdpFingerprints(sdp(A).replace('a=fingerprint:sha-256 ', 'a=fingerprint:SHA-256 \t ')),
    ).toEqual(expected);
  });

  it('keeps several algorithms apart and finds nothing in an SDP without fingerprints', () => {
    const both = sdp(A).replace(
      'a=setup:actpass',
      `a=fingerprint:sha-1 ${A.slice(0, 59)}\r\na=setup:actpass`,
    );
    expect(sdpFingerprints(both)).toHaveLength(2);
    expect(sdpFingerprints('v=0\r\ns=-\r\n')).toEqual([]);
  });
});

describe('verificationCode', () => {
  it('is the same on both sides of a connection', async () => {
    const atAlice = await verificationCode(sdp(A), sdp(B));
    const atBob = await verificationCode(sdp(B), sdp(A));
    expect(atAlice).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(atBob).toBe(atAlice);
  });

  it('differs for every pair', async () => {
    const ab = await verificationCode(sdp(A), sdp(B));
    const ac = await verificationCode(sdp(A), sdp(C));
    const bc = await verificationCode(sdp(B), sdp(C));
    expect(new Set([ab, ac, bc]).size).toBe(3);
  });

  it('changes when either fingerprint changes, even by one bit', async () => {
    const ab = await verificationCode(sdp(A), sdp(B));
    const flipped = A.slice(0, -1) + (A.endsWith('0') ? '1' : '0');
    expect(await verificationCode(sdp(flipped), sdp(B))).not.toBe(ab);
    expect(await verificationCode(sdp(A), sdp(flipped))).not.toBe(ab);
  });

  it('does not depend on how each SDP is formatted', async () => {
    const ab = await verificationCode(sdp(A), sdp(B));
    expect(
      await verificationCode(sdp(A, { eol: '\n' }), sdp(B.toLowerCase(), { session: true })),
    ).toBe(ab);
  });

  it('is undefined while one side has no fingerprint', async () => {
    expect(await verificationCode(sdp(A), 'v=0\r\n')).toBeUndefined();
    expect(verificationInput('', sdp(B))).toBeUndefined();
  });

  it('spreads over the whole range (no digit position stuck)', async () => {
    const codes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => verificationCode(sdp(A), sdp(fingerprint(`p${i}`)))),
    );
    expect(new Set(codes).size).toBe(200);
    for (let position = 0; position < 14; position++) {
      if (position % 5 === 4) continue; // the blanks between groups
      expect(new Set(codes.map((c) => c![position])).size).toBeGreaterThan(5);
    }
  });
});

describe('formatCode', () => {
  it('takes the first 64 bits modulo 10^12, zero-padded, in groups of four', () => {
    expect(formatCode(new Uint8Array(32))).toBe('0000 0000 0000');
    const bytes = new Uint8Array(32);
    bytes[7] = 42;
    expect(formatCode(bytes)).toBe('0000 0000 0042');
    bytes.fill(0xff, 0, 8); // 2^64 - 1 = 18446744073709551615
    expect(formatCode(bytes)).toBe('0737 0955 1615');
  });
});
