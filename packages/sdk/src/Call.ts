import { CallError, CallErrorCode } from './errors.js';
import { CallEvent, type CallEventCallbacks } from './events.js';
import {
  CallState,
  type CallOptions,
  type ChatEntry,
  type JoinOptions,
  type Participant,
} from './types.js';
import { TypedEmitter } from './utils/TypedEmitter.js';

/**
 * One person's presence in one room: joins over signaling, keeps a peer connection to every other
 * participant, carries chat. See packages/sdk/README.md.
 */
export class Call extends TypedEmitter<CallEventCallbacks> {
  #state: CallState = CallState.Idle;
  /** Kept for the implementation that follows. */
  readonly options: CallOptions;

  constructor(options: CallOptions) {
    super(options.logger);
    this.options = options;
  }

  /** Connection state; changes are announced with `CallEvent.StateChanged`. */
  get state(): CallState {
    return this.#state;
  }

  /** Own peer id once joined. */
  get localId(): string | undefined {
    return undefined;
  }

  /** The room joined (or being joined). */
  get room(): string | undefined {
    return undefined;
  }

  /** Own display name. */
  get name(): string | undefined {
    return undefined;
  }

  /** Remote participants by id. */
  get participants(): ReadonlyMap<string, Participant> {
    return new Map();
  }

  /** Chat messages in order. */
  get chat(): readonly ChatEntry[] {
    return [];
  }

  /** Join a room; resolves when in it (`CallState.Connected`). */
  join(_options: JoinOptions): Promise<void> {
    return Promise.reject(new CallError(CallErrorCode.InvalidState, 'not implemented yet'));
  }

  /** Leave: closes every peer connection and the signaling connection. LocalMedia is untouched. */
  leave(): Promise<void> {
    this.#state = CallState.Disconnected;
    this.safeEmit(CallEvent.StateChanged, this.#state);
    return Promise.resolve();
  }

  /** Mute/unmute and tell the room. */
  setMic(_on: boolean): Promise<void> {
    return Promise.resolve();
  }

  /** Camera on/off and tell the room. */
  setCamera(_on: boolean): Promise<void> {
    return Promise.resolve();
  }

  /** Send a chat message: appears at once as `pending`, then `sent` when the server acks it. */
  sendChat(_text: string): void {}

  /** The peer connection to a participant, for stats views. */
  getPeerConnection(_id: string): RTCPeerConnection | undefined {
    return undefined;
  }
}
