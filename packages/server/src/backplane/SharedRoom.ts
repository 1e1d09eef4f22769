import type { ChatMessage, PeerInfo, PeerState, Topology } from '@zvonok/protocol';
import type { ChatEntry, ChatLimits } from '../signaling/rooms/ChatHistory.js';
import { textFrame, type Frame } from '../signaling/transport/frames.js';
import { RoomControls } from '../signaling/host/RoomControls.js';
import type { Peer } from '../signaling/rooms/Peer.js';
import { RelayOutcome, sendToMembers, type ChatPost, type Room } from '../signaling/rooms/Room.js';
import { EventKind, type RoomEvent } from './envelope.js';
import type { RedisBackplane } from './RedisBackplane.js';

/** A member of the room held by another instance. */
export interface RemoteMember {
  instance: string;
  info: PeerInfo;
}

/** A delivered event kept for members whose join raced it. */
interface RecentEvent {
  ev: number;
  subject: string;
  v1Only: boolean;
  frame: Frame;
}

/** How many recent events a room keeps for racing joins (a join takes one Redis round trip). */
const RECENT_EVENTS = 64;

/**
 * A room shared through Redis, as one instance sees it: `members` are the members this instance
 * holds (with their connections), `remote` those held by other instances. Membership, chat and
 * state changes go through Redis scripts and come back as numbered room events, which every
 * instance applies in the same order; relays to a local member are written directly, relays to
 * a remote one are forwarded to its instance.
 */
export class SharedRoom implements Room {
  /** The members this instance holds. */
  readonly members = new Map<string, Peer>();
  /** The host, the lock, knocking and removals, as this instance knows them. */
  readonly controls = new RoomControls();
  topology: Topology = 'mesh';
  backToMesh = false;
  /** Members held by other instances. */
  readonly remote = new Map<string, RemoteMember>();
  /** The last event reflected in `remote`. */
  applied = 0;
  /** Events that arrived before the first snapshot (a join's) made `remote` meaningful. */
  private early: RoomEvent[] | null = [];
  /** The room's password record, restored into Redis by a resync if Redis lost it. */
  passwordRecord = '';
  /** Joins in progress: the room stays (and subscribed) while there are any. */
  pending = 0;
  /** Resolves once this instance receives the room's events. */
  readonly subscribed: Promise<void>;
  private readonly recent: RecentEvent[] = [];

  constructor(
    readonly name: string,
    private readonly plane: RedisBackplane,
    private readonly chatLimits: ChatLimits,
  ) {
    this.subscribed = plane.subscribeRoom(name);
    // Awaited by joins; an unawaited rejection must not become an unhandled one.
    this.subscribed.catch(() => undefined);
  }

  get hasPassword(): boolean {
    return this.passwordRecord !== '';
  }

  /**
   * Not carried to Redis: a shared room's password is the record its creator's join stored
   * there, and a host's change does not reach it (as before shared rooms had host controls).
   */
  setPassword(_password: string): void {}

  /** Not carried to Redis either (see {@link SharedRoom.setPassword}). */
  clearPassword(): void {}

  /** The members here and those held by other instances. */
  peerInfos(except: Peer): PeerInfo[] {
    const peers: PeerInfo[] = [];
    for (const peer of this.members.values()) if (peer !== except) peers.push(peer.info());
    for (const member of this.remote.values()) peers.push(member.info);
    return peers;
  }

  relay(to: string, frame: Frame): RelayOutcome {
    const local = this.members.get(to);
    if (local !== undefined)
      return local.relay(frame) ? RelayOutcome.Delivered : RelayOutcome.Queued;
    const remote = this.remote.get(to);
    if (remote === undefined) return RelayOutcome.Unknown;
    this.plane.forward(remote.instance, this.name, to, frame);
    return RelayOutcome.Forwarded;
  }

  /** Numbered in Redis; delivered (here too) when the event comes back. */
  async postChat(
    sender: Peer,
    message: Omit<ChatMessage, 'seq'>,
    _maybeResent: boolean,
  ): Promise<ChatPost> {
    const json = JSON.stringify(message);
    const { json: kept } = await this.plane.chat(
      this.name,
      sender.id,
      message.id,
      json.slice(0, -1),
      this.chatLimits,
    );
    return { entry: chatEntry(kept), sent: 0 };
  }

  /**
   * Stored and published through Redis. While Redis is out, the change reaches the members here
   * at once, and the others with the resync.
   */
  announceState(peer: Peer, changed: PeerState): number {
    const frame = JSON.stringify({ type: 'peer-state', id: peer.id, ...changed });
    if (!this.plane.healthy) return this.broadcastV1(textFrame(frame), peer);
    this.plane
      .state(this.name, peer.id, JSON.stringify(peer.info()), frame)
      .catch((err: unknown) => {
        this.plane.commandFailed('state', err);
        this.broadcastV1(textFrame(frame), peer);
      });
    return 0;
  }

  broadcast(frame: Frame, except: Peer | null): number {
    return sendToMembers(this.members, frame, except, false);
  }

  broadcastV1(frame: Frame, except: Peer | null): number {
    return sendToMembers(this.members, frame, except, true);
  }

  /**
   * Applies a room event to the view of remote members and delivers it to the local members
   * that joined before it. Returns the deliveries, and the local member it concerns if the event
   * takes that member away (moved to another instance, replaced, or removed from Redis).
   */
  receive(event: RoomEvent): { sent: number; affected: Peer | null } {
    if (this.early !== null) {
      // No snapshot yet, so no local members either: keep it for when the snapshot comes.
      this.early.push(event);
      if (this.early.length > RECENT_EVENTS) this.early.shift();
      return { sent: 0, affected: null };
    }
    const fresh = event.ev > this.applied;
    if (fresh) this.applied = event.ev;
    const { subject } = event;
    const local = this.members.get(subject) ?? null;
    switch (event.kind) {
      case EventKind.Joined:
        if (fresh && event.extra !== this.plane.instance) {
          this.remote.set(subject, { instance: event.extra, info: infoOf(event.body) });
        }
        return { sent: this.deliver(event, false), affected: null };
      case EventKind.Left:
        if (fresh) this.remote.delete(subject);
        return { sent: this.deliver(event, false), affected: local };
      case EventKind.State: {
        const member = fresh ? this.remote.get(subject) : undefined;
        if (member !== undefined) member.info = { ...member.info, ...stateOf(event.body) };
        return { sent: this.deliver(event, true), affected: null };
      }
      case EventKind.Chat:
        return { sent: this.deliver(event, false), affected: null };
      case EventKind.Moved:
        if (event.extra === this.plane.instance) {
          this.remote.delete(subject);
          return { sent: 0, affected: null };
        }
        if (fresh) {
          const info = local?.info() ?? this.remote.get(subject)?.info ?? { id: subject };
          this.remote.set(subject, { instance: event.extra, info });
        }
        return { sent: 0, affected: local };
      default:
        return { sent: 0, affected: null };
    }
  }

  /**
   * Takes a snapshot of the members (`id -> instance|info` pairs from Redis, taken at event
   * `ev`) as the view of remote members, unless events after it were already applied. With
   * `force` (a resync) it always does, and returns who appeared and who vanished. Held events
   * wait for {@link SharedRoom.release}.
   */
  adopt(
    ev: number,
    pairs: readonly string[],
    force = false,
  ): { joined: PeerInfo[]; left: string[] } {
    const changes = { joined: [] as PeerInfo[], left: [] as string[] };
    if (!force && this.early === null && ev <= this.applied) return changes;
    const next = new Map<string, RemoteMember>();
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const id = pairs[i]!;
      const seat = pairs[i + 1]!;
      const bar = seat.indexOf('|');
      const instance = seat.slice(0, bar);
      if (instance === this.plane.instance) continue;
      next.set(id, { instance, info: JSON.parse(seat.slice(bar + 1)) as PeerInfo });
    }
    if (force) {
      for (const id of this.remote.keys()) if (!next.has(id)) changes.left.push(id);
      for (const [id, member] of next) if (!this.remote.has(id)) changes.joined.push(member.info);
    }
    this.remote.clear();
    for (const [id, member] of next) this.remote.set(id, member);
    this.applied = ev;
    return changes;
  }

  /**
   * Applies and delivers the events held since the room was created or a resync began, those
   * after the adopted snapshot only; from now on events are applied as they come. Returns the
   * deliveries.
   */
  release(): number {
    const early = this.early;
    if (early === null) return 0;
    this.early = null;
    let sent = 0;
    for (const event of early) if (event.ev > this.applied) sent += this.receive(event).sent;
    return sent;
  }

  /**
   * A resync is under way: events are held until its snapshot is adopted, then those after it
   * are applied (the snapshot's number tells which).
   */
  holdEvents(): void {
    this.early ??= [];
  }

  /** Delivers to `peer` the recent events after its snapshot (they raced its join). */
  replay(peer: Peer): void {
    const conn = peer.conn;
    if (conn === null) return;
    for (const event of this.recent) {
      if (event.ev <= peer.since || event.subject === peer.id) continue;
      if (event.v1Only && !conn.v1) continue;
      conn.send(event.frame);
    }
  }

  /** Sends an event to the local members that joined before it, except its subject. */
  private deliver(event: RoomEvent, v1Only: boolean): number {
    const frame = textFrame(event.body);
    const recent = this.recent;
    recent.push({ ev: event.ev, subject: event.subject, v1Only, frame });
    if (recent.length > RECENT_EVENTS) recent.shift();
    let sent = 0;
    for (const peer of this.members.values()) {
      const conn = peer.conn;
      if (conn === null || peer.since >= event.ev || peer.id === event.subject) continue;
      if (v1Only && !conn.v1) continue;
      conn.send(frame);
      sent++;
    }
    return sent;
  }
}

/** A kept chat message from its JSON. */
export function chatEntry(json: string): ChatEntry {
  return { message: JSON.parse(json) as ChatMessage, json };
}

/** The PeerInfo of a peer-joined message. */
function infoOf(body: string): PeerInfo {
  const { type: _type, ...info } = JSON.parse(body) as PeerInfo & { type: string };
  return info;
}

/** The state fields of a peer-state message. */
function stateOf(body: string): PeerState {
  const {
    type: _type,
    id: _id,
    ...state
  } = JSON.parse(body) as PeerState & {
    type: string;
    id: string;
  };
  return state;
}
