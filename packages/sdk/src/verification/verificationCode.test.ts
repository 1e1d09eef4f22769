import { describe, expect, it } from 'vitest';
import { CodeExchange, type ExchangeFailure } from './CodeExchange.js';
import {
  hasConsistentFingerprints,
  mediaSectionFingerprints,
  sdpFingerprints,
} from './sdpFingerprints.js';
import { codeText, formatCode, verificationCode } from './verificationCode.js';

const A = 'AB:CD:EF:01';
const B = '12:34:56:78';

function sdp(...sections: (string | undefined)[]): string {
  const lines = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0'];
  for (const fp of sections) {
    lines.push('m=audio 9 UDP/TLS/RTP/SAVPF 111');
    if (fp) lines.push(`a=fingerprint:sha-256 ${fp}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('sdpFingerprints', () => {
  it('normalizes hash name, hex case and colons, and reads session-level lines', () => {
    const text = `v=0\na=fingerprint:SHA-256 ab:cd:ef:01\nm=audio 9 x\n`;
    expect(sdpFingerprints(text)).toEqual(['sha-256 ABCDEF01']);
    expect(mediaSectionFingerprints(text)).toEqual([['sha-256 ABCDEF01']]);
  });

  it('accepts descriptions whose m-sections agree (per section, or once at session level)', () => {
    expect(hasConsistentFingerprints(sdp(A, A, A))).toBe(true);
    expect(hasConsistentFingerprints(`v=0\na=fingerprint:sha-256 ${A}\nm=audio\nm=video\n`)).toBe(
      true,
    );
    expect(hasConsistentFingerprints(sdp(A.toLowerCase(), A))).toBe(true);
  });

  it('refuses a description whose later m-sections name another certificate', () => {
    expect(hasConsistentFingerprints(sdp(A, B, B))).toBe(false);
    expect(hasConsistentFingerprints(sdp(A, A, B))).toBe(false);
    // A section without its own line falls back to the session's, which differs here.
    expect(
      hasConsistentFingerprints(
        `v=0\na=fingerprint:sha-256 ${A}\nm=audio\nm=video\na=fingerprint:sha-256 ${B}\n`,
      ),
    ).toBe(false);
  });
});

describe('verificationCode', () => {
  it('formats the first 64 bits as 12 digits in groups of 4', () => {
    expect(formatCode(new Uint8Array(32))).toBe('0000 0000 0000');
    expect(formatCode(new Uint8Array(32).fill(255))).toMatch(/^\d{4} \d{4} \d{4}$/);
  });

  it('is the same in either fingerprint order, and differs with any nonce or fingerprint', async () => {
    const n1 = 'a'.repeat(64);
    const n2 = 'b'.repeat(64);
    const code = await verificationCode({
      fingerprints: [A, B],
      committerNonce: n1,
      responderNonce: n2,
    });
    expect(code).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(
      await verificationCode({ fingerprints: [B, A], committerNonce: n1, responderNonce: n2 }),
    ).toBe(code);
    expect(
      await verificationCode({ fingerprints: [A, B], committerNonce: n2, responderNonce: n1 }),
    ).not.toBe(code);
    expect(
      await verificationCode({ fingerprints: [A, 'FF'], committerNonce: n1, responderNonce: n2 }),
    ).not.toBe(code);
    expect(codeText({ fingerprints: [B, A], committerNonce: n1, responderNonce: n2 })).toContain(
      `${B}\n${A}`,
    );
  });
});

/** Two exchanges wired to each other (optionally through `tamper`). */
function pair(tamper: (text: string, toCommitter: boolean) => string = (t) => t) {
  const codes: Record<'c' | 'r', string | undefined> = { c: undefined, r: undefined };
  const failures: ExchangeFailure[] = [];
  const inFlight: Promise<void>[] = [];
  const committer: CodeExchange = new CodeExchange({
    role: 'committer',
    fingerprints: [A, B],
    send: (text) => void inFlight.push(responder.receive(tamper(text, false))),
    onCode: (code) => (codes.c = code),
    onFailure: (reason) => failures.push(reason),
  });
  const responder: CodeExchange = new CodeExchange({
    role: 'responder',
    fingerprints: [B, A],
    send: (text) => void inFlight.push(committer.receive(tamper(text, true))),
    onCode: (code) => (codes.r = code),
    onFailure: (reason) => failures.push(reason),
  });
  return {
    codes,
    failures,
    async run() {
      await responder.start();
      await committer.start();
      for (let i = 0; i < 10; i++) await Promise.all(inFlight.splice(0));
    },
  };
}

describe('CodeExchange', () => {
  it('gives both ends the same code, a fresh one per exchange', async () => {
    const one = pair();
    await one.run();
    expect(one.failures).toEqual([]);
    expect(one.codes.c).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(one.codes.r).toBe(one.codes.c);
    const two = pair();
    await two.run();
    expect(two.codes.c).not.toBe(one.codes.c);
  });

  it('refuses a reveal that does not open the commitment', async () => {
    const swapped = pair((text) =>
      text.includes('"reveal"') ? JSON.stringify({ t: 'reveal', v: 'c'.repeat(64) }) : text,
    );
    await swapped.run();
    expect(swapped.failures).toEqual(['commitment-mismatch']);
    expect(swapped.codes.r).toBeUndefined();
  });

  it('refuses messages out of order and garbage', async () => {
    const failures: ExchangeFailure[] = [];
    const responder = new CodeExchange({
      role: 'responder',
      fingerprints: [B, A],
      send: () => undefined,
      onCode: () => undefined,
      onFailure: (reason) => failures.push(reason),
    });
    await responder.start();
    await responder.receive(JSON.stringify({ t: 'reveal', v: 'a'.repeat(64) }));
    expect(failures).toEqual(['out-of-order']);
    const other = new CodeExchange({
      role: 'responder',
      fingerprints: [B, A],
      send: () => undefined,
      onCode: () => undefined,
      onFailure: (reason) => failures.push(reason),
    });
    await other.start();
    await other.receive('x'.repeat(10_000));
    expect(failures).toEqual(['out-of-order', 'bad-message']);
  });
});
