import { isIP } from 'node:net';

/**
 * Decides whether a WebSocket upgrade may proceed, by its Origin header. Browsers always send
 * Origin on WebSocket requests, so a page of another site cannot open a signaling connection;
 * clients that are not browsers send none and are let in (they could forge one anyway).
 *
 * Without ALLOWED_ORIGINS, "Origin equals Host" is not enough: with DNS rebinding a page of
 * `evil.example` gets its name pointed at this server, and then its Origin and the Host its
 * requests carry are both `evil.example`. So the page's origin must still equal Host, and be a
 * name that cannot be rebound: a loopback name (a server tried on this computer) or an address
 * written as such (a phone on the LAN opening `https://192.168.1.20:8443`: no name, nothing to
 * rebind). A server reached by a DNS name needs that origin in ALLOWED_ORIGINS.
 *
 * @param origin - the Origin header, if any
 * @param host - the Host header
 * @param allowed - configured origins (ALLOWED_ORIGINS), or null
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: ReadonlySet<string> | null,
): boolean {
  if (origin === undefined) return true;
  if (allowed !== null) return allowed.has(origin);
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host === undefined || url.host !== host.toLowerCase()) return false;
  return isLoopbackName(url.hostname) || isAddressLiteral(url.hostname);
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1: names that always mean this computer. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1';
}

function isAddressLiteral(hostname: string): boolean {
  return isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
}
