/**
 * A random id for chat messages. `crypto.randomUUID` exists only in secure contexts, and a phone
 * on a LAN may load the app over plain http, so fall back to `getRandomValues` (available
 * everywhere) before anything weaker.
 */
export function randomId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
