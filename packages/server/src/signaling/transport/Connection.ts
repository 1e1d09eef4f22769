import type { WebSocket } from 'ws';
import { addressKey } from './address.js';
import { TokenBucket } from './TokenBucket.js';
import { tcpSocket } from './wsInternals.js';
import type { WriteBatcher } from './WriteBatcher.js';
import type { Frame } from './frames.js';
import type { Peer } from '../rooms/Peer.js';
import type { Room } from '../rooms/Room.js';

/** Settings every connection of one server shares (one object, referenced, not copied). */
export interface ConnectionOptions {
  /** More unsent bytes than this and the reader is considered stalled: the socket is dropped. */
  maxBufferedBytes: number;
  burst: number;
  perSecond: number;
  /** Coalesces the writes of one event-loop turn. */
  batcher: WriteBatcher;
}

const OPEN = 1;

/**
 * One WebSocket connection: the socket, the dialect it speaks, its rate limit and the room
 * membership ({@link Peer}) it currently drives. Kept small on purpose: a server holds thousands,
 * so there are no timers or closures here (liveness and join deadlines are swept by the server).
 */
export class Connection {
  /** The id sent in `client-id`; after a resume, the resumed id. */
  id: string;
  /** The room membership this connection drives, if it has joined. */
  peer: Peer | null = null;
  /** A join is being decided (shared rooms answer asynchronously). */
  joining = false;
  /** Answered the last ping (or sent something) since the last heartbeat tick. */
  alive = true;
  /** Messages dropped in a row by the rate limit. */
  dropped = 0;
  /** A v1 connection that has not joined must do so before this time (ms since epoch); 0: none. */
  joinDeadline = 0;
  /** The room this connection knocks at, waiting for the host; null otherwise. */
  knocking: Room | null = null;
  /** Set when the server closes the connection for cause: its peer leaves at once, no grace. */
  noGrace = false;
  readonly bucket: TokenBucket;
  /** The address as limits count it (IPv6 per /64). */
  readonly addressKey: string;
  /** Joins of this connection (made at the first join). */
  joins: TokenBucket | null = null;
  /** Chat messages of this connection (made at the first chat). */
  chats: TokenBucket | null = null;

  /**
   * @param socket - the accepted WebSocket
   * @param v1 - speaks protocol v1 (subprotocol `zvonok.v1`); otherwise the seed dialect
   * @param address - the remote address, for per-address password throttling and logs
   */
  constructor(
    readonly socket: WebSocket,
    readonly v1: boolean,
    readonly address: string,
    id: string,
    now: number,
    private readonly options: ConnectionOptions,
  ) {
    this.id = id;
    this.addressKey = addressKey(address);
    this.bucket = new TokenBucket(options.burst, options.perSecond, now);
  }

  /** Whether frames can still be sent. */
  get open(): boolean {
    return this.socket.readyState === OPEN;
  }

  /**
   * Queues a frame for sending. A reader that stopped reading (its unsent bytes over the limit)
   * is dropped rather than buffered without bound; its peer then goes through the resume grace.
   *
   * Frames are complete WebSocket frames (see frames.ts), written straight to the TCP socket:
   * ws's own send would allocate a header and make two writes per recipient, which is most of
   * the cost of a broadcast. This is safe because the server never compresses or fragments, so
   * ws never holds frames back; its close and ping frames go to the same stream in order.
   */
  send(frame: Frame): void {
    const socket = this.socket;
    if (socket.readyState !== OPEN) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      socket.terminate();
      return;
    }
    this.options.batcher.write(tcpSocket(socket), frame);
  }

  /** Closes with a code; `noGrace` makes its peer leave at once instead of waiting for a resume. */
  close(code: number, reason: string, noGrace: boolean): void {
    if (noGrace) this.noGrace = true;
    this.socket.close(code, reason);
  }
}
