/**
 * The certificate fingerprints an SDP announces (`a=fingerprint:`), and the check that every
 * m-section names the same ones. DTLS-SRTP with BUNDLE checks the certificate against the
 * fingerprint of one m-section only; a description whose m-sections disagree is never made by a
 * browser, only by someone rewriting it on the way, so it is refused rather than applied.
 */

const FINGERPRINT_LINE =
  /^a=fingerprint:[ \t]*(\S+)[ \t]+([0-9A-Fa-f]{2}(?::?[0-9A-Fa-f]{2})*)[ \t]*$/;

/** A fingerprint in one form: `sha-256 AB12…` (lower-case hash name, upper-case hex, no colons). */
export function normalizeFingerprint(algorithm: string, hex: string): string {
  return `${algorithm.toLowerCase()} ${hex.replace(/:/g, '').toUpperCase()}`;
}

function lines(sdp: string): string[] {
  return sdp.replace(/\r\n?/g, '\n').split('\n');
}

function fingerprintOf(line: string): string | undefined {
  const match = FINGERPRINT_LINE.exec(line.trim());
  return match?.[1] && match[2] ? normalizeFingerprint(match[1], match[2]) : undefined;
}

/**
 * The fingerprints each m-section stands for, in m-line order: its own `a=fingerprint` lines, or
 * the session-level ones when it has none (Firefox writes them once at session level). Each set
 * is sorted and unique.
 */
export function mediaSectionFingerprints(sdp: string): string[][] {
  const session = new Set<string>();
  const sections: Set<string>[] = [];
  for (const line of lines(sdp)) {
    if (line.startsWith('m=')) {
      sections.push(new Set());
      continue;
    }
    const fingerprint = fingerprintOf(line);
    if (fingerprint === undefined) continue;
    (sections.at(-1) ?? session).add(fingerprint);
  }
  return sections.map((own) => [...(own.size > 0 ? own : session)].sort());
}

/**
 * Every fingerprint an SDP announces, at session or media level, normalized, unique and sorted.
 */
export function sdpFingerprints(sdp: string): string[] {
  const found = new Set<string>();
  for (const line of lines(sdp)) {
    const fingerprint = fingerprintOf(line);
    if (fingerprint !== undefined) found.add(fingerprint);
  }
  return [...found].sort();
}

/**
 * Whether every m-section of the description names the same certificate fingerprints (true for
 * a description without m-sections or without fingerprints: there is nothing to disagree).
 */
export function hasConsistentFingerprints(sdp: string): boolean {
  const sections = mediaSectionFingerprints(sdp).map((set) => set.join(','));
  return sections.every((set) => set === sections[0]);
}
