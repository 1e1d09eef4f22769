/**
 * Calls carried by Janus, on the server's side: for each Zvonok room on the SFU one Janus room
 * (random id, secret and pin that only this server knows, on the least loaded instance) with one
 * Janus session; for each person a publisher handle and a multistream subscriber handle. What a
 * browser sends is done on its own handles in its own room only. A sweep every two seconds
 * detaches the handles of people who left and destroys rooms nobody is in.
 */
import { randomBytes } from 'node:crypto';
import { ErrorCode, type IceCandidate, type SfuStream } from '@zvonok/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { JanusConfig } from '../config.js';
import { JanusError } from '../janus/errors.js';
import { JanusPool } from '../janus/JanusPool.js';
import { JanusSession, type JanusHandle } from '../janus/JanusSession.js';
import {
  VIDEOROOM_PLUGIN,
  createRoom,
  destroyRoom,
  publish,
  republish,
  startSubscriber,
  subscribe,
  updateSubscription,
} from '../janus/VideoRoom.js';
import { encode } from '../signaling/transport/frames.js';
import type { Peer } from '../signaling/rooms/Peer.js';
import type { Room } from '../signaling/rooms/Room.js';
import type { RoomRegistry } from '../signaling/rooms/RoomRegistry.js';

/** A refusal to pass on to the browser as an `error`. */
export class SfuError extends Error {
  constructor(
    readonly code: ErrorCode.SfuUnavailable | ErrorCode.SfuFailed,
    message: string,
  ) {
    super(message);
    this.name = 'SfuError';
  }
}

/** One Zvonok room on Janus. */
interface SfuRoom {
  readonly name: string;
  readonly url: string;
  readonly janusRoom: string;
  readonly secret: string;
  readonly pin: string;
  readonly session: JanusSession;
  /** Creates and destroys the Janus room. */
  readonly control: JanusHandle;
  readonly publishers: Map<string, JanusHandle>;
  readonly subscribers: Map<string, { handle: JanusHandle; feeds: Set<string> }>;
  /** Peers whose media Janus has (their publisher connection is up). */
  readonly feeds: Set<string>;
  /** The Zvonok room, for announcements. */
  room: Room;
}

const SWEEP_MS = 2000;

/** The server's SFU side. Made by the signaling server when JANUS_URL is set. */
export class SfuService {
  readonly pool: JanusPool;
  private readonly rooms = new Map<string, Promise<SfuRoom>>();
  /** Per peer, the tail of its operations: a browser's messages are done in order. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly config: JanusConfig,
    private readonly registry: RoomRegistry,
    private readonly log: FastifyBaseLogger,
    options: { pingIntervalMs?: number } = {},
  ) {
    this.pool = new JanusPool(config, log, options.pingIntervalMs);
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Connects to every Janus (an unreachable one is retried in the background). */
  connect(): Promise<void> {
    return this.pool.start();
  }

  /** Rooms currently on Janus. */
  get roomCount(): number {
    return this.rooms.size;
  }

  /**
   * The publisher offer of `peer`: publishes (or renegotiates) and resolves with the answer.
   * `fresh`: the offer is of a new connection; the earlier publisher handle goes first.
   */
  publish(peer: Peer, sdp: string, e2ee: boolean, fresh = false): Promise<string> {
    return this.queued(peer, async () => {
      const room = await this.room(peer.room);
      let existing = room.publishers.get(peer.id);
      if (existing !== undefined && fresh) {
        room.publishers.delete(peer.id);
        if (room.feeds.delete(peer.id)) this.announce(room);
        await existing.detach();
        existing = undefined;
      }
      if (existing !== undefined) {
        return (await republish(existing, { type: 'offer', sdp }, e2ee)).sdp;
      }
      const handle = await room.session.attach(VIDEOROOM_PLUGIN);
      room.publishers.set(peer.id, handle);
      const gone = (): void => {
        if (room.feeds.delete(peer.id)) this.announce(room);
      };
      handle.on('webrtcup', () => {
        room.feeds.add(peer.id);
        this.announce(room);
      });
      handle.on('hangup', gone);
      handle.on('detached', () => {
        if (room.publishers.get(peer.id) === handle) room.publishers.delete(peer.id);
        gone();
      });
      try {
        const { answer } = await publish(handle, {
          room: room.janusRoom,
          pin: room.pin,
          feed: peer.id,
          display: peer.name ?? '',
          offer: { type: 'offer', sdp },
          e2ee,
        });
        peer.conn?.send(encode({ type: 'sfu-feeds', feeds: [...room.feeds] }));
        return answer.sdp;
      } catch (err) {
        await handle.detach();
        throw err;
      }
    });
  }

  /**
   * Subscribes `peer` to `feeds` (the whole wanted set) and resolves with Janus' offer.
   * `fresh`: for a new subscriber connection; the earlier subscription goes first.
   */
  subscribe(
    peer: Peer,
    feeds: string[],
    fresh = false,
  ): Promise<{ sdp: string; streams: SfuStream[] }> {
    return this.queued(peer, async () => {
      const room = await this.room(peer.room);
      const wanted = new Set(feeds.filter((f) => f !== peer.id && room.feeds.has(f)));
      if (wanted.size === 0) {
        throw new SfuError(ErrorCode.SfuFailed, 'none of these people publish to the SFU now');
      }
      let current = room.subscribers.get(peer.id);
      if (current !== undefined && fresh) {
        room.subscribers.delete(peer.id);
        await current.handle.detach();
        current = undefined;
      }
      if (current === undefined) {
        const handle = await room.session.attach(VIDEOROOM_PLUGIN);
        const entry = { handle, feeds: wanted };
        room.subscribers.set(peer.id, entry);
        handle.on('detached', () => {
          if (room.subscribers.get(peer.id) === entry) room.subscribers.delete(peer.id);
        });
        try {
          const { offer, streams } = await subscribe(handle, {
            room: room.janusRoom,
            pin: room.pin,
            feeds: [...wanted],
          });
          return { sdp: offer.sdp, streams };
        } catch (err) {
          await handle.detach();
          throw err;
        }
      }
      const add = [...wanted].filter((f) => !current.feeds.has(f));
      const remove = [...current.feeds].filter((f) => !wanted.has(f));
      if (add.length === 0 && remove.length === 0) {
        throw new SfuError(ErrorCode.SfuFailed, 'the subscription already has these feeds');
      }
      const { offer, streams } = await updateSubscription(current.handle, { add, remove });
      current.feeds.clear();
      for (const f of wanted) current.feeds.add(f);
      return { sdp: offer.sdp, streams };
    });
  }

  /** The browser's answer to the latest subscriber offer. */
  start(peer: Peer, sdp: string): Promise<void> {
    return this.queued(peer, async () => {
      const room = await this.existingRoom(peer);
      const entry = room.subscribers.get(peer.id);
      if (entry === undefined) throw new SfuError(ErrorCode.SfuFailed, 'subscribe first');
      await startSubscriber(entry.handle, { type: 'answer', sdp });
    });
  }

  /** An ICE candidate of one of the browser's two connections (null: no more). */
  trickle(
    peer: Peer,
    target: 'publisher' | 'subscriber',
    candidate: IceCandidate | null,
  ): Promise<void> {
    return this.queued(peer, async () => {
      const room = await this.existingRoom(peer);
      const handle =
        target === 'publisher'
          ? room.publishers.get(peer.id)
          : room.subscribers.get(peer.id)?.handle;
      if (handle === undefined) {
        throw new SfuError(ErrorCode.SfuFailed, `no ${target} connection to the SFU yet`);
      }
      await handle.trickle(
        candidate === null
          ? { completed: true }
          : {
              candidate: candidate.candidate,
              sdpMid: candidate.sdpMid ?? null,
              sdpMLineIndex: candidate.sdpMLineIndex ?? null,
            },
      );
    });
  }

  /** Stops sweeping and closes every Janus connection (Janus drops the sessions with them). */
  close(): void {
    clearInterval(this.sweeper);
    this.pool.close();
  }

  /** Runs `op` after the peer's earlier operations; Janus errors become SfuErrors. */
  private queued<T>(peer: Peer, op: () => Promise<T>): Promise<T> {
    const key = `${peer.room.name}\n${peer.id}`;
    const run = (this.queues.get(key) ?? Promise.resolve()).then(op, op).catch((err: unknown) => {
      throw toSfuError(err);
    });
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }

  private async existingRoom(peer: Peer): Promise<SfuRoom> {
    const pending = this.rooms.get(peer.room.name);
    if (pending === undefined) throw new SfuError(ErrorCode.SfuFailed, 'publish first');
    return pending;
  }

  /** The room's Janus side, created on first use. */
  private room(room: Room): Promise<SfuRoom> {
    let pending = this.rooms.get(room.name);
    if (pending === undefined) {
      pending = this.createRoom(room);
      this.rooms.set(room.name, pending);
      pending.catch(() => {
        if (this.rooms.get(room.name) === pending) this.rooms.delete(room.name);
      });
    }
    return pending.then((r) => {
      r.room = room;
      return r;
    });
  }

  private async createRoom(room: Room): Promise<SfuRoom> {
    const instance = this.pool.place();
    let session: JanusSession | null = null;
    try {
      session = await JanusSession.create(instance.connection);
      const control = await session.attach(VIDEOROOM_PLUGIN);
      const spec = {
        room: randomBytes(12).toString('base64url'),
        secret: randomBytes(24).toString('base64url'),
        pin: randomBytes(24).toString('base64url'),
      };
      await createRoom(control, {
        ...spec,
        adminKey: this.config.adminKey,
        publishers: 100,
        requireE2ee: false,
      });
      const sfuRoom: SfuRoom = {
        name: room.name,
        url: instance.url,
        janusRoom: spec.room,
        secret: spec.secret,
        pin: spec.pin,
        session,
        control,
        publishers: new Map(),
        subscribers: new Map(),
        feeds: new Set(),
        room,
      };
      session.once('ended', (reason) => this.lost(sfuRoom, reason));
      this.log.info({ room: room.name, janus: instance.url }, 'room moved to Janus');
      return sfuRoom;
    } catch (err) {
      this.pool.release(instance.url);
      if (session !== null) await session.destroy();
      throw err;
    }
  }

  /** The room's Janus session ended (Janus died or was unreachable too long). */
  private lost(room: SfuRoom, reason: string): void {
    void this.forget(room);
    if (room.feeds.size > 0) {
      room.feeds.clear();
      this.announce(room);
    }
    this.log.warn({ room: room.name, janus: room.url, reason }, 'room lost its Janus');
  }

  /** Drops the room from the table (if it is still the current one) and frees its slot. */
  private async forget(room: SfuRoom): Promise<void> {
    const pending = this.rooms.get(room.name);
    if (pending !== undefined && (await pending.catch(() => null)) === room) {
      this.rooms.delete(room.name);
      this.pool.release(room.url);
    }
  }

  /** Tells the room whose media the SFU has now. */
  private announce(room: SfuRoom): void {
    room.room.broadcastV1(encode({ type: 'sfu-feeds', feeds: [...room.feeds] }), null);
  }

  /** Detaches the handles of people who left; destroys rooms nobody is in any more. */
  private async sweep(): Promise<void> {
    for (const pending of [...this.rooms.values()]) {
      const room = await pending.catch(() => null);
      if (room === null) continue;
      const zvonokRoom = this.registry.get(room.name);
      const members = zvonokRoom?.members;
      // Nobody left, or the room went back to peer to peer: its Janus room goes.
      if (members === undefined || members.size === 0 || zvonokRoom?.backToMesh === true) {
        await this.forget(room);
        await destroyRoom(room.control, room.janusRoom, room.secret).catch(() => undefined);
        await room.session.destroy();
        this.log.info({ room: room.name }, 'room left Janus');
        continue;
      }
      for (const [id, handle] of room.publishers) if (!members.has(id)) await handle.detach();
      for (const [id, entry] of room.subscribers) if (!members.has(id)) await entry.handle.detach();
    }
  }
}

function toSfuError(err: unknown): Error {
  if (err instanceof SfuError) return err;
  if (err instanceof JanusError) {
    return err.code === 'janus-refused'
      ? new SfuError(ErrorCode.SfuFailed, err.message)
      : new SfuError(ErrorCode.SfuUnavailable, 'the conference server is out of reach for now');
  }
  return err instanceof Error ? err : new Error(String(err));
}
