import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin.js';

describe('originAllowed', () => {
  it('lets clients without Origin in', () => {
    expect(originAllowed(undefined, 'a.example', null)).toBe(true);
  });
  it('by default accepts only the server’s own host, and only by a name that cannot be rebound', () => {
    // DNS rebinding: the attacker's name now points at this server, so Origin equals Host.
    expect(originAllowed('https://a.example', 'a.example', null)).toBe(false);
    expect(originAllowed('http://localhost:8081', 'localhost:8081', null)).toBe(true);
    expect(originAllowed('http://app.localhost:8081', 'app.localhost:8081', null)).toBe(true);
    expect(originAllowed('http://127.0.0.1:8081', '127.0.0.1:8081', null)).toBe(true);
    expect(originAllowed('http://[::1]:8081', '[::1]:8081', null)).toBe(true);
    expect(originAllowed('https://192.168.1.20:8443', '192.168.1.20:8443', null)).toBe(true);
    expect(originAllowed('https://192.168.1.20:8443', '192.168.1.21:8443', null)).toBe(false);
    expect(originAllowed('http://localhost:5173', 'localhost:8081', null)).toBe(false);
    expect(originAllowed('https://evil.example', 'a.example', null)).toBe(false);
    expect(originAllowed('null', 'a.example', null)).toBe(false);
    expect(originAllowed('https://a.example', undefined, null)).toBe(false);
  });
  it('accepts exactly the configured origins when given', () => {
    const allowed = new Set(['https://a.example']);
    expect(originAllowed('https://a.example', 'b.example', allowed)).toBe(true);
    expect(originAllowed('https://b.example', 'b.example', allowed)).toBe(false);
  });
});
