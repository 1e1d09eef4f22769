import { audioLevels } from '../mesh/audioLevels.js';
import { renewTurnCredentials } from '../mesh/renewTurnCredentials.js';
import { Mesh, type MeshEvents, type MeshOptions } from '../mesh/Mesh.js';
import type { PeerSession } from '../mesh/PeerSession.js';
import type { SendSlot } from '../mesh/TransceiverSlots.js';
import { TypedEmitter } from '../utils/TypedEmitter.js';
import type { Logger } from '../utils/logger.js';
import type {
  MediaTopology,
  OwnVoice,
  RelayMessage,
  RemoteMedia,
  SfuMessage,
  TopologyEvents,
} from './MediaTopology.js';

const MESH_EVENTS = [
  'connectionStateChanged',
  'track',
  'unreachable',
  'linkChanged',
  'verificationCode',
  'tamperedDescription',
  'relayFailed',
  'relayGathered',
] as const satisfies readonly (keyof MeshEvents & keyof TopologyEvents)[];

/** The peer-to-peer topology: a {@link Mesh} of one connection per participant. */
export class MeshTopology extends TypedEmitter<TopologyEvents> implements MediaTopology {
  readonly kind = 'mesh' as const;
  readonly #mesh: Mesh;
  readonly #log: Logger;

  constructor(options: MeshOptions) {
    super(options.logger);
    this.#log = options.logger;
    const mesh = new Mesh(options);
    this.#mesh = mesh;
    // The mesh's events are the topology's, with the same arguments.
    for (const event of MESH_EVENTS) {
      mesh.on(event, (...args: unknown[]) => this.#forward(event, args));
    }
  }

  #forward(event: keyof TopologyEvents, args: unknown[]): void {
    (this.safeEmit as (e: string, ...a: unknown[]) => void).call(this, event, ...args);
  }

  /** The mesh itself (its link monitor watches each connection). */
  get mesh(): Mesh {
    return this.#mesh;
  }

  setLocalId(id: string): void {
    this.#mesh.setLocalId(id);
  }

  addPeer(id: string, initiator: boolean): RemoteMedia {
    return view(this.#mesh.ensure(id, initiator).session);
  }

  removePeer(id: string): boolean {
    return this.#mesh.remove(id);
  }

  ids(): string[] {
    return this.#mesh.ids();
  }

  setLocalTrack(slot: SendSlot, track: MediaStreamTrack | null): Promise<void> {
    return this.#mesh.setLocalTrack(slot, track);
  }

  handle(message: RelayMessage | SfuMessage): void {
    if (message.type === 'offer' || message.type === 'answer' || message.type === 'ice-candidate') {
      this.#mesh.handle(message);
    }
  }

  peerConnection(id: string): RTCPeerConnection | undefined {
    return this.#mesh.get(id)?.pc;
  }

  retryPeer(id: string): void {
    this.#mesh.get(id)?.retry();
  }

  restartBroken(): void {
    this.#mesh.restartBroken();
  }

  audioLevels(own: OwnVoice): Promise<Map<string, number>> {
    return audioLevels(this.#mesh, own);
  }

  applyIceConfiguration(
    configuration: RTCConfiguration,
    options: { restartRelayed: boolean; relayOnly: boolean },
  ): Promise<void> {
    return renewTurnCredentials(this.#mesh, configuration, { ...options, log: this.#log });
  }

  clear(): void {
    this.#mesh.clear();
  }

  close(): void {
    this.#mesh.close();
    this.removeAllListeners();
  }
}

/** A session as the topology's participant view (read live: the getters follow the session). */
function view(session: PeerSession): RemoteMedia {
  return {
    stream: session.remoteStream,
    screenStream: session.remoteScreenStream,
    get connectionState() {
      return session.connectionState;
    },
    get link() {
      return session.link;
    },
  };
}
