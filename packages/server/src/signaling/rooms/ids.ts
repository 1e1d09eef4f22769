import { randomBytes } from 'node:crypto';

/**
 * A new peer id: 128 random bits as 22 base64url characters. Unguessable, so knowing someone's
 * id lets nobody impersonate them, and URL- and token-safe (no `.`).
 */
export function newPeerId(): string {
  return randomBytes(16).toString('base64url');
}

/** A server-made chat message id for clients that sent none (96 random bits). */
export function newChatId(): string {
  return randomBytes(12).toString('base64url');
}
