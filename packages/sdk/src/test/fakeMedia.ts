/**
 * Stand-ins for the browser's MediaStream, MediaStreamTrack and navigator.mediaDevices, enough
 * for the SDK's unit tests in Node (vitest runs without a DOM).
 */

let nextId = 1;

/** A track that records what was done to it. */
export class FakeMediaStreamTrack extends EventTarget {
  readonly id = `track-${nextId++}`;
  readonly kind: 'audio' | 'video';
  readonly label: string;
  enabled = true;
  muted = false;
  readyState: MediaStreamTrackState = 'live';
  contentHint = '';
  /** What getSettings() reports (e.g. a capture size). */
  settings: MediaTrackSettings = {};
  /** Every applyConstraints() call's constraints. */
  readonly appliedConstraints: MediaTrackConstraints[] = [];

  constructor(kind: 'audio' | 'video', label = `fake ${kind}`) {
    super();
    this.kind = kind;
    this.label = label;
  }

  /** Like the browser: stops the device, fires nothing. */
  stop(): void {
    this.readyState = 'ended';
  }

  /** The device went away (unplugged): ends the track and fires `ended`. */
  endByDevice(): void {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }

  getSettings(): MediaTrackSettings {
    return { ...this.settings };
  }

  applyConstraints(constraints: MediaTrackConstraints = {}): Promise<void> {
    this.appliedConstraints.push(constraints);
    return Promise.resolve();
  }
}

/** A MediaStream: an ordered set of tracks. */
export class FakeMediaStream extends EventTarget {
  readonly id = `stream-${nextId++}`;
  readonly #tracks: FakeMediaStreamTrack[] = [];

  constructor(tracks: FakeMediaStreamTrack[] = []) {
    super();
    for (const t of tracks) this.addTrack(t);
  }

  get active(): boolean {
    return this.#tracks.some((t) => t.readyState === 'live');
  }

  addTrack(track: FakeMediaStreamTrack): void {
    if (!this.#tracks.includes(track)) this.#tracks.push(track);
  }

  removeTrack(track: FakeMediaStreamTrack): void {
    const i = this.#tracks.indexOf(track);
    if (i >= 0) this.#tracks.splice(i, 1);
  }

  getTracks(): FakeMediaStreamTrack[] {
    return [...this.#tracks];
  }

  getAudioTracks(): FakeMediaStreamTrack[] {
    return this.#tracks.filter((t) => t.kind === 'audio');
  }

  getVideoTracks(): FakeMediaStreamTrack[] {
    return this.#tracks.filter((t) => t.kind === 'video');
  }
}

/** Decides whether a getUserMedia call fails: return the error to throw, or undefined. */
export type GumFailure = (constraints: MediaStreamConstraints) => unknown;

/** A fake camera or microphone. */
export interface FakeInput {
  kind: 'audio' | 'video';
  deviceId: string;
  label: string;
}

/**
 * navigator.mediaDevices with a configurable set of devices and failures. Tracks report the
 * device they capture from (`getSettings().deviceId`, `label`); an exact deviceId that is not
 * plugged in fails with OverconstrainedError, like Chromium. `unplug`/`plug` fire `devicechange`.
 */
export class FakeMediaDevices extends EventTarget {
  /** Which kinds exist at all (a kind without devices fails with NotFoundError). */
  devices = { audio: true, video: true };
  /** The devices plugged in, first of a kind = the default. */
  inputs: FakeInput[] = [
    { kind: 'audio', deviceId: 'mic-1', label: 'Microphone 1' },
    { kind: 'video', deviceId: 'cam-1', label: 'Camera 1' },
  ];
  /** Make calls fail (e.g. camera permission refused). */
  fail: GumFailure | undefined;
  /** Every getUserMedia call's constraints. */
  readonly calls: MediaStreamConstraints[] = [];
  /** Every track handed out. */
  readonly tracks: FakeMediaStreamTrack[] = [];

  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    this.calls.push(constraints);
    const error = this.fail?.(constraints);
    // Tests pass DOMExceptions and the odd non-Error on purpose.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    if (error) return Promise.reject(error);
    if (!constraints.audio && !constraints.video) {
      return Promise.reject(new TypeError('at least one of audio and video must be requested'));
    }
    const chosen: FakeInput[] = [];
    for (const kind of ['audio', 'video'] as const) {
      const wanted = constraints[kind];
      if (!wanted) continue;
      const plugged = this.devices[kind] ? this.inputs.filter((d) => d.kind === kind) : [];
      if (plugged.length === 0) {
        return Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
      }
      const exact = typeof wanted === 'object' ? exactId(wanted.deviceId) : undefined;
      const input = exact === undefined ? plugged[0] : plugged.find((d) => d.deviceId === exact);
      if (!input) return Promise.reject(new DOMException('deviceId', 'OverconstrainedError'));
      chosen.push(input);
    }
    const stream = new FakeMediaStream();
    for (const input of chosen) {
      const track = new FakeMediaStreamTrack(input.kind, input.label);
      track.settings = { deviceId: input.deviceId };
      this.tracks.push(track);
      stream.addTrack(track);
    }
    return Promise.resolve(stream as unknown as MediaStream);
  }

  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    const list = this.inputs
      .filter((d) => this.devices[d.kind])
      .map((d) => device(d.kind === 'audio' ? 'audioinput' : 'videoinput', d.deviceId, d.label));
    return Promise.resolve(list);
  }

  /** Live tracks of a device. */
  liveTracksOf(deviceId: string): FakeMediaStreamTrack[] {
    return this.tracks.filter(
      (t) => t.readyState === 'live' && t.getSettings().deviceId === deviceId,
    );
  }

  /**
   * Unplug a device: its live tracks end (unless `endTracks` is false: some browsers only fire
   * `devicechange`), then `devicechange` fires.
   */
  unplug(deviceId: string, { endTracks = true }: { endTracks?: boolean } = {}): void {
    this.inputs = this.inputs.filter((d) => d.deviceId !== deviceId);
    if (endTracks) for (const t of this.liveTracksOf(deviceId)) t.endByDevice();
    this.dispatchEvent(new Event('devicechange'));
  }

  /** Plug a device in; `devicechange` fires. */
  plug(input: FakeInput): void {
    this.inputs.push(input);
    this.dispatchEvent(new Event('devicechange'));
  }
}

function exactId(c: ConstrainDOMString | undefined): string | undefined {
  if (typeof c === 'object' && !Array.isArray(c) && c !== null && 'exact' in c) {
    return typeof c.exact === 'string' ? c.exact : undefined;
  }
  return undefined;
}

/** navigator.mediaDevices.getDisplayMedia: hands out a fake screen, or fails as told. */
export class FakeDisplayMedia {
  /** Make the next calls fail (e.g. `new DOMException('', 'NotAllowedError')`). */
  fail: unknown;
  /** Size of the fake screen. */
  size = { width: 1280, height: 720 };
  /** Every getDisplayMedia call's options. */
  readonly calls: DisplayMediaStreamOptions[] = [];
  /** Every screen track handed out. */
  readonly tracks: FakeMediaStreamTrack[] = [];

  getDisplayMedia(options: DisplayMediaStreamOptions = {}): Promise<MediaStream> {
    this.calls.push(options);
    // Tests pass DOMExceptions on purpose.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    if (this.fail) return Promise.reject(this.fail);
    const track = new FakeMediaStreamTrack('video', 'screen:0:0');
    track.settings = { ...this.size };
    this.tracks.push(track);
    return Promise.resolve(new FakeMediaStream([track]) as unknown as MediaStream);
  }
}

function device(kind: MediaDeviceKind, deviceId: string, label: string): MediaDeviceInfo {
  return {
    kind,
    deviceId,
    groupId: 'g',
    label,
    toJSON() {
      return this;
    },
  };
}

/** Install FakeMediaStream as the global MediaStream (what the SDK constructs). */
export function installFakeMediaGlobals(): void {
  (globalThis as { MediaStream?: unknown }).MediaStream = FakeMediaStream;
}
