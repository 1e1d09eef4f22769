import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Room passwords as kept in shared state: `saltHex:hashHex`, HMAC-SHA256 of the password under a
 * per-room random salt (the same scheme as {@link Room}). Only the holder of the password can
 * produce a matching hash; the record itself reveals nothing usable.
 */
export function makePasswordRecord(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${hash(salt, password).toString('hex')}`;
}

/** Compares in constant time; a malformed record matches nothing. */
export function checkPasswordRecord(record: string, password: string): boolean {
  const [saltHex, hashHex] = record.split(':');
  if (saltHex === undefined || hashHex === undefined) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const given = hash(Buffer.from(saltHex, 'hex'), password);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function hash(salt: Buffer, password: string): Buffer {
  return createHmac('sha256', salt).update(password, 'utf8').digest();
}
