import { PEER_STATE_KEYS, type PeerState } from '@zvonok/protocol';
import type { LocalMedia } from '../media/LocalMedia.js';

/** Own state as the room sees it. */
export type LocalState = Required<PeerState>;

/** The parts of the state that are set on the call rather than read from LocalMedia. */
export type ExtraState = Pick<LocalState, 'screen' | 'recording' | 'hand'>;

/**
 * Own state: mic and camera read from LocalMedia, screen/recording/hand set here. Remembers what
 * the room was last told and what the app was last told, separately, so that a change made
 * while signaling is down still reaches the app at once and the room on the next join.
 */
export class LocalStateTracker {
  readonly #media: LocalMedia | undefined;
  #extra: ExtraState = { screen: false, recording: false, hand: false };
  #announced: LocalState | undefined;
  #reported: LocalState;

  constructor(media: LocalMedia | undefined) {
    this.#media = media;
    this.#reported = this.current;
  }

  /** The state now. */
  get current(): LocalState {
    return {
      mic: this.#media?.micEnabled ?? false,
      camera: this.#media?.cameraEnabled ?? false,
      ...this.#extra,
    };
  }

  /** Set screen/recording/hand. */
  setExtra(patch: Partial<ExtraState>): void {
    this.#extra = { ...this.#extra, ...patch };
  }

  /** The whole state, recorded as told to the room (it goes into `join.state`). */
  announceAll(): LocalState {
    this.#announced = this.current;
    return this.#announced;
  }

  /** Fields changed since the room was last told (undefined: none), recorded as told. */
  announceChanges(): PeerState | undefined {
    const changes = diff(this.#announced, this.current);
    if (changes) this.#announced = this.current;
    return changes;
  }

  /** Whether the state differs from what the app was last told; records it as told. */
  reportChange(): boolean {
    const now = this.current;
    const changed = diff(this.#reported, now) !== undefined;
    this.#reported = now;
    return changed;
  }
}

function diff(before: LocalState | undefined, now: LocalState): PeerState | undefined {
  const changes: PeerState = {};
  let any = false;
  for (const key of PEER_STATE_KEYS) {
    if (!before || before[key] !== now[key]) {
      changes[key] = now[key];
      any = true;
    }
  }
  return any ? changes : undefined;
}
