/// <reference types="node" />
/**
 * The signaling servers the contract suite runs against: the in-memory bus the SDK's unit tests
 * use, and the real server (packages/server's app) started in this process on a free loopback
 * port, reached with real `ws` WebSockets. The same tests run on both, so the bus cannot drift
 * from the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, testConfig } from '@zvonok/server';
import WebSocket from 'ws';
import type { WebSocketConstructor } from '../../types.js';
import { InMemorySignalBus } from '../InMemorySignalBus.js';

/** What a contract test may set on the server it talks to. */
export interface TargetSettings {
  /** People a room holds. */
  capacity: number;
  /** A TURN relay at this URL hands out credentials (none by default). */
  turnUrl: string;
}

/** How long contract TURN credentials live, seconds. */
const TURN_TTL_SECONDS = 3600;

/** A running signaling server under contract, as the SDK meets it. */
export interface SignalTarget {
  /** `bus` or `server`. */
  readonly name: string;
  /** The URL a client connects to. */
  readonly url: string;
  /** The WebSocket constructor a client uses. */
  readonly WebSocket: WebSocketConstructor;
  /**
   * The connection of member `memberId` dies without a close frame (a network failure): the
   * server keeps the member for a resume, the client sees 1006.
   */
  drop(memberId: string): void;
  close(): Promise<void>;
}

/** A way to start a target (one per test, so rooms and limits never leak between tests). */
export interface TargetKind {
  readonly name: string;
  start(settings?: Partial<TargetSettings>): Promise<SignalTarget>;
}

/** The in-memory bus of the SDK's unit tests. */
export const busKind: TargetKind = {
  name: 'bus',
  start(settings = {}) {
    const bus = new InMemorySignalBus();
    if (settings.capacity !== undefined) bus.capacity = settings.capacity;
    const turnUrl = settings.turnUrl;
    if (turnUrl !== undefined) {
      let n = 0;
      bus.iceGrant = () => ({
        iceServers: [{ urls: [turnUrl], username: `u${++n}`, credential: `c${n}` }],
        expireAt: Date.now() + TURN_TTL_SECONDS * 1000,
      });
    }
    return Promise.resolve({
      name: 'bus',
      url: 'ws://bus.test/ws',
      WebSocket: bus.WebSocket,
      drop: (memberId) => bus.drop(memberId),
      close: () => {
        bus.restart();
        return Promise.resolve();
      },
    });
  },
};

/** The real server, in this process, on a free loopback port. */
export const serverKind: TargetKind = {
  name: 'server',
  async start(settings = {}) {
    const dataDir = mkdtempSync(join(tmpdir(), 'zvonok-contract-'));
    const base = testConfig({ dataDir, webRoot: null });
    const lots = { burst: 1_000_000, perSecond: 1_000_000 };
    const config = testConfig({
      dataDir,
      webRoot: null,
      ...(settings.capacity !== undefined && { roomCapacity: settings.capacity }),
      ...(settings.turnUrl !== undefined && {
        turn: {
          urls: [settings.turnUrl],
          secret: 'contract-turn-secret',
          ttlSeconds: TURN_TTL_SECONDS,
        },
      }),
      // Tests join and chat far faster than people do; the budgets are not under contract.
      limits: {
        ...base.limits,
        joinsPerConnection: lots,
        joinsPerAddress: lots,
        chat: lots,
        turnGrantsPerAddress: lots,
      },
    });
    const app = build(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    // Each client socket by the member id its `joined` gave it, to cut it like a network would.
    const byMember = new Map<string, WebSocket>();
    class ClientSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        this.on('message', (data: Buffer) => {
          const m = JSON.parse(data.toString()) as { type?: string; id?: string };
          if (m.type === 'joined' && m.id !== undefined) byMember.set(m.id, this);
        });
      }
    }
    return {
      name: 'server',
      url: `ws://127.0.0.1:${port}/ws`,
      WebSocket: ClientSocket as unknown as WebSocketConstructor,
      drop: (memberId) => byMember.get(memberId)?.terminate(),
      close: async () => {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/** Both targets, for `describe.each`. */
export const TARGETS: readonly TargetKind[] = [busKind, serverKind];
