import type { MediaKind } from '../events.js';
import type { Logger } from '../utils/logger.js';
import { choiceOf } from './deviceChoice.js';
import type { MediaDevicesLike } from './LocalMedia.js';

const KINDS: readonly MediaKind[] = ['audio', 'video'];

/** `MediaDeviceInfo.kind` of each track kind. */
const INPUT_KIND: Record<MediaKind, MediaDeviceKind> = { audio: 'audioinput', video: 'videoinput' };

/** What a {@link DeviceWatch} reads from and reports to (LocalMedia). */
export interface DeviceWatchHost {
  /** The browser's media devices, if there are any. */
  devices(): MediaDevicesLike | undefined;
  /** The device track of a kind in use now, if one is open. */
  input(kind: MediaKind): MediaStreamTrack | null;
  /** The device lists after a change. */
  listed(devices: MediaDeviceInfo[]): void;
  /** The device of `track` is not listed any more: `track` is to be replaced. */
  gone(kind: MediaKind, track: MediaStreamTrack): void;
}

/**
 * The kinds whose track in use captures from a device that `list` no longer has. Without ids
 * (no permission yet) nothing can be told; a live track whose device is not listed has lost it,
 * even if the browser has not ended the track (yet).
 */
export function goneKinds(
  list: readonly MediaDeviceInfo[],
  input: (kind: MediaKind) => MediaStreamTrack | null,
): MediaKind[] {
  return KINDS.filter((kind) => {
    const track = input(kind);
    const id = track ? choiceOf(track).deviceId : '';
    const known = list.filter((d) => d.kind === INPUT_KIND[kind] && d.deviceId);
    return track !== null && id !== '' && known.length > 0 && !known.some((d) => d.deviceId === id);
  });
}

/**
 * Watches `devicechange`: reports the device lists and names each track in use whose device went
 * away. Kept apart from LocalMedia, which decides what replaces a lost device.
 */
export class DeviceWatch {
  readonly #host: DeviceWatchHost;
  readonly #log: Logger;
  /** Stops watching `devicechange`; set while watching. */
  #unwatch: (() => void) | undefined;

  constructor(host: DeviceWatchHost, log: Logger) {
    this.#host = host;
    this.#log = log;
  }

  /** Start watching (again a no-op while watching; nothing to watch without `addEventListener`). */
  start(): void {
    if (this.#unwatch) return;
    const devices = this.#host.devices();
    if (typeof devices?.addEventListener !== 'function') return;
    const onChange = (): void => void this.#onChange(devices);
    devices.addEventListener('devicechange', onChange);
    this.#unwatch = () => devices.removeEventListener?.('devicechange', onChange);
  }

  /** Stop watching; `start()` may be called again. */
  stop(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  async #onChange(devices: MediaDevicesLike): Promise<void> {
    let list: MediaDeviceInfo[];
    try {
      list = await devices.enumerateDevices();
    } catch (err) {
      this.#log.debug('enumerateDevices failed', err);
      return;
    }
    this.#host.listed(list);
    for (const kind of goneKinds(list, (k) => this.#host.input(k))) {
      const track = this.#host.input(kind);
      if (track) this.#host.gone(kind, track);
    }
  }
}
