/**
 * Decides whether a WebSocket upgrade may proceed, by its Origin header. Browsers always send
 * Origin on WebSocket requests, so a page of another site cannot open a signaling connection;
 * clients that are not browsers send none and are let in (they could forge one anyway).
 *
 * @param origin - the Origin header, if any
 * @param host - the Host header
 * @param allowed - configured origins, or null for "the server's own origin only"
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: ReadonlySet<string> | null,
): boolean {
  if (origin === undefined) return true;
  if (allowed !== null) return allowed.has(origin);
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
