import type { Reaction } from '@zvonok/protocol';
import type { CallError } from './errors.js';
import type { LinkSample } from './mesh/linkStats.js';
import type { LinkQuality } from './quality/qualityTypes.js';
import type { CallState, ChatEntry, Participant } from './types.js';

/** Events of a {@link Call}. Subscribe with `call.on(CallEvent.X, listener)`. */
export enum CallEvent {
  /** The call's connection state changed. args: (state: CallState) */
  StateChanged = 'stateChanged',
  /** A remote participant entered the call. args: (participant: Participant) */
  ParticipantJoined = 'participantJoined',
  /**
   * A remote participant changed: name, mic/camera/screen/recording/hand, stream tracks or
   * connection state. args: (participant: Participant), the new snapshot
   */
  ParticipantUpdated = 'participantUpdated',
  /** A remote participant left the call. args: (participant: Participant), the last snapshot */
  ParticipantLeft = 'participantLeft',
  /** The chat changed: a new message, history, or an ack. args: (chat: readonly ChatEntry[]) */
  ChatChanged = 'chatChanged',
  /** A non-fatal problem (a peer unreachable, a refused message). args: (error: CallError) */
  Error = 'error',
  /** Own mic/camera state changed. args: () */
  LocalStateChanged = 'localStateChanged',
  /**
   * Someone else has the floor (detected from audio levels with hysteresis, see
   * `call.activeSpeaker`). args: (id: string | undefined) — a participant's id, the own
   * `localId`, or undefined when nobody has it (no one spoke yet, or the speaker left)
   */
  ActiveSpeakerChanged = 'activeSpeakerChanged',
  /**
   * Who is speaking now changed (see `call.speaking`): everyone heard, several at once when
   * people talk over each other. args: (ids: ReadonlySet<string>) — participants' ids and the
   * own `localId`
   */
  SpeakingChanged = 'speakingChanged',
  /**
   * How a link is doing changed (good / fair / poor and why; see `call.linkQuality`).
   * args: (id: string, quality: LinkQuality) — a participant's id for the link with them, the
   * own `localId` for the own uplink
   */
  LinkQualityChanged = 'linkQualityChanged',
  /**
   * A fresh reading of every connection's statistics, every 2 s (for a statistics view).
   * args: (stats: ReadonlyMap<string, LinkSample>), by participant id
   */
  LinkStats = 'linkStats',
  /**
   * Someone reacted (own reactions too, at once). args: (from: string, emoji: Reaction) — a
   * participant's id or the own `localId`
   */
  Reaction = 'reaction',
}

/** Listener signatures of {@link CallEvent}, by event. */
export type CallEventCallbacks = {
  [CallEvent.StateChanged]: (state: CallState) => void;
  [CallEvent.ParticipantJoined]: (participant: Participant) => void;
  [CallEvent.ParticipantUpdated]: (participant: Participant) => void;
  [CallEvent.ParticipantLeft]: (participant: Participant) => void;
  [CallEvent.ChatChanged]: (chat: readonly ChatEntry[]) => void;
  [CallEvent.Error]: (error: CallError) => void;
  [CallEvent.LocalStateChanged]: () => void;
  [CallEvent.ActiveSpeakerChanged]: (id: string | undefined) => void;
  [CallEvent.SpeakingChanged]: (ids: ReadonlySet<string>) => void;
  [CallEvent.LinkQualityChanged]: (id: string, quality: LinkQuality) => void;
  [CallEvent.LinkStats]: (stats: ReadonlyMap<string, LinkSample>) => void;
  [CallEvent.Reaction]: (from: string, emoji: Reaction) => void;
};

/** Events of {@link LocalMedia}. */
export enum LocalMediaEvent {
  /** Mic/camera on/off or the set of devices in use changed. args: () */
  Changed = 'changed',
  /**
   * The track of one kind was replaced: a new camera track after camera on, `null` after camera
   * off or when a device went away. args: (kind: 'audio' | 'video', track: MediaStreamTrack | null)
   */
  TrackReplaced = 'trackReplaced',
  /**
   * A device could not be had while something else could (e.g. camera refused, mic working).
   * args: (error: CallError, kind: 'audio' | 'video')
   */
  Error = 'error',
  /**
   * Cameras, microphones or speakers were plugged in or out (`devicechange`), or labels became
   * known. args: (devices: MediaDeviceInfo[]), the new list
   */
  DevicesChanged = 'devicesChanged',
  /**
   * The device in use (or the one asked for) is gone: unplugged, or no longer there when asked
   * for again. Another device of the kind is used now (`replacement`), or none could be had
   * (null). Tell the person. args: (kind: 'audio' | 'video', replacement: DeviceChoice | null,
   * lost: DeviceChoice — its label is '' when it was never opened, e.g. remembered from before)
   */
  DeviceLost = 'deviceLost',
}

/** A device in use: its id and the name a person knows it by. */
export interface DeviceChoice {
  readonly deviceId: string;
  /** Empty before permission was given. */
  readonly label: string;
}

/** Listener signatures of {@link LocalMediaEvent}, by event. */
export type LocalMediaEventCallbacks = {
  [LocalMediaEvent.Changed]: () => void;
  [LocalMediaEvent.TrackReplaced]: (kind: MediaKind, track: MediaStreamTrack | null) => void;
  [LocalMediaEvent.Error]: (error: CallError, kind: MediaKind) => void;
  [LocalMediaEvent.DevicesChanged]: (devices: MediaDeviceInfo[]) => void;
  [LocalMediaEvent.DeviceLost]: (
    kind: MediaKind,
    replacement: DeviceChoice | null,
    lost: DeviceChoice,
  ) => void;
};

/** The two kinds of media track. */
export type MediaKind = 'audio' | 'video';
