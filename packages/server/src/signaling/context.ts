import type { ErrorCode } from '@zvonok/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from '../config.js';
import type { AddressLimits } from './transport/AddressLimits.js';
import type { Connection } from './transport/Connection.js';
import type { JoinRefusal, MembershipService } from './rooms/MembershipService.js';
import type { Metrics } from './metrics/Metrics.js';
import type { ResumeTokens } from './auth/ResumeTokens.js';
import type { RoomRegistry } from './rooms/RoomRegistry.js';
import type { SfuService } from '../sfu/SfuService.js';
import type { TurnCredentials } from './ice/TurnCredentials.js';

/** What message handlers may use: the server's parts, without its connection bookkeeping. */
export interface SignalingContext {
  readonly config: ServerConfig;
  readonly rooms: RoomRegistry;
  readonly membership: MembershipService;
  readonly tokens: ResumeTokens;
  readonly turn: TurnCredentials;
  readonly metrics: Metrics;
  /** Calls carried by Janus (JANUS_URL); null keeps every call peer to peer. */
  readonly sfu: SfuService | null;
  readonly log: FastifyBaseLogger;
  /** Connections and budgets per remote address. */
  readonly addresses: AddressLimits;
  /** When the message being handled arrived (performance.now()), for the relay latency. */
  readonly receivedAt: number;
  /**
   * The frame of the message being handled, as received (valid UTF-8 JSON), so a relay can copy
   * the parts it forwards unchanged; undefined when the message did not come from a client frame.
   */
  readonly receivedFrame: Buffer | undefined;
  /** Sends an `error` to `conn` and counts it. */
  sendError(conn: Connection, code: ErrorCode, message: string, ref?: string): void;
  /** Takes a join from the budgets of `conn` and its address; the refusal when spent. */
  joinBudget(conn: Connection): JoinRefusal | null;
}
