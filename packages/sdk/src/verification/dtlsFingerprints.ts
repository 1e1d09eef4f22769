import { normalizeFingerprint, sdpFingerprints } from './sdpFingerprints.js';

/** Both ends' certificate fingerprints of a connection, normalized (see sdpFingerprints.ts). */
export interface DtlsFingerprints {
  readonly local: string;
  readonly remote: string;
  /**
   * `stats`: the certificates of the selected transport, as DTLS used them (Chromium).
   * `sdp`: the browser reports no certificate statistics (Firefox), so the descriptions' single
   * fingerprint is taken; that is the one DTLS checked, since descriptions whose m-sections name
   * different fingerprints are refused before they are applied.
   */
  readonly source: 'stats' | 'sdp';
}

interface TransportStats {
  type: 'transport';
  dtlsState?: string;
  selectedCandidatePairId?: string;
  localCertificateId?: string;
  remoteCertificateId?: string;
}

interface CertificateStats {
  type: 'certificate';
  fingerprint?: string;
  fingerprintAlgorithm?: string;
}

function certificate(stats: RTCStatsReport, id: string | undefined): string | undefined {
  const cert = id === undefined ? undefined : (stats.get(id) as CertificateStats | undefined);
  if (cert?.type !== 'certificate' || !cert.fingerprint || !cert.fingerprintAlgorithm) {
    return undefined;
  }
  return normalizeFingerprint(cert.fingerprintAlgorithm, cert.fingerprint);
}

/**
 * The fingerprints of the certificates DTLS uses on `pc`: from getStats where the browser reports
 * them (the transport in use, its local and remote certificate), otherwise from the applied
 * descriptions when each names exactly one. Undefined when neither is known yet.
 */
export async function dtlsFingerprints(
  pc: RTCPeerConnection,
): Promise<DtlsFingerprints | undefined> {
  const stats = await pc.getStats();
  const transports: TransportStats[] = [];
  stats.forEach((s: { type?: string }) => {
    if (s.type === 'transport') transports.push(s as TransportStats);
  });
  // With BUNDLE there is one transport; prefer the one DTLS connected on.
  const transport =
    transports.find((t) => t.dtlsState === 'connected' && t.selectedCandidatePairId) ??
    transports.find((t) => t.dtlsState === 'connected');
  const local = certificate(stats, transport?.localCertificateId);
  const remote = certificate(stats, transport?.remoteCertificateId);
  if (local !== undefined && remote !== undefined) return { local, remote, source: 'stats' };

  const localSdp = sdpFingerprints(pc.currentLocalDescription?.sdp ?? '');
  const remoteSdp = sdpFingerprints(pc.currentRemoteDescription?.sdp ?? '');
  if (localSdp.length !== 1 || remoteSdp.length !== 1) return undefined;
  return { local: localSdp[0] as string, remote: remoteSdp[0] as string, source: 'sdp' };
}
