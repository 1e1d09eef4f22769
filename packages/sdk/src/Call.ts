import {
  ErrorCode,
  type IceServer,
  type PeerInfo,
  type Reaction,
  type ServerMessageOf,
} from '@zvonok/protocol';
import { ChatChannel } from './chat/ChatChannel.js';
import { RelayHealth } from './connectivity/RelayHealth.js';
import { CallError, CallErrorCode } from './errors.js';
import { CallEvent, LocalMediaEvent, type CallEventCallbacks, type MediaKind } from './events.js';
import { normalizeJoinOptions } from './joinOptions.js';
import type { LocalMedia } from './media/LocalMedia.js';
import { ScreenShare, ScreenShareResult } from './media/ScreenShare.js';
import { TurnCredentials } from './connectivity/TurnCredentials.js';
import type { LocalSource } from './mesh/TransceiverSlots.js';
import type { LinkMonitor } from './mesh/LinkMonitor.js';
import type * as LinkMonitorModule from './mesh/LinkMonitor.js';
import type { LinkSample } from './mesh/linkStats.js';
import type { ViewHint } from './mesh/SendPolicy.js';
import type { LinkQuality } from './quality/qualityTypes.js';
import { LocalStateTracker, type LocalState } from './participants/LocalStateTracker.js';
import { PeerDirectory } from './participants/PeerDirectory.js';
import { SpeakerWatch } from './quality/SpeakerWatch.js';
import { ParticipantStore } from './participants/ParticipantStore.js';
import { SignalClient, SignalState, type JoinRequest } from './signaling/SignalClient.js';
import type { MediaTopology, RelayMessage, TopologyKind } from './topology/MediaTopology.js';
import type { Mesh } from './mesh/Mesh.js';
import { MeshTopology } from './topology/MeshTopology.js';
import {
  CallState,
  type CallOptions,
  type ChatEntry,
  type JoinOptions,
  type Participant,
  type PeerConnectionConstructor,
  PeerLinkState,
} from './types.js';
import { resolveTimings, type ResolvedTimings } from './timings.js';
import { TypedEmitter } from './utils/TypedEmitter.js';
import { getLogger, type Logger } from './utils/logger.js';

export type { LocalState } from './participants/LocalStateTracker.js';

/** How long join() waits for the peer list after `joined` (it comes at once from our server). */
const PEER_LIST_WAIT_MS = 100;

/** Resolves when `promise` does or after `ms`, whichever is first (no timer left behind). */
async function untilOrAfter(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One person's presence in one room: joins over signaling, carries media with every other
 * participant through a {@link MediaTopology} (a mesh of peer connections, or the SFU once the
 * room outgrew the mesh), carries chat ({@link ChatChannel}) and the participants' state
 * ({@link ParticipantStore}), keeps who is in the room through reconnects ({@link PeerDirectory})
 * and what the connections learnt about the relay ({@link RelayHealth}). It ties those together
 * and owns their lifecycle; see README.md.
 */
export class Call extends TypedEmitter<CallEventCallbacks> {
  readonly #options: CallOptions;
  /** The delays of this call, defaults filled in once. */
  readonly #timings: ResolvedTimings;
  readonly #log: Logger;
  readonly #media: LocalMedia | undefined;
  readonly #people = new ParticipantStore();
  readonly #chat: ChatChannel;
  /** Who the server lists, and the grace of those it did not list after a resume. */
  readonly #directory: PeerDirectory;
  /** What the connections learnt about the TURN relay. */
  readonly #relayHealth: RelayHealth;
  #topology: MediaTopology | undefined;
  /** Where the server says the media travels (the SFU's part may still be loading). */
  #wantedTopology: TopologyKind = 'mesh';
  /** The RTCPeerConnection constructor of this call (topologies are made while in it). */
  #ctor: PeerConnectionConstructor | undefined;
  #signal: SignalClient | undefined;
  #state: CallState = CallState.Idle;
  #join: JoinOptions | undefined;
  #localId: string | undefined;
  readonly #turn: TurnCredentials;
  readonly #own: LocalStateTracker;
  /** Unsubscribers of everything this call listens to while in a room. */
  #subscriptions: (() => void)[] = [];
  /** Own screen capture; it belongs to the call (leaving stops it), unlike LocalMedia. */
  readonly #screen: ScreenShare;
  /** Resolves the first join's wait for the peer list. */
  #peerListed: (() => void) | undefined;
  /** Who has the floor, from audio levels; runs while in a room. */
  #speakers: SpeakerWatch | undefined;
  /** Statistics, adaptive sending and link quality of every connection; runs while in a room. */
  #links: LinkMonitor | undefined;
  /**
   * The monitor's code, loaded from the start but apart from the page's first load (a lobby
   * needs none of it); resolves undefined if it cannot be loaded (the call goes on without).
   */
  readonly #linkModule: Promise<typeof LinkMonitorModule | undefined>;
  /** The link monitor's module once loaded. */
  #linkMod: typeof LinkMonitorModule | undefined;

  constructor(options: CallOptions) {
    const log = options.logger ?? getLogger('call');
    super(log);
    this.#options = options;
    this.#timings = resolveTimings(options.timings);
    this.#log = log;
    this.#media = options.media;
    this.#chat = new ChatChannel({
      send: (message) => this.#signal?.send(message, { queue: false }),
      retryMs: this.#timings.chatRetryMs,
      logger: log,
      onChanged: (entries) => this.safeEmit(CallEvent.ChatChanged, entries),
      onError: (error) => this.safeEmit(CallEvent.Error, error),
    });
    this.#directory = new PeerDirectory({
      graceMs: this.#timings.resumeGraceMs,
      logger: log,
      add: (peer, initiator) => this.#addPeer(peer, initiator),
      drop: (id) => this.#removePeer(id),
    });
    this.#relayHealth = new RelayHealth({
      relayOnly: () => this.#turn.relayOnly,
      logger: log,
      onUnreachable: (error) => this.safeEmit(CallEvent.Error, error),
    });
    this.#own = new LocalStateTracker(options.media);
    this.#screen = new ScreenShare({
      ...(options.displayMedia && { mediaDevices: options.displayMedia }),
      logger: log.child('screen'),
    });
    // The browser's own "Stop sharing" (or the shared window closing) ends the track.
    this.#screen.on('ended', () => this.#screenStopped());
    this.#linkModule = import('./mesh/LinkMonitor.js').catch((err: unknown) => {
      log.warn('link statistics could not be loaded; the call goes on without them', err);
      return undefined;
    });
    this.#turn = new TurnCredentials({
      base: options.rtcConfig,
      relayOnly: options.relayOnly,
      requestRefresh: () => this.#signal?.send({ type: 'ice-servers' }, { queue: false }),
    });
  }

  /** Connection state; changes are announced with `CallEvent.StateChanged`. */
  get state(): CallState {
    return this.#state;
  }

  /** Own peer id once joined (the same across resumed reconnects). */
  get localId(): string | undefined {
    return this.#localId;
  }

  /** The room joined (or being joined). */
  get room(): string | undefined {
    return this.#join?.room;
  }

  /** Own display name. */
  get name(): string | undefined {
    return this.#join?.name;
  }

  /**
   * Token of this session: keep it for this tab only (sessionStorage, never localStorage) and
   * pass it as `replaceToken` to the next join after a page reload, so that the old session
   * leaves at once. The server revokes it when the session leaves.
   */
  get resumeToken(): string | undefined {
    return this.#signal?.resumeToken;
  }

  /**
   * A token that can only end this session, never resume it: the one to keep where other tabs
   * can read it (localStorage), for a second tab or a reopened crashed tab to pass as
   * `replaceToken`. Undefined with servers that do not issue it.
   */
  get takeoverToken(): string | undefined {
    return this.#signal?.takeoverToken;
  }

  /** Remote participants by id (snapshots; see {@link Participant}). */
  get participants(): ReadonlyMap<string, Participant> {
    return this.#people.map;
  }

  /** Chat messages in order: acked and received ones by room order, then own pending ones. */
  get chat(): readonly ChatEntry[] {
    return this.#chat.entries;
  }

  /** Own state as announced to the room. */
  get localState(): LocalState {
    return this.#own.current;
  }

  /**
   * Who has the floor: a participant's id, the own `localId`, or undefined before anyone spoke.
   * Speech must last ~0.4 s to count, the speaker keeps the floor through pauses up to ~1.2 s
   * and stays the last speaker when everyone is quiet. Changes: `CallEvent.ActiveSpeakerChanged`.
   */
  get activeSpeaker(): string | undefined {
    return this.#speakers?.active;
  }

  /**
   * Who is speaking now: participants' ids and the own `localId` when the own microphone is
   * heard (speech within the last ~1.2 s), however many talk at once. Changes:
   * `CallEvent.SpeakingChanged`.
   */
  get speaking(): ReadonlySet<string> {
    return this.#speakers?.speaking ?? new Set();
  }

  /**
   * How the link with a participant is doing (`id`: their id), or the own uplink (`id`: the
   * own `localId`): good / fair / poor and the main reason. Undefined before the first reading
   * (2 s after joining). Changes: `CallEvent.LinkQualityChanged`.
   */
  linkQuality(id: string): LinkQuality | undefined {
    return this.#links?.quality(id);
  }

  /** The last statistics reading of every connection, by participant id (see `LinkStats`). */
  get linkStats(): ReadonlyMap<string, LinkSample> {
    return this.#links?.stats ?? new Map<string, LinkSample>();
  }

  /**
   * The statistics readings of the last minute with a participant (one every 2 s, oldest
   * first), for charts; empty before the first reading or for an unknown id.
   */
  linkHistory(id: string): readonly LinkSample[] {
    return this.#links?.history(id) ?? [];
  }

  /**
   * Tell a participant how their camera is shown here, so that they send no more than it
   * needs: `visible` false for a hidden tile or a page in the background, `height` the tile's
   * height in device pixels, `prominent` for the active speaker or a spotlight (they send more).
   * Sent over the connection itself, only when it changed. Unknown ids are ignored.
   */
  setViewHint(id: string, hint: ViewHint): void {
    this.#links?.setView(id, hint);
  }

  /**
   * How the media travels now: `mesh` (a connection to each person) or `sfu` (the room grew
   * past the mesh and the server moved it to its SFU: one connection out, one in).
   */
  get topology(): TopologyKind | undefined {
    return this.#topology?.kind;
  }

  /** Whether this browser can share a screen (false on phones: hide the button). */
  get canShareScreen(): boolean {
    return this.#screen.supported;
  }

  /** Own shared screen while sharing (for a preview), else null. */
  get screenStream(): MediaStream | null {
    return this.#screen.stream;
  }

  /**
   * Join a room. Resolves when in it (`CallState.Connected`), with the people already there in
   * `participants` and the connections to them under way; rejects with a CallError:
   * RoomFull, PasswordRequired, WrongPassword, TooManyAttempts, InvalidInput, ServerUnreachable.
   * After a rejection the call is `Idle` again and `join` may be retried (e.g. with a password).
   */
  async join(options: JoinOptions): Promise<void> {
    if (this.#state !== CallState.Idle) {
      throw new CallError(CallErrorCode.InvalidState, `join() while ${this.#state}`);
    }
    const join = normalizeJoinOptions(options);
    const ctor = this.#options.RTCPeerConnection ?? globalThis.RTCPeerConnection;
    if (typeof ctor !== 'function') {
      throw new CallError(CallErrorCode.MediaUnsupported, 'this browser has no RTCPeerConnection');
    }
    this.#join = join;
    this.#setState(CallState.Connecting);
    try {
      // Loaded since the Call was made: no wait in practice.
      this.#linkMod = await this.#linkModule;
      if ((this.#state as CallState) !== CallState.Connecting) {
        throw new CallError(CallErrorCode.InvalidState, 'left while joining');
      }
      const signal = new SignalClient({
        url: this.#options.signalingUrl,
        logger: this.#log.child('signal'),
        ...(this.#options.WebSocket && { WebSocket: this.#options.WebSocket }),
        ...(this.#options.reconnectPolicy && { reconnectPolicy: this.#options.reconnectPolicy }),
        joinTimeoutMs: this.#timings.joinTimeoutMs,
      });
      this.#signal = signal;
      this.#ctor = ctor;
      this.#wantedTopology = 'mesh';
      this.#topology = this.#createMesh();
      this.#speakers = this.#watchSpeakers();
      this.#watchLinksOf(this.#topology);
      this.#subscribe(signal);
      const listed = new Promise<void>((resolve) => (this.#peerListed = resolve));
      await signal.join(() => this.#joinRequest());
      // The server sends the peer list right behind `joined`. Handling it before join() resolves
      // starts the connections and their offers ahead of whatever the app does on joining:
      // rendering the call view used to run first and delay every offer (by 10-130 ms on a
      // 2-core machine, more than the rest of the way to the offer).
      await untilOrAfter(listed, PEER_LIST_WAIT_MS);
      this.#peerListed = undefined;
    } catch (err) {
      this.#peerListed = undefined;
      this.#teardown();
      // leave() during the join ends the call for good; otherwise join may be tried again.
      if (this.state !== CallState.Disconnected) this.#setState(CallState.Idle);
      throw err instanceof CallError
        ? err
        : new CallError(CallErrorCode.ServerUnreachable, 'join failed', { cause: err });
    }
  }

  /** Leave: closes every peer connection and the signaling connection. LocalMedia is untouched. */
  leave(): Promise<void> {
    if (this.#state === CallState.Idle || this.#state === CallState.Disconnected) {
      return Promise.resolve();
    }
    this.#end();
    return Promise.resolve();
  }

  /** Mute or unmute the microphone (no renegotiation) and tell the room. */
  async setMic(on: boolean): Promise<void> {
    await this.#requireMedia().setMic(on);
  }

  /** Switch the camera (off stops the device; on re-acquires and replaces it on every peer). */
  async setCamera(on: boolean): Promise<void> {
    await this.#requireMedia().setCamera(on);
  }

  /**
   * Share a screen (from a click: it opens the browser's picker). It is sent to everyone on its
   * own transceiver, next to the camera, without renegotiation, and the room is told
   * (`screen: true`). Resolves `Started`, `AlreadySharing`, or `Cancelled` when the person
   * closed the picker or refused (nothing to show: the call goes on). Rejects with a CallError:
   * `MediaUnsupported` (no getDisplayMedia, e.g. phones: see `canShareScreen`), `MediaDeviceBusy`,
   * `MediaFailed`, or `InvalidState` outside a call. The browser's own "Stop sharing" ends it
   * like `stopScreenShare()`.
   */
  async startScreenShare(): Promise<ScreenShareResult> {
    this.#requireInCall('startScreenShare()');
    const result = await this.#screen.start();
    if (result !== ScreenShareResult.Started) return result;
    if (!this.#topology) {
      // The call ended while the picker was open: nobody to share with.
      this.#screen.stop();
      return ScreenShareResult.Cancelled;
    }
    await this.#topology.setLocalTrack('screen', this.#screen.track);
    this.#own.setExtra({ screen: true });
    this.#announce();
    return result;
  }

  /** Stop sharing the screen (nothing happens when not sharing). */
  stopScreenShare(): void {
    if (!this.#screen.active) return;
    this.#screen.stop();
    this.#screenStopped();
  }

  /** Raise or lower the hand, shown to everyone. */
  setHand(on: boolean): void {
    this.#own.setExtra({ hand: on });
    this.#announce();
  }

  /**
   * React with one of `REACTIONS`: everyone sees it over this person's tile for a moment
   * (`CallEvent.Reaction`, own ones at once). The server drops reactions beyond a burst of 5,
   * then one every 2 s (`REACTION_RATE`); pace the buttons to match.
   */
  react(emoji: Reaction): void {
    this.#requireInCall('react()');
    this.#signal?.send({ type: 'react', emoji }, { queue: false });
    this.safeEmit(CallEvent.Reaction, this.#localId ?? '', emoji);
  }

  /** Tell everyone that this person is recording the call (or stopped). */
  setRecording(on: boolean): void {
    this.#own.setExtra({ recording: on });
    this.#announce();
  }

  /**
   * Send a chat message. It appears at once as `pending` and turns `sent` when the server acks
   * it; if signaling is down it goes out after the reconnect, exactly once.
   * Throws CallError InvalidInput for empty or too long text, InvalidState when not in a call.
   */
  sendChat(text: string): void {
    this.#requireInCall('sendChat()');
    this.#chat.send(text, this.#localId ?? '', this.#join?.name);
  }

  /** The peer connection to a participant, for stats views. */
  getPeerConnection(id: string): RTCPeerConnection | undefined {
    return this.#topology?.peerConnection(id);
  }

  /**
   * Try again to reach a participant reported unreachable: counts ICE restarts from zero and
   * restarts ICE now (its `link` turns `reconnecting`).
   */
  retryPeer(id: string): void {
    this.#topology?.retryPeer(id);
  }

  // -------------------------------------------------------------------------------------------
  // Wiring

  /** What this person sends, per slot, for either topology. */
  #localSource(): LocalSource {
    const media = this.#media;
    const screen = this.#screen;
    return {
      track: (slot) =>
        slot === 'screen'
          ? screen.track
          : ((slot === 'audio' ? media?.audioTrack : media?.videoTrack) ?? null),
      canSend: (slot) =>
        slot === 'screen'
          ? screen.supported
          : ((slot === 'audio' ? media?.hasMic : media?.hasCamera) ?? false),
      get stream() {
        return media?.stream;
      },
    };
  }

  /** The SFU topology, loaded when a room first moves to the SFU (most calls never do). */
  async #createSfu(): Promise<MediaTopology> {
    const { SfuTopology } = await import('./sfu/SfuTopology.js');
    return this.#wire(
      new SfuTopology({
        RTCPeerConnection: this.#ctor as PeerConnectionConstructor,
        rtcConfig: () => this.#turn.configuration,
        local: this.#localSource(),
        send: (message) => this.#signal?.send(message),
        logger: this.#log.child('sfu'),
      }),
    );
  }

  #createMesh(): MeshTopology {
    const RTCPeerConnection = this.#ctor as PeerConnectionConstructor;
    // What was learnt about the relay belongs to the connections of this mesh.
    this.#relayHealth.reset();
    const mesh = new MeshTopology({
      RTCPeerConnection,
      rtcConfig: () => this.#turn.configuration,
      local: this.#localSource(),
      send: (message) => this.#signal?.send(message),
      logger: this.#log.child('mesh'),
      expectRelay: () => this.#turn.hasTurn,
      timings: this.#timings,
    });
    return this.#wire(mesh);
  }

  /** Listens to what the topology says about each participant. */
  #wire<T extends MediaTopology>(mesh: T): T {
    mesh.on('connectionStateChanged', (id, state) =>
      this.#updated(this.#people.setConnectionState(id, state)),
    );
    mesh.on('linkChanged', (id, link) => this.#updated(this.#people.setLink(id, link)));
    mesh.on('track', (id) => this.#updated(this.#people.touch(id)));
    mesh.on('verificationCode', (id, code) =>
      this.#updated(this.#people.setVerificationCode(id, code)),
    );
    mesh.on('relayFailed', (id, reason, detail) =>
      this.#relayHealth.failed(`${reason} (${detail})`, id),
    );
    mesh.on('relayGathered', () => this.#relayHealth.gathered());
    mesh.on('tamperedDescription', (id, type) => {
      const name = this.#people.get(id)?.name ?? id;
      this.safeEmit(
        CallEvent.Error,
        new CallError(
          CallErrorCode.TamperedDescription,
          `the ${type} from ${name} was changed on its way (different certificates per m-section); refused`,
        ),
      );
    });
    mesh.on('unreachable', (id) => {
      const name = this.#people.get(id)?.name ?? id;
      this.safeEmit(
        CallEvent.Error,
        new CallError(CallErrorCode.PeerUnreachable, `cannot reach ${name}`),
      );
    });
    return mesh;
  }

  #watchSpeakers(): SpeakerWatch {
    const speakers = new SpeakerWatch({
      sample: async () =>
        (await this.#topology?.audioLevels({
          id: this.#localId,
          track: this.#media?.audioTrack,
        })) ?? new Map<string, number>(),
      onChange: (id) => this.safeEmit(CallEvent.ActiveSpeakerChanged, id),
      onSpeakingChange: (ids) => this.safeEmit(CallEvent.SpeakingChanged, ids),
    });
    speakers.start();
    return speakers;
  }

  /** Link quality and adaptive sending watch the mesh's connections (none through the SFU). */
  #watchLinksOf(topology: MediaTopology): void {
    this.#links?.stop();
    this.#links = undefined;
    if (topology instanceof MeshTopology && this.#linkMod) {
      this.#links = this.#watchLinks(this.#linkMod, topology.mesh);
    }
  }

  #watchLinks(module: typeof LinkMonitorModule, mesh: Mesh): LinkMonitor {
    const media = this.#media;
    const links = new module.LinkMonitor({
      mesh,
      logger: this.#log.child('links'),
      adaptive: this.#options.adaptiveSending ?? true,
      tracks: () => ({
        camera: media?.videoTrack ?? null,
        mic: media?.audioTrack ?? null,
        screen: this.#screen.track,
      }),
      peer: (id) => {
        const p = this.#people.get(id);
        return (
          p && { connected: p.link === PeerLinkState.Connected, camera: p.camera, screen: p.screen }
        );
      },
      localId: () => this.#localId,
      onQuality: (id, quality) => this.safeEmit(CallEvent.LinkQualityChanged, id, quality),
      onStats: (stats) => this.safeEmit(CallEvent.LinkStats, stats),
    });
    links.start();
    return links;
  }

  #subscribe(signal: SignalClient): void {
    const subs = this.#subscriptions;
    subs.push(
      signal.on('stateChanged', (s) => {
        if (s === SignalState.Reconnecting) this.#setState(CallState.Reconnecting);
      }),
      signal.on('joined', (m) => this.#onJoined(m)),
      signal.on('peer-list', (m) => this.#onPeerList(m.peers)),
      signal.on('peer-joined', (m) => this.#addPeer(m, false)),
      signal.on('peer-left', (m) => this.#removePeer(m.id)),
      signal.on('peer-state', (m) => this.#updated(this.#people.applyState(m.id, m))),
      signal.on('offer', (m) => this.#relay(m)),
      signal.on('answer', (m) => this.#relay(m)),
      signal.on('ice-candidate', (m) => this.#relay(m)),
      signal.on('topology', (m) => this.#useTopology(m.topology)),
      signal.on('sfu-answer', (m) => this.#topology?.handle(m)),
      signal.on('sfu-offer', (m) => this.#topology?.handle(m)),
      signal.on('sfu-feeds', (m) => this.#topology?.handle(m)),
      signal.on('chat', (m) => this.#chat.receive(m)),
      signal.on('chat-ack', (m) => this.#chat.ack(m)),
      signal.on('chat-history', (m) => this.#chat.history(m)),
      signal.on('reaction', (m) => this.safeEmit(CallEvent.Reaction, m.from, m.emoji)),
      signal.on('ice-servers', (m) => this.#setIceServers(m.iceServers, m.expireAt, true)),
      signal.on('error', (m) => this.#onServerError(m)),
      signal.on('disconnected', (info) => {
        if (info.willReconnect || this.#state === CallState.Connecting) return;
        if (this.#state === CallState.Disconnected) return;
        this.#log.warn(`signaling closed for good: ${info.code} ${info.reason}`);
        this.#end();
        if (info.error) this.safeEmit(CallEvent.Error, info.error);
      }),
    );
    const media = this.#media;
    if (media) {
      subs.push(
        media.on(LocalMediaEvent.TrackReplaced, (kind: MediaKind, track) => {
          void this.#topology?.setLocalTrack(kind, track);
        }),
        media.on(LocalMediaEvent.Changed, () => this.#announce()),
      );
    }
  }

  #joinRequest(): JoinRequest {
    const join = this.#join as JoinOptions;
    const request: JoinRequest = { room: join.room, state: this.#own.announceAll() };
    if (join.name !== undefined) request.name = join.name;
    if (join.password !== undefined) request.password = join.password;
    // Only the first join replaces an older session; later ones resume this one.
    if (join.replaceToken !== undefined && this.#localId === undefined) {
      request.replaceToken = join.replaceToken;
    }
    const since = this.#chat.maxSeq;
    if (since !== undefined) request.chatSince = since;
    return request;
  }

  #onJoined(m: ServerMessageOf<'joined'>): void {
    const mesh = this.#topology as MediaTopology;
    const previous = this.#localId;
    const rejoin = previous !== undefined;
    if (rejoin && previous !== m.id) {
      // The server did not resume us (e.g. our token expired): everyone knows us by a new id,
      // so every connection starts over, as a newcomer's.
      this.#log.warn(`rejoined as a new peer (${m.id}); reconnecting to everyone`);
      mesh.clear();
      for (const p of this.#people.clear()) {
        this.#speakers?.remove(p.id);
        this.safeEmit(CallEvent.ParticipantLeft, p);
      }
      this.#directory.clear();
    }
    this.#localId = m.id;
    mesh.setLocalId(m.id);
    this.#useTopology(m.topology ?? 'mesh');
    this.#chat.joined(m.id);
    this.#setIceServers(m.iceServers, m.iceServersExpireAt, false);
    if (this.#turn.relayOnly && !this.#turn.hasTurn)
      this.#relayHealth.failed('the server offers no relay');
    this.#directory.joined(rejoin && previous === m.id);
    this.#setState(CallState.Connected);
    if (rejoin) {
      this.#chat.resumed();
      this.#topology?.restartBroken();
    }
  }

  /**
   * The server moved the room's media (to the SFU as it grew, back to the mesh at two): the old
   * connections close and the new topology carries everyone. Participants, chat and state stay;
   * each tile gets its person's new streams.
   */
  #useTopology(kind: TopologyKind): void {
    if (!this.#topology || this.#wantedTopology === kind) return;
    this.#wantedTopology = kind;
    this.#log.info(`the room's media moves to the ${kind}`);
    if (kind === 'mesh') {
      this.#switchTo(this.#createMesh());
      return;
    }
    this.#createSfu().then(
      (sfu) => {
        // Still wanted, and still in the call?
        if (this.#wantedTopology === 'sfu' && this.#topology) this.#switchTo(sfu);
        else sfu.close();
      },
      // The connections of the mesh stay up meanwhile; the next move tries again.
      (err: unknown) => {
        this.#wantedTopology = 'mesh';
        this.#log.error('the SFU part of the SDK did not load', err);
      },
    );
  }

  /** The old connections close and `next` carries everyone; each tile gets its new streams. */
  #switchTo(next: MediaTopology): void {
    this.#topology?.close();
    this.#topology = next;
    this.#watchLinksOf(next);
    const own = this.#localId;
    if (own !== undefined) next.setLocalId(own);
    for (const p of [...this.#people.map.values()]) {
      // Back on the mesh both sides make the connection at once: the impolite side offers.
      const media = next.addPeer(p.id, own !== undefined && own > p.id);
      this.#updated(
        this.#people.setStreams(p.id, { stream: media.stream, screenStream: media.screenStream }),
      );
      this.#updated(this.#people.setConnectionState(p.id, media.connectionState));
      this.#updated(this.#people.setLink(p.id, media.link));
    }
    if (this.#screen.active) void next.setLocalTrack('screen', this.#screen.track);
  }

  #onPeerList(peers: readonly PeerInfo[]): void {
    this.#peerListed?.();
    this.#peerListed = undefined;
    this.#directory.listed(peers, this.#localId, () => this.#topology?.ids() ?? []);
  }

  #addPeer(peer: PeerInfo, initiator: boolean): void {
    if (peer.id === this.#localId || !this.#topology) return;
    this.#directory.settled(peer.id);
    const media = this.#topology.addPeer(peer.id, initiator);
    const result = this.#people.upsert(
      peer,
      { stream: media.stream, screenStream: media.screenStream },
      media.connectionState,
      media.link,
    );
    if (result.added) this.safeEmit(CallEvent.ParticipantJoined, result.participant);
    else if (result.changed) this.safeEmit(CallEvent.ParticipantUpdated, result.participant);
  }

  #removePeer(id: string): void {
    this.#directory.settled(id);
    this.#topology?.removePeer(id);
    this.#speakers?.remove(id);
    const last = this.#people.remove(id);
    if (last) this.safeEmit(CallEvent.ParticipantLeft, last);
  }

  #relay(m: RelayMessage): void {
    // The server announces peers before relaying their messages; be safe if one slips ahead.
    if (!this.#people.get(m.from)) this.#addPeer({ id: m.from }, false);
    this.#topology?.handle(m);
  }

  #onServerError(m: ServerMessageOf<'error'>): void {
    if (m.ref?.startsWith('sfu-')) {
      // The SFU side retries by itself (and a refusal after a move back to the mesh is moot).
      this.#topology?.refused?.(m);
      return;
    }
    if (m.code === ErrorCode.UnknownPeer) {
      // A message to a peer that just left crossed its `peer-left`: expected, harmless.
      this.#log.debug(`server: ${m.message}`);
      return;
    }
    if (m.ref === 'react') {
      // A reaction past the rate limit is simply not shown: nothing for the person to fix.
      this.#log.debug(`reaction dropped: ${m.message}`);
      return;
    }
    // Chat's passing failures: the message stays pending and goes out again by itself.
    if (this.#chat.refused(m)) return;
    this.#log.warn(`server error ${m.code}: ${m.message}`);
    this.safeEmit(
      CallEvent.Error,
      new CallError(CallErrorCode.Protocol, `${m.code}: ${m.message}`, { cause: m }),
    );
  }

  /**
   * New ICE servers from `joined` or a refresh. Every connection gets them; on a refresh the
   * ones that use the relay also restart ICE (see applyIceConfiguration).
   */
  #setIceServers(servers: readonly IceServer[], expireAt: number | undefined, refresh: boolean) {
    this.#turn.update(servers, expireAt);
    void this.#topology?.applyIceConfiguration(this.#turn.configuration, {
      restartRelayed: refresh,
      relayOnly: this.#turn.relayOnly,
    });
  }

  // -------------------------------------------------------------------------------------------
  // Own state

  /** Tell the room what changed in our state, and the app that it changed. */
  #announce(): void {
    // When not joined, the next join carries the whole state.
    if (this.#signal?.state === SignalState.Joined) {
      const changes = this.#own.announceChanges();
      if (changes) this.#signal.send({ type: 'state', ...changes });
    }
    if (this.#own.reportChange()) this.safeEmit(CallEvent.LocalStateChanged);
  }

  /** Sharing ended (by us or the browser): send nothing on the screen slot and tell the room. */
  #screenStopped(): void {
    void this.#topology?.setLocalTrack('screen', null);
    if (!this.#own.current.screen) return;
    this.#own.setExtra({ screen: false });
    this.#announce();
  }

  #requireInCall(what: string): void {
    if (this.#state === CallState.Idle || this.#state === CallState.Disconnected) {
      throw new CallError(CallErrorCode.InvalidState, `${what} outside a call`);
    }
  }

  #requireMedia(): LocalMedia {
    if (!this.#media) {
      throw new CallError(CallErrorCode.InvalidState, 'this call was created without LocalMedia');
    }
    return this.#media;
  }

  // -------------------------------------------------------------------------------------------
  // Lifecycle

  #updated(p: Participant | undefined): void {
    if (p) this.safeEmit(CallEvent.ParticipantUpdated, p);
  }

  /** End the call for good: everything closed, state Disconnected. */
  #end(): void {
    this.#teardown();
    if (this.#screen.active) {
      this.#screen.stop();
      this.#own.setExtra({ screen: false });
    }
    for (const p of this.#people.clear()) this.safeEmit(CallEvent.ParticipantLeft, p);
    this.#setState(CallState.Disconnected);
  }

  /** Close signaling and every peer connection; remove every listener and timer of ours. */
  #teardown(): void {
    for (const off of this.#subscriptions.splice(0)) off();
    this.#signal?.close();
    this.#topology?.close();
    this.#topology = undefined;
    this.#speakers?.stop();
    this.#speakers = undefined;
    this.#links?.stop();
    this.#links = undefined;
    this.#directory.clear();
    this.#chat.stop();
    this.#turn.stop();
  }

  #setState(state: CallState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.safeEmit(CallEvent.StateChanged, state);
  }
}
