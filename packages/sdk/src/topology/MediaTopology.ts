import type { ServerMessageOf } from '@zvonok/protocol';
import type { SendSlot } from '../mesh/TransceiverSlots.js';
import type { RelayFailure } from '../mesh/RelayWatch.js';
import type { PeerLinkState } from '../types.js';
import type { TypedEmitter } from '../utils/TypedEmitter.js';

/** How the media of a call travels: peer to peer (a mesh) or through the SFU. */
export type TopologyKind = 'mesh' | 'sfu';

/** Events of a {@link MediaTopology}, each naming the remote participant. */
export type TopologyEvents = {
  /** args: (id, state) */
  connectionStateChanged: (id: string, state: RTCPeerConnectionState) => void;
  /** A track of the participant arrived or went (its streams changed inside). args: (id, track) */
  track: (id: string, track: MediaStreamTrack) => void;
  /** The participant cannot be reached any more (until a retry). args: (id) */
  unreachable: (id: string) => void;
  /** args: (id, link) */
  linkChanged: (id: string, link: PeerLinkState) => void;
  /** The verification code of the connection to the participant. args: (id, code) */
  verificationCode: (id: string, code: string) => void;
  /** A description was rewritten on the way and refused. args: (id, type) */
  tamperedDescription: (id: string, type: 'offer' | 'answer') => void;
  /** A gathering round produced no relayed candidate. args: (id, reason, detail) */
  relayFailed: (id: string, reason: RelayFailure, detail: string) => void;
  /** A relayed candidate was gathered. args: (id) */
  relayGathered: (id: string) => void;
};

/** What a topology has of one remote participant. */
export interface RemoteMedia {
  /** Voice and camera; tracks come and go inside it. */
  readonly stream: MediaStream;
  /** The shared screen, if any. */
  readonly screenStream: MediaStream;
  readonly connectionState: RTCPeerConnectionState;
  readonly link: PeerLinkState;
}

/** Relayed peer-to-peer negotiation (mesh). */
export type RelayMessage =
  ServerMessageOf<'offer'> | ServerMessageOf<'answer'> | ServerMessageOf<'ice-candidate'>;

/** Negotiation with the SFU. */
export type SfuMessage =
  ServerMessageOf<'sfu-answer'> | ServerMessageOf<'sfu-offer'> | ServerMessageOf<'sfu-feeds'>;

/** The own microphone, for audio levels. */
export interface OwnVoice {
  id: string | undefined;
  track: MediaStreamTrack | null | undefined;
}

/**
 * What `Call` talks to for media: the participants it carries media of (join a peer, leave),
 * the own tracks it sends (publish), remote tracks per participant, link state and statistics.
 * The mesh (a connection per person) and the SFU (one publisher and one subscriber connection)
 * are its implementations; the UI sees neither, only participants and their streams.
 */
export interface MediaTopology extends Pick<TypedEmitter<TopologyEvents>, 'on'> {
  readonly kind: TopologyKind;
  /** Own peer id; set before any participant is added. */
  setLocalId(id: string): void;
  /**
   * Carry media with participant `id` (kept as it is when already there). `initiator`: we are
   * the newcomer (the mesh then offers).
   */
  addPeer(id: string, initiator: boolean): RemoteMedia;
  /** Stop carrying media with `id`. Returns whether it was there. */
  removePeer(id: string): boolean;
  /** The participants it carries media with. */
  ids(): string[];
  /** Send `track` on a slot (null: send nothing there). */
  setLocalTrack(slot: SendSlot, track: MediaStreamTrack | null): Promise<void>;
  /** A negotiation message for this topology from the server. */
  handle(message: RelayMessage | SfuMessage): void;
  /** The server refused one of this topology's messages (`ref` names it). */
  refused?(message: ServerMessageOf<'error'>): void;
  /** The connection carrying the participant's media (for statistics). */
  peerConnection(id: string): RTCPeerConnection | undefined;
  /** Try again to reach an unreachable participant. */
  retryPeer(id: string): void;
  /** Recover what broke while signaling was down. */
  restartBroken(): void;
  /** Everyone's audio level now (0..1), the own one included. */
  audioLevels(own: OwnVoice): Promise<Map<string, number>>;
  /** Apply new ICE servers (restarting relayed connections on a refresh). */
  applyIceConfiguration(
    configuration: RTCConfiguration,
    options: { restartRelayed: boolean; relayOnly: boolean },
  ): Promise<void>;
  /** Stop carrying media with everyone; stays usable. */
  clear(): void;
  /** Close everything and drop listeners. */
  close(): void;
}
