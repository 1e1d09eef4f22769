import type { PeerInfo, PeerState } from '@zvonok/protocol';
import type { Participant, PeerLinkState } from '../types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The remote participants as immutable snapshots: every change replaces the object, so a UI can
 * tell what changed by comparing references. Each method returns the new snapshot (or undefined
 * when nothing changed) and leaves emitting events to the caller.
 */
export class ParticipantStore {
  readonly #byId = new Map<string, Participant>();

  /** The current snapshots, by id. */
  get map(): ReadonlyMap<string, Participant> {
    return this.#byId;
  }

  get(id: string): Participant | undefined {
    return this.#byId.get(id);
  }

  /** Add a participant, or update name and state of a known one. */
  upsert(
    info: PeerInfo,
    streams: { stream: MediaStream; screenStream: MediaStream },
    connectionState: RTCPeerConnectionState,
    link: PeerLinkState,
  ): { participant: Participant; added: boolean; changed: boolean } {
    const old = this.#byId.get(info.id);
    if (!old) {
      const participant: Participant = {
        id: info.id,
        ...(info.name !== undefined && { name: info.name }),
        mic: info.mic ?? false,
        camera: info.camera ?? false,
        screen: info.screen ?? false,
        recording: info.recording ?? false,
        hand: info.hand ?? false,
        ...(info.hand === true && { handAt: info.handAt ?? this.#nextHandAt() }),
        stream: streams.stream,
        screenStream: streams.screenStream,
        connectionState,
        link,
      };
      this.#byId.set(info.id, participant);
      return { participant, added: true, changed: true };
    }
    const next = this.#update(old, info, info.name, info.handAt);
    return { participant: next ?? old, added: false, changed: next !== undefined };
  }

  /** Apply a `peer-state` (only the fields present). */
  applyState(id: string, state: PeerState): Participant | undefined {
    const old = this.#byId.get(id);
    return old && this.#update(old, state, undefined, undefined);
  }

  /** Record a new peer connection state. */
  setConnectionState(id: string, connectionState: RTCPeerConnectionState): Participant | undefined {
    const old = this.#byId.get(id);
    if (!old || old.connectionState === connectionState) return undefined;
    return this.#replace({ ...old, connectionState });
  }

  /** Record a new link state. */
  setLink(id: string, link: PeerLinkState): Participant | undefined {
    const old = this.#byId.get(id);
    if (!old || old.link === link) return undefined;
    return this.#replace({ ...old, link });
  }

  /** Record the connection's verification code. */
  setVerificationCode(id: string, verificationCode: string): Participant | undefined {
    const old = this.#byId.get(id);
    if (!old || old.verificationCode === verificationCode) return undefined;
    return this.#replace({ ...old, verificationCode });
  }

  /** Record new stream objects (the media now comes another way, e.g. through the SFU). */
  setStreams(
    id: string,
    streams: { stream: MediaStream; screenStream: MediaStream },
  ): Participant | undefined {
    const old = this.#byId.get(id);
    if (!old || (old.stream === streams.stream && old.screenStream === streams.screenStream)) {
      return undefined;
    }
    return this.#replace({ ...old, ...streams });
  }

  /** A new snapshot after a change inside the participant's stream (a track arrived). */
  touch(id: string): Participant | undefined {
    const old = this.#byId.get(id);
    return old && this.#replace({ ...old });
  }

  /** Forget a participant; returns the last snapshot. */
  remove(id: string): Participant | undefined {
    const old = this.#byId.get(id);
    this.#byId.delete(id);
    return old;
  }

  /** Forget everyone; returns the last snapshots. */
  clear(): Participant[] {
    const all = [...this.#byId.values()];
    this.#byId.clear();
    return all;
  }

  #update(
    old: Participant,
    state: PeerState,
    name: string | undefined,
    handAt: number | undefined,
  ): Participant | undefined {
    const next: Mutable<Participant> = { ...old };
    let changed = false;
    if (state.hand === true && !old.hand) next.handAt = handAt ?? this.#nextHandAt();
    if (state.hand === false) delete next.handAt;
    if (name !== undefined && name !== old.name) {
      next.name = name;
      changed = true;
    }
    for (const key of ['mic', 'camera', 'screen', 'recording', 'hand'] as const) {
      const value = state[key];
      if (value !== undefined && value !== old[key]) {
        next[key] = value;
        changed = true;
      }
    }
    return changed ? this.#replace(next) : undefined;
  }

  /**
   * When a hand seen going up now went up: now, but never before a hand already up (a live
   * `peer-state` comes after everything the server listed, whatever the two clocks say).
   */
  #nextHandAt(): number {
    let at = Date.now();
    for (const p of this.#byId.values()) {
      if (p.handAt !== undefined && p.handAt >= at) at = p.handAt + 1;
    }
    return at;
  }

  #replace(next: Participant): Participant {
    this.#byId.set(next.id, next);
    return next;
  }
}
