/** Candidate types of the pair a connection sends media on. */
export interface SelectedPair {
  /** `host`, `srflx`, `prflx` or `relay`: how our side is reached. */
  local: string;
  /** The same for the other side. */
  remote: string;
}

type Stat = Record<string, unknown>;

/**
 * The candidate pair a connection uses, from `getStats()`: the transport's
 * `selectedCandidatePairId` (Chromium, Safari), else the pair marked `selected` (Firefox), else a
 * nominated succeeded one. Undefined while there is none (not connected yet) or when stats fail.
 */
export async function selectedPair(
  pc: Pick<RTCPeerConnection, 'getStats'>,
): Promise<SelectedPair | undefined> {
  let report: RTCStatsReport;
  try {
    report = await pc.getStats();
  } catch {
    return undefined;
  }
  const byId = new Map<string, Stat>();
  report.forEach((s: Stat) => byId.set(String(s.id), s));
  const stats = [...byId.values()];
  let pair: Stat | undefined;
  for (const s of stats) {
    if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') {
      pair = byId.get(s.selectedCandidatePairId);
      if (pair) break;
    }
  }
  pair ??= stats.find((s) => s.type === 'candidate-pair' && s.selected === true);
  pair ??= stats.find(
    (s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded',
  );
  if (!pair) return undefined;
  const local = byId.get(String(pair.localCandidateId));
  const remote = byId.get(String(pair.remoteCandidateId));
  if (!local || !remote) return undefined;
  return { local: String(local.candidateType), remote: String(remote.candidateType) };
}
