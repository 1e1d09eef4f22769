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
    return {};
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

/** navigator.mediaDevices with a configurable set of devices and failures. */
export class FakeMediaDevices {
  /** Which devices exist. */
  devices = { audio: true, video: true };
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
    if ((constraints.audio && !this.devices.audio) || (constraints.video && !this.devices.video)) {
      return Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
    }
    const stream = new FakeMediaStream();
    for (const kind of ['audio', 'video'] as const) {
      if (!constraints[kind]) continue;
      const track = new FakeMediaStreamTrack(kind);
      this.tracks.push(track);
      stream.addTrack(track);
    }
    return Promise.resolve(stream as unknown as MediaStream);
  }

  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    const list: MediaDeviceInfo[] = [];
    if (this.devices.audio) list.push(device('audioinput', 'mic-1'));
    if (this.devices.video) list.push(device('videoinput', 'cam-1'));
    return Promise.resolve(list);
  }
}

function device(kind: MediaDeviceKind, deviceId: string): MediaDeviceInfo {
  return {
    kind,
    deviceId,
    groupId: 'g',
    label: deviceId,
    toJSON() {
      return this;
    },
  };
}

/** Install FakeMediaStream as the global MediaStream (what the SDK constructs). */
export function installFakeMediaGlobals(): void {
  (globalThis as { MediaStream?: unknown }).MediaStream = FakeMediaStream;
}
