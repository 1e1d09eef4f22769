import { CallError, CallErrorCode } from '../errors.js';
import {
  LocalMediaEvent,
  type DeviceChoice,
  type LocalMediaEventCallbacks,
  type MediaKind,
} from '../events.js';
import { DEFAULT_AUDIO_CONSTRAINTS, DEFAULT_VIDEO_CONSTRAINTS } from '../defaults.js';
import { errorName } from '../utils/errorName.js';
import { SerialQueue } from '../utils/SerialQueue.js';
import { TypedEmitter } from '../utils/TypedEmitter.js';
import { getLogger, type Logger } from '../utils/logger.js';
import { choiceOf } from './deviceChoice.js';
import { DeviceWatch } from './DeviceWatch.js';
import { toMediaError } from './mediaErrors.js';
import { startWithFallback } from './startFallback.js';
import type { TrackProcessor } from './TrackProcessor.js';

/** The part of `navigator.mediaDevices` LocalMedia uses (injectable for tests). */
export type MediaDevicesLike = Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'> & {
  /** For `devicechange`; without it the device lists are not watched. */
  addEventListener?(type: 'devicechange', listener: () => void): void;
  removeEventListener?(type: 'devicechange', listener: () => void): void;
};

/** Options of `new LocalMedia(...)`. */
export interface LocalMediaOptions {
  /** Default: `navigator.mediaDevices`, looked up when needed. */
  mediaDevices?: MediaDevicesLike;
  /** Camera constraints (a deviceId is added to them). Default: DEFAULT_VIDEO_CONSTRAINTS. */
  videoConstraints?: MediaTrackConstraints;
  /** Microphone constraints. Default: DEFAULT_AUDIO_CONSTRAINTS. */
  audioConstraints?: MediaTrackConstraints;
  logger?: Logger;
}

/** What `start()` asks for. */
export interface LocalMediaStartOptions {
  /** Microphone wanted. Default true. */
  audio?: boolean;
  /** Camera wanted. Default true. */
  video?: boolean;
  /** A microphone from `listDevices()`; remembered for later re-acquisitions. */
  audioDeviceId?: string;
  /** A camera from `listDevices()`; remembered for later re-acquisitions. */
  videoDeviceId?: string;
  /**
   * The camera by the way it faces (phones: `user` front, `environment` back) instead of by
   * device; remembered like a device, and replaced by the next `videoDeviceId`. A preference
   * (`ideal`): a device without such a camera gives another one rather than none, so check the
   * new track's `getSettings().facingMode`.
   */
  videoFacingMode?: 'user' | 'environment';
}

const KINDS: readonly MediaKind[] = ['audio', 'video'];

/** getUserMedia failures that mean "no such device (any more)". */
const MISSING_DEVICE = new Set(['OverconstrainedError', 'NotFoundError']);

/** getUserMedia failures that mean "the device is held" (some phones open one camera at a time). */
const BUSY_DEVICE = new Set(['NotReadableError', 'AbortError', 'TrackStartError']);

/**
 * The local camera and microphone. One instance per page, from the lobby through the call.
 *
 * `stream` is always the same MediaStream; tracks are added to and removed from it. The mic is
 * muted by `track.enabled` (instant, no renegotiation); the camera is switched off by stopping
 * its track, so the device light goes off, and switched on by acquiring a new one
 * (`LocalMediaEvent.TrackReplaced` tells a Call to `replaceTrack` it on every sender).
 *
 * Devices: `setDevice` switches camera or microphone (a new track, the same senders: no
 * renegotiation). From the first `start` on it watches `devicechange`: the lists are reported
 * (`DevicesChanged`), and when the device in use goes away another one of its kind takes over
 * (`DeviceLost`, so the person can be told). A remembered device that is missing when asked for
 * again is replaced the same way instead of failing.
 *
 * Effects: `setProcessor` puts a {@link TrackProcessor} (noise suppression, background blur)
 * between a device track and what is sent. `audioTrack`/`videoTrack` and `stream` then hold the
 * processor's output, swapped in on every sender like a device switch (no renegotiation);
 * `inputTrack(kind)` is the device's own track.
 *
 * Two jobs live beside it: `startWithFallback` (which kind works when both together fail) and
 * `DeviceWatch` (the `devicechange` watch).
 */
export class LocalMedia extends TypedEmitter<LocalMediaEventCallbacks> {
  /** The local media; the same object for the life of this LocalMedia. */
  readonly stream: MediaStream;

  readonly #options: LocalMediaOptions;
  readonly #log: Logger;
  /** What is sent and shown: the processor's output, else the device track. */
  readonly #tracks: Record<MediaKind, MediaStreamTrack | null> = { audio: null, video: null };
  /** The device tracks. */
  readonly #inputs: Record<MediaKind, MediaStreamTrack | null> = { audio: null, video: null };
  readonly #processors: Record<MediaKind, TrackProcessor | null> = { audio: null, video: null };
  readonly #deviceIds: Partial<Record<MediaKind, string>> = {};
  /** The wanted camera facing, when chosen that way rather than by device. */
  #facingMode: 'user' | 'environment' | undefined;
  readonly #errors: Partial<Record<MediaKind, CallError>> = {};
  readonly #endedListeners = new Map<MediaStreamTrack, () => void>();
  /** A camera was had and not lost: `hasCamera` stays true while it is switched off. */
  #hadCamera = false;
  /** Wanted mic state; applied to every new audio track. */
  #micOn = true;
  /** Operations run one at a time, so fast toggling cannot leave two cameras open. */
  readonly #queue = new SerialQueue();
  /** Reports device lists and devices that went away, from the first `start` to `stop`. */
  readonly #watch: DeviceWatch;
  /** Kinds whose remembered device was missing at the last acquisition, with that device's id. */
  readonly #missing = new Map<MediaKind, string>();

  constructor(options: LocalMediaOptions = {}) {
    const log = options.logger ?? getLogger('media');
    super(log);
    this.#options = options;
    this.#log = log;
    this.stream = new MediaStream();
    this.#watch = new DeviceWatch(
      {
        devices: () => this.#devices(),
        input: (kind) => this.#inputs[kind],
        listed: (list) => this.safeEmit(LocalMediaEvent.DevicesChanged, list),
        gone: (kind, track) => void this.#serial(() => this.#deviceGone(kind, track)),
      },
      log,
    );
  }

  /**
   * The device's own track of a kind (no effect applied), if one is open: its settings name the
   * device, its facing mode, its real resolution.
   */
  inputTrack(kind: MediaKind): MediaStreamTrack | null {
    return this.#inputs[kind];
  }

  /**
   * Put an effect between the device and what is sent (`null` removes it). The output replaces
   * the current track on every sender of a Call (`TrackReplaced`): no renegotiation. The
   * processor follows device switches; the previous one is disconnected. When the processor
   * throws (now, or on a later device switch), it is dropped and the device track is sent as it
   * is; here this rejects with what it threw, so its owner can say why.
   */
  setProcessor(kind: MediaKind, processor: TrackProcessor | null): Promise<void> {
    // Async so that what #output throws rejects the returned promise.
    // eslint-disable-next-line @typescript-eslint/require-await
    return this.#serial(async () => {
      const previous = this.#processors[kind];
      if (previous !== processor) previous?.disconnect();
      this.#processors[kind] = processor;
      try {
        this.#output(kind);
      } finally {
        this.#changed();
      }
    });
  }

  /** The microphone track, if one is open. */
  get audioTrack(): MediaStreamTrack | null {
    return this.#tracks.audio;
  }

  /** The camera track, if the camera is on. */
  get videoTrack(): MediaStreamTrack | null {
    return this.#tracks.video;
  }

  /** A microphone is open. */
  get hasMic(): boolean {
    return this.#tracks.audio !== null;
  }

  /** A camera was acquired and not lost (stays true while the camera is switched off). */
  get hasCamera(): boolean {
    return this.#tracks.video !== null || this.#hadCamera;
  }

  /** The microphone is open and not muted. */
  get micEnabled(): boolean {
    return this.#tracks.audio !== null && this.#micOn;
  }

  /** The camera is on. */
  get cameraEnabled(): boolean {
    return this.#tracks.video !== null;
  }

  /** Why the microphone could not be had at the last try, if it could not. */
  get audioError(): CallError | undefined {
    return this.#errors.audio;
  }

  /** Why the camera could not be had at the last try, if it could not. */
  get videoError(): CallError | undefined {
    return this.#errors.video;
  }

  /**
   * Acquire what is wanted (both by default; kinds not wanted are left as they are). If one kind
   * fails and the other works, the failure is reported with `LocalMediaEvent.Error` and kept in
   * `audioError`/`videoError`; rejects with a Media* CallError only when nothing could be had.
   */
  start(options: LocalMediaStartOptions = {}): Promise<void> {
    this.#watch.start();
    return this.#serial(async () => {
      if (options.audioDeviceId !== undefined) this.#deviceIds.audio = options.audioDeviceId;
      if (options.videoDeviceId !== undefined) {
        this.#deviceIds.video = options.videoDeviceId;
        this.#facingMode = undefined;
      }
      if (options.videoFacingMode !== undefined) {
        this.#facingMode = options.videoFacingMode;
        delete this.#deviceIds.video;
      }
      const wanted = KINDS.filter((k) => options[k] ?? true);
      if (wanted.length === 0) return;
      const partial = await startWithFallback(wanted, {
        acquire: async (kinds) => this.#install(await this.#acquire(kinds)),
        fail: (kind, err) => this.#fail(kind, err),
        succeeded: (kind) => {
          delete this.#errors[kind];
        },
        error: (kind) => this.#errors[kind],
        changed: () => this.#changed(),
      });
      if (partial) this.safeEmit(LocalMediaEvent.Error, partial.error, partial.failed);
    });
  }

  /**
   * Mute or unmute the microphone (`track.enabled`, no renegotiation). Unmuting without an open
   * microphone tries to open one, and rejects with a Media* CallError if it cannot.
   */
  setMic(on: boolean): Promise<void> {
    return this.#serial(async () => {
      this.#micOn = on;
      const track = this.#tracks.audio;
      const input = this.#inputs.audio;
      if (input) input.enabled = on;
      if (track) track.enabled = on;
      else if (on) {
        try {
          this.#install(await this.#acquire(['audio']));
          delete this.#errors.audio;
        } catch (err) {
          this.#micOn = false;
          throw this.#fail('audio', err);
        }
      }
      this.#changed();
    });
  }

  /**
   * Switch the camera. Off stops the track (the device light goes off) and emits
   * `TrackReplaced('video', null)`; on acquires a new track and emits `TrackReplaced('video', t)`.
   * Rejects with a Media* CallError if the camera cannot be had.
   */
  setCamera(on: boolean): Promise<void> {
    return this.#serial(async () => {
      if (!on) {
        if (this.#tracks.video) this.#setTrack('video', null, true);
      } else if (!this.#tracks.video) {
        try {
          this.#install(await this.#acquire(['video']));
          delete this.#errors.video;
        } catch (err) {
          throw this.#fail('video', err);
        }
      }
      this.#changed();
    });
  }

  /**
   * Use another camera or microphone (an id from `listDevices()`), remembered for later
   * acquisitions. The new track replaces the old one on every sender of a Call: no
   * renegotiation; the mic keeps its muted state. With the camera off, the choice is only
   * remembered and used when it is switched on. Rejects with a Media* CallError when that device
   * cannot be had; the one in use then stays.
   */
  setDevice(kind: MediaKind, deviceId: string): Promise<void> {
    return this.#serial(async () => {
      const current = this.#inputs[kind];
      const previous = this.#deviceIds[kind];
      this.#deviceIds[kind] = deviceId;
      if (current && choiceOf(current).deviceId === deviceId) return;
      if (!current && kind === 'video') {
        this.#changed();
        return;
      }
      try {
        let stream: MediaStream;
        try {
          stream = await this.#acquire([kind], false);
        } catch (err) {
          if (!current || kind !== 'video' || !BUSY_DEVICE.has(errorName(err))) throw err;
          // Some phones open one camera at a time: let go of this one and try again.
          this.#setTrack('video', null, true);
          stream = await this.#acquire([kind], false);
        }
        this.#install(stream);
        delete this.#errors[kind];
        this.#changed();
      } catch (err) {
        if (previous === undefined) delete this.#deviceIds[kind];
        else this.#deviceIds[kind] = previous;
        if (current && !this.#inputs[kind]) {
          // The old camera was let go for nothing: bring it back (best effort).
          await this.#acquire([kind]).then(
            (stream) => this.#install(stream),
            () => undefined,
          );
          this.#changed();
        }
        throw toMediaError(err, kind === 'audio' ? 'microphone' : 'camera');
      }
    });
  }

  /**
   * The device in use for a kind (from its track), else the one chosen for it; undefined when
   * neither is known (the browser's default).
   */
  deviceId(kind: MediaKind): string | undefined {
    const track = this.#inputs[kind];
    const inUse = track ? choiceOf(track).deviceId : '';
    return inUse || this.#deviceIds[kind] || undefined;
  }

  /** The cameras and microphones the browser knows (labels only after permission was given). */
  async listDevices(): Promise<MediaDeviceInfo[]> {
    const devices = this.#devices();
    if (!devices) return [];
    return devices.enumerateDevices();
  }

  /** Stop every track and stop watching devices. `start()` may be called again later. */
  stop(): void {
    this.#watch.stop();
    for (const kind of KINDS) if (this.#inputs[kind]) this.#setTrack(kind, null, true);
    this.#hadCamera = false;
    this.#changed();
  }

  #serial<T>(op: () => Promise<T>): Promise<T> {
    return this.#queue.run(op);
  }

  #devices(): MediaDevicesLike | undefined {
    return this.#options.mediaDevices ?? globalThis.navigator?.mediaDevices;
  }

  /**
   * getUserMedia for `kinds`. With `fallback`, a remembered device that is not there any more
   * (OverconstrainedError/NotFoundError for its exact id) is forgotten and the default one is
   * asked for instead; `#install` then reports `DeviceLost`.
   */
  async #acquire(kinds: readonly MediaKind[], fallback = true): Promise<MediaStream> {
    const devices = this.#devices();
    if (!devices || typeof devices.getUserMedia !== 'function') {
      // No mediaDevices at all: an insecure context (http on a LAN address) or an old browser.
      throw new CallError(
        CallErrorCode.MediaUnsupported,
        'getUserMedia is not available (is the page served over HTTPS?)',
      );
    }
    try {
      return await devices.getUserMedia(this.#request(kinds));
    } catch (err) {
      const chosen = kinds.filter((k) => this.#deviceIds[k]);
      if (!fallback || chosen.length === 0 || !MISSING_DEVICE.has(errorName(err))) throw err;
      // Which kind's device is missing is not said: forget every chosen one and ask again.
      const dropped = new Map(chosen.map((k) => [k, this.#deviceIds[k] as string]));
      for (const k of chosen) delete this.#deviceIds[k];
      this.#log.warn(`chosen ${chosen.join(' and ')} device missing; using the default`);
      const stream = await devices.getUserMedia(this.#request(kinds));
      for (const [k, id] of dropped) this.#missing.set(k, id);
      return stream;
    }
  }

  #request(kinds: readonly MediaKind[]): MediaStreamConstraints {
    const constraints: MediaStreamConstraints = {};
    if (kinds.includes('audio')) {
      constraints.audio = this.#constraints('audio');
    }
    if (kinds.includes('video')) {
      constraints.video = this.#constraints('video');
    }
    this.#log.debug('getUserMedia', constraints);
    return constraints;
  }

  #constraints(kind: MediaKind): MediaTrackConstraints {
    const base =
      kind === 'audio'
        ? (this.#options.audioConstraints ?? DEFAULT_AUDIO_CONSTRAINTS)
        : (this.#options.videoConstraints ?? DEFAULT_VIDEO_CONSTRAINTS);
    const deviceId = this.#deviceIds[kind];
    if (deviceId) return { ...base, deviceId: { exact: deviceId } };
    if (kind === 'video' && this.#facingMode)
      return { ...base, facingMode: { ideal: this.#facingMode } };
    return { ...base };
  }

  /** Put the tracks of a freshly acquired stream in place of the old ones. */
  #install(acquired: MediaStream): void {
    for (const track of acquired.getTracks()) {
      const kind = track.kind as MediaKind;
      if (kind !== 'audio' && kind !== 'video') continue;
      this.#setTrack(kind, track, true);
      const missing = this.#missing.get(kind);
      this.#missing.delete(kind);
      const now = choiceOf(track);
      if (missing !== undefined && now.deviceId !== missing) {
        this.safeEmit(LocalMediaEvent.DeviceLost, kind, now, { deviceId: missing, label: '' });
      }
    }
  }

  #setTrack(kind: MediaKind, track: MediaStreamTrack | null, stopOld: boolean): void {
    const old = this.#inputs[kind];
    if (old === track) return;
    if (old) {
      const onEnded = this.#endedListeners.get(old);
      if (onEnded) old.removeEventListener('ended', onEnded);
      this.#endedListeners.delete(old);
      if (stopOld) old.stop();
    }
    if (track) {
      if (kind === 'audio') track.enabled = this.#micOn;
      if (kind === 'video') this.#hadCamera = true;
      // A device unplugged (or revoked) ends its track without us: forget it and tell the Call.
      const onEnded = (): void => {
        this.#log.warn(`${kind} track ended by the device`);
        if (kind === 'video') this.#hadCamera = false;
        this.#setTrack(kind, null, false);
        this.#changed();
        void this.#serial(() => this.#replaceLost(kind, choiceOf(track)));
      };
      track.addEventListener('ended', onEnded);
      this.#endedListeners.set(track, onEnded);
    }
    this.#inputs[kind] = track;
    try {
      this.#output(kind);
    } catch (err) {
      // The effect broke on this device: the device's own track is sent rather than nothing.
      this.#log.warn(`${kind} effect failed; sending without it`, err);
    }
  }

  /**
   * Work out what is sent for `kind` (processor output or device track) and, when that changes,
   * put it into `stream` and tell the Call (`TrackReplaced`). A processor that throws is dropped
   * (the device track is sent) and what it threw is thrown on.
   */
  #output(kind: MediaKind): void {
    const input = this.#inputs[kind];
    const processor = this.#processors[kind];
    let sent = input;
    let failure: unknown;
    try {
      if (input && processor) sent = processor.connect(input);
      else processor?.disconnect();
    } catch (err) {
      failure = err;
      this.#processors[kind] = null;
      processor?.disconnect();
    }
    const old = this.#tracks[kind];
    if (sent && kind === 'audio') sent.enabled = this.#micOn;
    if (old !== sent) {
      if (old) this.stream.removeTrack(old);
      if (sent) this.stream.addTrack(sent);
      this.#tracks[kind] = sent;
      this.safeEmit(LocalMediaEvent.TrackReplaced, kind, sent);
    }
    if (failure !== undefined) throw failure as Error;
  }

  /** `DeviceWatch` found the device of `track` gone: let go of it and use another one. */
  async #deviceGone(kind: MediaKind, track: MediaStreamTrack): Promise<void> {
    // Queued: something else may have replaced the track meanwhile.
    if (this.#inputs[kind] !== track) return;
    this.#log.warn(`${kind} device ${choiceOf(track).deviceId} is gone`);
    if (kind === 'video') this.#hadCamera = false;
    this.#setTrack(kind, null, true);
    this.#changed();
    await this.#replaceLost(kind, choiceOf(track));
  }

  /** The device of `kind` went away: use another one of the kind, and say so. */
  async #replaceLost(kind: MediaKind, lost: DeviceChoice): Promise<void> {
    const lostDeviceId = lost.deviceId;
    // Something else (start, setDevice, camera on) already put a new track in place.
    if (this.#inputs[kind]) return;
    if (this.#deviceIds[kind] === lostDeviceId || !lostDeviceId) delete this.#deviceIds[kind];
    try {
      const stream = await this.#acquire([kind]);
      this.#missing.delete(kind); // Reported just below, once.
      this.#install(stream);
      delete this.#errors[kind];
      const track = this.#inputs[kind];
      this.safeEmit(LocalMediaEvent.DeviceLost, kind, track ? choiceOf(track) : null, lost);
    } catch (err) {
      this.#fail(kind, err);
      this.safeEmit(LocalMediaEvent.DeviceLost, kind, null, lost);
    }
    this.#changed();
  }

  /** Record why `kind` could not be had. */
  #fail(kind: MediaKind, err: unknown): CallError {
    const error = toMediaError(err, kind === 'audio' ? 'microphone' : 'camera');
    this.#errors[kind] = error;
    return error;
  }

  #changed(): void {
    this.safeEmit(LocalMediaEvent.Changed);
  }
}
