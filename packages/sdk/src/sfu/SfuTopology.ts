import type { ClientMessage, IceCandidate, ServerMessageOf, SfuStream } from '@zvonok/protocol';
import { SEND_SLOTS, slotKind, type LocalSource, type SendSlot } from '../mesh/TransceiverSlots.js';
import type {
  MediaTopology,
  OwnVoice,
  RelayMessage,
  RemoteMedia,
  SfuMessage,
  TopologyEvents,
} from '../topology/MediaTopology.js';
import { PeerLinkState, type PeerConnectionConstructor } from '../types.js';
import { SerialQueue } from '../utils/SerialQueue.js';
import { TypedEmitter } from '../utils/TypedEmitter.js';
import type { Logger } from '../utils/logger.js';
import { receiverLevel, senderLevel } from '../quality/audioLevel.js';
import { SIMULCAST_ENCODINGS, supportsSimulcast } from './simulcast.js';

/** Options of `new SfuTopology(...)`. */
export interface SfuTopologyOptions {
  RTCPeerConnection: PeerConnectionConstructor;
  /** The configuration of new connections (ICE servers from `joined` included). */
  rtcConfig: () => RTCConfiguration;
  local: LocalSource;
  /** Sends an `sfu-*` message through signaling. */
  send: (message: ClientMessage) => void;
  logger: Logger;
  /** Send the camera in three simulcast layers (default: where the browser does it well). */
  simulcast?: boolean;
  /** Wait before offering again when the SFU cannot be reached (ms). */
  retryMs?: number;
}

/** One remote participant's media through the SFU. */
interface Remote {
  readonly stream: MediaStream;
  readonly screenStream: MediaStream;
}

const RETRY_MS = 1000;

/**
 * Media through the SFU (Janus, reached only through Zvonok's signaling): one publisher
 * connection sends the own microphone, camera (in three simulcast layers) and screen, in the
 * mesh's slot order, so the SFU's `feedMid` of a stream says which slot it is; one multistream
 * subscriber connection receives everyone else, each stream put into its owner's streams by the
 * `streams` list of the SFU's offer. Link state is the same for everyone: both connections up.
 *
 * When the SFU loses our media (it restarted: `sfu-feeds` no longer names us) or a connection
 * fails, both connections start over.
 */
export class SfuTopology extends TypedEmitter<TopologyEvents> implements MediaTopology {
  readonly kind = 'sfu' as const;
  readonly #o: SfuTopologyOptions;
  readonly #log: Logger;
  readonly #remotes = new Map<string, Remote>();
  /** Participants `Call` asked for (others' streams are kept, but nobody shows them). */
  readonly #peers = new Set<string>();
  #localId = '';
  #pub: RTCPeerConnection | undefined;
  #sub: RTCPeerConnection | undefined;
  /** The publisher slot of each transceiver, by the publisher's own order. */
  readonly #pubSlots = new Map<SendSlot, RTCRtpTransceiver>();
  /** Whose stream each `mid` of the subscriber connection carries. */
  readonly #streams = new Map<string, SfuStream>();
  /** The latest `sfu-feeds`. */
  #feeds: string[] = [];
  /** Feeds asked for in the last subscription. */
  #subscribed = new Set<string>();
  #subscribing = false;
  /** `sfu-feeds` named us since the last publish. */
  #published = false;
  #wasConnected = false;
  #link = PeerLinkState.Connecting;
  #closed = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** SFU messages are handled one at a time, in order. */
  readonly #inbox = new SerialQueue();

  constructor(options: SfuTopologyOptions) {
    super(options.logger);
    this.#o = options;
    this.#log = options.logger;
    this.#publishNow();
  }

  setLocalId(id: string): void {
    this.#localId = id;
  }

  addPeer(id: string): RemoteMedia {
    this.#peers.add(id);
    return this.#view(this.#remote(id));
  }

  removePeer(id: string): boolean {
    this.#remotes.delete(id);
    return this.#peers.delete(id);
  }

  ids(): string[] {
    return [...this.#peers];
  }

  /** Never rejects (as the mesh's): callers fire and forget it; a refusal is logged. */
  async setLocalTrack(slot: SendSlot, track: MediaStreamTrack | null): Promise<void> {
    const transceiver = this.#pubSlots.get(slot);
    if (!transceiver || this.#closed) return;
    try {
      await transceiver.sender.replaceTrack(track);
    } catch (err) {
      if (!this.#closed) this.#log.warn(`replaceTrack on the ${slot} slot failed`, err);
    }
  }

  handle(message: RelayMessage | SfuMessage): void {
    if (this.#closed) return;
    this.#inbox
      .run(() => this.#process(message))
      .catch((err: unknown) => {
        if (!this.#closed) this.#log.warn(`handling "${message.type}" failed`, err);
      });
  }

  /** A refusal of one of our `sfu-*` messages. */
  refused(m: ServerMessageOf<'error'>): void {
    if (this.#closed) return;
    this.#log.warn(`SFU refused ${m.ref ?? 'a message'}: ${m.code} ${m.message}`);
    if (m.ref === 'sfu-publish') this.#retryLater();
    else if (m.ref === 'sfu-subscribe') {
      // Nothing new to receive after all (e.g. the feed left meanwhile): wait for the next change.
      this.#subscribing = false;
      this.#maybeSubscribe();
    }
  }

  peerConnection(id: string): RTCPeerConnection | undefined {
    return this.#peers.has(id) ? this.#sub : undefined;
  }

  /** The publisher and subscriber connections, those that exist now. */
  connections(): RTCPeerConnection[] {
    return [this.#pub, this.#sub].filter((pc) => pc !== undefined);
  }

  retryPeer(): void {
    this.#startOver('retry');
  }

  restartBroken(): void {
    const broken = this.connections().some(
      (pc) => pc.connectionState === 'failed' || pc.connectionState === 'disconnected',
    );
    if (broken) this.#startOver('signaling came back with a broken connection');
  }

  async audioLevels(own: OwnVoice): Promise<Map<string, number>> {
    const levels = new Map<string, number>();
    const receivers = this.#sub?.getReceivers() ?? [];
    for (const id of this.#peers) {
      const track = this.#remotes.get(id)?.stream.getAudioTracks()[0];
      const receiver = track && receivers.find((r) => r.track === track);
      levels.set(id, receiver ? receiverLevel(receiver) : 0);
    }
    if (own.id !== undefined) {
      const sender = this.#pubSlots.get('audio')?.sender;
      const live = own.track?.enabled && sender?.track === own.track;
      levels.set(own.id, live && sender ? await senderLevel(sender) : 0);
    }
    return levels;
  }

  /**
   * New ICE servers for both connections. Relayed ones are not restarted: the SFU has a public
   * address, and a connection that fails starts over with the new servers anyway.
   */
  applyIceConfiguration(configuration: RTCConfiguration): Promise<void> {
    for (const pc of this.connections()) {
      try {
        pc.setConfiguration(configuration);
      } catch (err) {
        this.#log.debug('setConfiguration refused', err);
      }
    }
    return Promise.resolve();
  }

  clear(): void {
    this.#peers.clear();
    this.#remotes.clear();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#pub?.close();
    this.#sub?.close();
    this.#pub = undefined;
    this.#sub = undefined;
    this.removeAllListeners();
  }

  // -------------------------------------------------------------------------------------------

  async #process(message: RelayMessage | SfuMessage): Promise<void> {
    switch (message.type) {
      case 'sfu-answer':
        await this.#pub?.setRemoteDescription({ type: 'answer', sdp: message.sdp });
        return;
      case 'sfu-feeds':
        this.#onFeeds(message.feeds);
        return;
      case 'sfu-offer':
        await this.#onOffer(message.sdp, message.streams);
        return;
      default:
        // Peer-to-peer negotiation that crossed the move to the SFU: nobody to apply it to.
        this.#log.debug(`${message.type} from ${message.from} ignored while on the SFU`);
    }
  }

  /**
   * {@link #publish}, its failure handled: one whose connection was closed under it (we started
   * over or left meanwhile) is moot; anything else is logged and the offer made again later.
   */
  #publishNow(): void {
    const attempt = this.#publish();
    // Set before the first await: the connection this attempt offers on.
    const pc = this.#pub;
    attempt.catch((err: unknown) => {
      if (this.#closed || pc !== this.#pub) return;
      this.#log.warn('offering to the SFU failed; trying again shortly', err);
      this.#retryLater();
    });
  }

  /** A fresh publisher connection, offered to the SFU. */
  async #publish(): Promise<void> {
    this.#pub?.close();
    this.#pubSlots.clear();
    this.#published = false;
    const o = this.#o;
    const pc = new o.RTCPeerConnection(o.rtcConfig());
    this.#pub = pc;
    pc.addEventListener('icecandidate', (e) => {
      if (pc !== this.#pub) return;
      o.send({ type: 'sfu-ice', target: 'publisher', candidate: candidateOf(e) });
    });
    pc.addEventListener('connectionstatechange', () => this.#onConnectionState(pc));
    const simulcast = o.simulcast ?? supportsSimulcast();
    // Every slot gets its m-line, in the mesh's order (audio 0, camera 1, screen 2), even without
    // a track: a receiver tells the camera from the screen by the publisher's mid.
    for (const slot of SEND_SLOTS) {
      const track = o.local.track(slot);
      const stream = slot === 'screen' ? undefined : o.local.stream;
      const init: RTCRtpTransceiverInit = {
        direction: 'sendonly',
        streams: stream ? [stream] : [],
        ...(slot === 'video' && simulcast && { sendEncodings: SIMULCAST_ENCODINGS }),
      };
      this.#pubSlots.set(slot, pc.addTransceiver(track ?? slotKind(slot), init));
    }
    const offer = await pc.createOffer();
    if (pc !== this.#pub) return;
    await pc.setLocalDescription(offer);
    if (pc !== this.#pub || !offer.sdp) return;
    o.send({ type: 'sfu-publish', sdp: offer.sdp, e2ee: false, fresh: true });
  }

  #onFeeds(feeds: string[]): void {
    this.#feeds = feeds;
    if (this.#localId !== '' && feeds.includes(this.#localId)) this.#published = true;
    else if (this.#published) {
      this.#startOver('the SFU lost our media');
      return;
    }
    this.#maybeSubscribe();
  }

  /**
   * Asks for everyone who publishes once someone new does (feeds that left go with it). A feed
   * that only left needs nothing: the SFU stops sending it, and its tile goes with its person.
   */
  #maybeSubscribe(): void {
    if (this.#subscribing) return;
    const wanted = this.#feeds.filter((f) => f !== this.#localId);
    if (wanted.every((f) => this.#subscribed.has(f))) return;
    this.#subscribing = true;
    this.#subscribed = new Set(wanted);
    this.#o.send({ type: 'sfu-subscribe', feeds: wanted, fresh: this.#sub === undefined });
  }

  async #onOffer(sdp: string, streams: SfuStream[]): Promise<void> {
    this.#streams.clear();
    for (const s of streams) this.#streams.set(s.mid, s);
    let pc = this.#sub;
    if (!pc) {
      const created = new this.#o.RTCPeerConnection(this.#o.rtcConfig());
      pc = created;
      this.#sub = created;
      created.addEventListener('icecandidate', (e) => {
        if (created !== this.#sub) return;
        this.#o.send({
          type: 'sfu-ice',
          target: 'subscriber',
          candidate: candidateOf(e),
        });
      });
      created.addEventListener('connectionstatechange', () => this.#onConnectionState(created));
      created.addEventListener('track', () => this.#routeTracks());
    }
    await pc.setRemoteDescription({ type: 'offer', sdp });
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    if (pc !== this.#sub || !answer.sdp) return;
    this.#o.send({ type: 'sfu-start', sdp: answer.sdp });
    this.#routeTracks();
    this.#subscribing = false;
    this.#maybeSubscribe();
  }

  /** Puts each received track into its owner's stream (camera and voice, or screen). */
  #routeTracks(): void {
    const pc = this.#sub;
    if (!pc || this.#closed) return;
    for (const t of pc.getTransceivers()) {
      const info = t.mid === null ? undefined : this.#streams.get(t.mid);
      const track = t.receiver.track;
      const owner = info && info.kind !== 'data' ? info.feed : undefined;
      // A track that moved to another owner (the SFU reuses m-lines) leaves the old streams.
      for (const [id, remote] of this.#remotes) {
        for (const stream of [remote.stream, remote.screenStream]) {
          if (id !== owner && stream.getTracks().includes(track)) {
            stream.removeTrack(track);
            this.safeEmit('track', id, track);
          }
        }
      }
      if (owner === undefined || info === undefined) continue;
      const remote = this.#remote(owner);
      const screen = info.kind === 'video' && info.feedMid === '2';
      const stream = screen ? remote.screenStream : remote.stream;
      if (stream.getTracks().includes(track)) continue;
      // One track per kind: a replaced m-line's old track goes.
      for (const old of stream.getTracks()) if (old.kind === track.kind) stream.removeTrack(old);
      stream.addTrack(track);
      if (this.#peers.has(owner)) this.safeEmit('track', owner, track);
    }
  }

  #onConnectionState(pc: RTCPeerConnection): void {
    if (this.#closed || (pc !== this.#pub && pc !== this.#sub)) return;
    const state = pc.connectionState;
    this.#log.debug(`${pc === this.#pub ? 'publisher' : 'subscriber'} connection: ${state}`);
    if (state === 'failed') {
      this.#startOver(`the ${pc === this.#pub ? 'publisher' : 'subscriber'} connection failed`);
      return;
    }
    this.#updateLink();
  }

  /** Both connections up: connected; one was up and is not: reconnecting. */
  #updateLink(): void {
    const sub = this.#sub?.connectionState ?? 'new';
    const pub = this.#pub?.connectionState ?? 'new';
    let link: PeerLinkState;
    if (sub === 'connected' && pub === 'connected') {
      link = PeerLinkState.Connected;
      this.#wasConnected = true;
    } else {
      link = this.#wasConnected ? PeerLinkState.Reconnecting : PeerLinkState.Connecting;
    }
    const changed = link !== this.#link;
    this.#link = link;
    for (const id of this.#peers) {
      this.safeEmit('connectionStateChanged', id, sub);
      if (changed) this.safeEmit('linkChanged', id, link);
    }
  }

  /** Both connections anew (the SFU restarted, a connection failed). */
  #startOver(why: string): void {
    if (this.#closed) return;
    this.#log.info(`starting over with the SFU: ${why}`);
    this.#sub?.close();
    this.#sub = undefined;
    this.#streams.clear();
    this.#subscribed.clear();
    this.#subscribing = false;
    this.#updateLink();
    this.#publishNow();
  }

  #retryLater(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (!this.#closed) this.#publishNow();
    }, this.#o.retryMs ?? RETRY_MS);
  }

  #remote(id: string): Remote {
    let remote = this.#remotes.get(id);
    if (!remote) {
      remote = { stream: new MediaStream(), screenStream: new MediaStream() };
      this.#remotes.set(id, remote);
    }
    return remote;
  }

  #view(remote: Remote): RemoteMedia {
    const state = (): RTCPeerConnectionState => this.#sub?.connectionState ?? 'new';
    const link = (): PeerLinkState => this.#link;
    return {
      stream: remote.stream,
      screenStream: remote.screenStream,
      get connectionState() {
        return state();
      },
      get link() {
        return link();
      },
    };
  }
}

/** A gathered candidate as `sfu-ice` carries it (null: gathering ended). */
function candidateOf(e: RTCPeerConnectionIceEvent): IceCandidate | null {
  if (!e.candidate) return null;
  const c = e.candidate.toJSON();
  return {
    candidate: c.candidate ?? '',
    sdpMid: c.sdpMid ?? null,
    sdpMLineIndex: c.sdpMLineIndex ?? null,
  };
}
