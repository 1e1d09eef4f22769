import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/index.js';
import { configProblems } from './helpers.js';

describe('Janus configuration', () => {
  it('is off without JANUS_URL: every call stays peer to peer', () => {
    expect(loadConfig({}).janus).toBeNull();
  });

  it('reads the instances, the secrets and MESH_MAX (default 4)', () => {
    expect(
      loadConfig({
        JANUS_URL: 'ws://10.0.0.5:8188, wss://janus2.example/janus',
        JANUS_API_SECRET: 'api',
        JANUS_ADMIN_KEY: 'admin',
      }).janus,
    ).toEqual({
      urls: ['ws://10.0.0.5:8188', 'wss://janus2.example/janus'],
      apiSecret: 'api',
      adminKey: 'admin',
      meshMax: 4,
    });
    expect(loadConfig({ JANUS_URL: 'ws://j:8188', MESH_MAX: '6' }).janus).toMatchObject({
      apiSecret: null,
      adminKey: null,
      meshMax: 6,
    });
  });

  it('names each mistake with what to do', () => {
    expect(configProblems({ JANUS_URL: 'http://j:8088/janus', MESH_MAX: '1' })).toEqual([
      'JANUS_URL has entries that are not ws:// or wss:// URLs ("http://j:8088/janus"): use a comma-separated list like ws://127.0.0.1:8188.',
      'MESH_MAX must be a whole number from 2 to 16 (got "1"): the most people in a peer-to-peer call before it moves to Janus, e.g. 4.',
    ]);
    expect(configProblems({ JANUS_API_SECRET: 's', MESH_MAX: '5' })).toEqual([
      "JANUS_API_SECRET is set but JANUS_URL is not: set JANUS_URL to Janus' WebSocket API, e.g. ws://127.0.0.1:8188.",
      "MESH_MAX is set but JANUS_URL is not: set JANUS_URL to Janus' WebSocket API, e.g. ws://127.0.0.1:8188.",
    ]);
  });
});
