/**
 * The verification code of a peer connection: a short number derived from the DTLS certificate
 * fingerprints of both ends, as each SDP announces them (`a=fingerprint:`). DTLS-SRTP only
 * accepts the certificate whose fingerprint the other side's SDP named, so if both people read
 * the same code, their media is encrypted end to end between the two of them: nobody, the
 * signaling server included, swapped the SDPs to sit in the middle (that would need certificates
 * whose fingerprints give the same code, a search of 10^12 on average, done while the call sets
 * up).
 *
 * Both ends compute the same code: the two fingerprint sets are sorted before hashing, so it does
 * not matter which is "local". Different pairs of connections get different codes, since every
 * RTCPeerConnection makes its own certificate.
 */

/** Domain separation: a hash of the same inputs for another purpose never equals a code. */
const CONTEXT = 'zvonok verification code v1';
/** 12 decimal digits: 3 groups of 4, easy to read aloud. */
const DIGITS = 12;
const GROUP = 4;

const FINGERPRINT_LINE =
  /^a=fingerprint:[ \t]*(\S+)[ \t]+([0-9A-Fa-f]{2}(?::?[0-9A-Fa-f]{2})*)[ \t]*$/gm;

/**
 * The certificate fingerprints an SDP announces, normalized (`sha-256 AB12…`: lower-case hash
 * name, upper-case hex without colons), unique and sorted. Session-level and media-level lines
 * count alike; CRLF or LF, extra blanks and hex case do not matter.
 */
export function sdpFingerprints(sdp: string): string[] {
  const found = new Set<string>();
  for (const match of sdp.replace(/\r\n?/g, '\n').matchAll(FINGERPRINT_LINE)) {
    const [, algorithm, hex] = match;
    if (algorithm && hex)
      found.add(`${algorithm.toLowerCase()} ${hex.replace(/:/g, '').toUpperCase()}`);
  }
  return [...found].sort();
}

/**
 * The text hashed into the code: both ends' fingerprint sets, in sorted order so that both
 * sides get the same. Undefined when either SDP announces no fingerprint.
 */
export function verificationInput(localSdp: string, remoteSdp: string): string | undefined {
  const local = sdpFingerprints(localSdp).join(',');
  const remote = sdpFingerprints(remoteSdp).join(',');
  if (!local || !remote) return undefined;
  const [first, second] = [local, remote].sort();
  return `${CONTEXT}\n${first}\n${second}`;
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

/**
 * The verification code of a connection from its local and remote SDP (either order gives the
 * same), or undefined when a fingerprint is missing or this context has no WebCrypto (pages
 * served over plain http from another machine: they cannot have a camera either).
 */
export async function verificationCode(
  localSdp: string,
  remoteSdp: string,
): Promise<string | undefined> {
  const input = verificationInput(localSdp, remoteSdp);
  const subtle = globalThis.crypto?.subtle;
  if (input === undefined || subtle === undefined) return undefined;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(input));
  return formatCode(new Uint8Array(digest));
}
