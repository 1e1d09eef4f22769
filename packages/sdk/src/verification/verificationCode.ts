/**
 * The verification code of a peer connection: 12 digits both people read to each other. It is a
 * short authentication string in the manner of ZRTP (RFC 6189): a hash of
 *
 * - the certificate fingerprints DTLS actually used on the connection (both ends'; from
 *   getStats, see dtlsFingerprints.ts), and
 * - two random nonces, one from each end, exchanged over the connection's own encrypted data
 *   channel with a commitment first (see CodeExchange.ts).
 *
 * The signaling server never sees the nonces. A server that sits in the middle (two DTLS
 * connections, its own certificates) must commit to its nonce towards one person before it can
 * know that person's nonce, and reveals it after; so whatever certificates it made, each person's
 * code is a fresh random number to it, and both codes match with a chance of 1 in 10^12 per call
 * set-up. Generating certificates in advance does not help at all (docs/SECURITY.md).
 */

/** Domain separation: a hash of the same inputs for another purpose never equals a code. */
const CONTEXT = 'zvonok verification code v2';
/** 12 decimal digits: 3 groups of 4, easy to read aloud. */
const DIGITS = 12;
const GROUP = 4;

/** What the code is made of. */
export interface CodeInput {
  /** The two ends' DTLS certificate fingerprints, normalized (either order). */
  readonly fingerprints: readonly [string, string];
  /** The nonce of the end that committed first (hex). */
  readonly committerNonce: string;
  /** The nonce of the other end (hex). */
  readonly responderNonce: string;
}

/** The text hashed into the code; both ends build the same one. */
export function codeText(input: CodeInput): string {
  const [first, second] = [...input.fingerprints].sort();
  return [CONTEXT, first, second, input.committerNonce, input.responderNonce].join('\n');
}

/** Renders the first 64 bits of a digest as 12 digits in groups: `0482 9130 7526`. */
export function formatCode(digest: Uint8Array): string {
  let value = 0n;
  for (const byte of digest.subarray(0, 8)) value = (value << 8n) | BigInt(byte);
  const digits = (value % 10n ** BigInt(DIGITS)).toString().padStart(DIGITS, '0');
  const groups: string[] = [];
  for (let i = 0; i < DIGITS; i += GROUP) groups.push(digits.slice(i, i + GROUP));
  return groups.join(' ');
}

/** SHA-256 of a text; undefined without WebCrypto (a page over plain http from elsewhere). */
export async function sha256(text: string): Promise<Uint8Array | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return undefined;
  return new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** The code of a connection, or undefined without WebCrypto. */
export async function verificationCode(input: CodeInput): Promise<string | undefined> {
  const digest = await sha256(codeText(input));
  return digest && formatCode(digest);
}
