import { describe, expect, it } from 'vitest';
import { ResumeTokens } from './ResumeTokens.js';

const secret = Buffer.from('a'.repeat(32));

describe('ResumeTokens', () => {
  it('verifies what it issued and returns the claim', () => {
    const tokens = new ResumeTokens(secret, 60_000);
    const token = tokens.issue('peer_ID-1', 'room-1', 1000);
    expect(tokens.verify(token, 2000)).toEqual({
      id: 'peer_ID-1',
      room: 'room-1',
      expiresAt: 61_000,
    });
  });

  it('refuses an expired token', () => {
    const tokens = new ResumeTokens(secret, 60_000);
    const token = tokens.issue('p', 'r', 1000);
    expect(tokens.verify(token, 61_000)).toBeNull();
  });

  it('refuses tokens signed with another secret', () => {
    const token = new ResumeTokens(Buffer.from('b'.repeat(32)), 60_000).issue('p', 'r', 0);
    expect(new ResumeTokens(secret, 60_000).verify(token, 1)).toBeNull();
  });

  it('refuses any change to id, room, expiry or signature', () => {
    const tokens = new ResumeTokens(secret, 60_000);
    const [id, room, expiry, sig] = tokens.issue('p', 'r', 0).split('.') as [
      string,
      string,
      string,
      string,
    ];
    const later = (parseInt(expiry, 36) + 1_000_000).toString(36);
    for (const forged of [
      `q.${room}.${expiry}.${sig}`,
      `${id}.other.${expiry}.${sig}`,
      `${id}.${room}.${later}.${sig}`,
      `${id}.${room}.${expiry}.${sig.slice(1)}`,
      `${id}.${room}.${expiry}`,
      `${id}.${room}.${expiry}.${sig}.extra`,
      '',
      '...',
    ]) {
      expect(tokens.verify(forged, 1), forged).toBeNull();
    }
  });

  it('survives a restart: a new instance with the same secret accepts old tokens', () => {
    const token = new ResumeTokens(secret, 60_000).issue('p', 'r', 0);
    expect(new ResumeTokens(Buffer.from(secret), 1).verify(token, 10)?.id).toBe('p');
  });
});
