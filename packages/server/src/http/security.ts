import type { FastifyInstance } from 'fastify';

/**
 * The Content Security Policy of every response: only this origin, no inline script or style,
 * no plugins, no framing. The web app is built to need nothing more.
 *
 * `'wasm-unsafe-eval'` lets the page compile WebAssembly (noise suppression, background blur).
 * It allows no JavaScript `eval`; the wasm bytes still come only from this origin
 * (`connect-src 'self'`), so nothing from elsewhere can run. docs/SECURITY.md argues it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Headers set on every response; HSTS only when the server itself speaks TLS. */
export function securityHeaders(tls: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self)',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
  if (tls) headers['strict-transport-security'] = 'max-age=31536000';
  return headers;
}

/** Adds the security headers to every response, errors and refused upgrades included. */
export function registerSecurityHeaders(app: FastifyInstance, tls: boolean): void {
  const headers = securityHeaders(tls);
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
