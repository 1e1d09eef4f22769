import type { ClientMessageOf, ErrorCode } from '@zvonok/protocol';
import type { Connection } from '../transport/Connection.js';
import type { Peer } from './Peer.js';

/**
 * What a connection asks for when it joins: the fields of a v1 `join` as the protocol's schema
 * validated them (a seed client's URL gives only `room`), and what the server adds.
 */
export type JoinRequest = Omit<ClientMessageOf<'join'>, 'type'> & {
  /** Let in by the host after knocking: the lock and knocking no longer apply. */
  admitted?: boolean;
};

/** Why a join was refused; the connection stays open so the person can try again. */
export interface JoinRefusal {
  code: ErrorCode;
  message: string;
}

/**
 * The answer to a join: null when joined, a refusal otherwise; a promise that never rejects. In
 * memory it is already settled (the room was entered before it is returned); a shared membership
 * settles it once Redis has decided.
 */
export type JoinResult = Promise<JoinRefusal | null>;

/**
 * Room membership as the server and handlers use it: {@link Membership} keeps it in memory,
 * `backplane/SharedMembership.ts` in Redis across instances.
 */
export interface MembershipService {
  /** Members held by this instance, including those awaiting a resume. */
  readonly peerCount: number;
  /** Joins `conn` to a room, or says why not (the connection stays open). */
  join(conn: Connection, request: JoinRequest): JoinResult;
  /** The peer leaves its room for good, and the others are told. */
  leave(peer: Peer): void;
  /** The session of `peer` is over (it left): its tokens are refused from now on. */
  revoke(peer: Peer): void;
  /** The connection of `peer` closed with `code`: resume grace or leave. */
  disconnected(peer: Peer, conn: Connection, code: number): void;
  /** Forgets what was tracked for a closed connection. */
  forget(conn: Connection): void;
  /** Periodic housekeeping (expired password-throttling records). */
  sweep(now: number): void;
  /** Shutdown: peers leave without announcements and nobody gets a grace. */
  silence(): void;
  /** Releases what the membership holds (connections to Redis); idempotent. */
  close(): Promise<void>;
}
