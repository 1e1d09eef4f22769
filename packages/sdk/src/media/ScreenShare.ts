import { CallError, CallErrorCode } from '../errors.js';
import { errorName } from '../utils/errorName.js';
import { TypedEmitter } from '../utils/TypedEmitter.js';
import { getLogger, type Logger } from '../utils/logger.js';
import { toMediaError } from './mediaErrors.js';

/** The part of `navigator.mediaDevices` screen sharing uses (injectable for tests). */
export type DisplayMediaLike = Pick<MediaDevices, 'getDisplayMedia'>;

/** What `startScreenShare()` came to, when it did not fail. */
export enum ScreenShareResult {
  /** The screen is being shared now. */
  Started = 'started',
  /** It was already being shared: nothing changed. */
  AlreadySharing = 'already-sharing',
  /**
   * The person closed the picker or refused (NotAllowedError, AbortError): nothing to show, the
   * call goes on as before.
   */
  Cancelled = 'cancelled',
}

/** Largest size a shared screen is sent at; bigger screens are scaled down to fit. */
export const SCREEN_MAX_WIDTH = 1920;
export const SCREEN_MAX_HEIGHT = 1080;
/** Frame rate cap of a shared screen. */
export const SCREEN_MAX_FRAME_RATE = 30;

/** Events of {@link ScreenShare}. */
export type ScreenShareEvents = {
  /**
   * Sharing stopped without `stop()`: the browser's own "Stop sharing" button, or the shared
   * window closed. args: ()
   */
  ended: () => void;
};

/** Options of `new ScreenShare(...)`. */
export interface ScreenShareOptions {
  /** Default: `navigator.mediaDevices`, looked up when needed. */
  mediaDevices?: DisplayMediaLike;
  logger?: Logger;
}

/** Whether `devices` (default: this browser) can share a screen. False on phones. */
export function canShareScreen(devices?: Partial<DisplayMediaLike>): boolean {
  const md: Partial<DisplayMediaLike> | undefined = devices ?? globalThis.navigator?.mediaDevices;
  return typeof md?.getDisplayMedia === 'function';
}

/**
 * One screen capture at a time: `getDisplayMedia` at the screen's own size (scaled down to fit
 * 1920x1080 when larger, never up), at most 30 fps, marked `contentHint = 'detail'` so encoders
 * keep text sharp (resolution over frame rate). Owned by a Call; no UI.
 */
export class ScreenShare extends TypedEmitter<ScreenShareEvents> {
  readonly #options: ScreenShareOptions;
  readonly #log: Logger;
  #stream: MediaStream | null = null;
  #onEnded: (() => void) | undefined;
  /** A picker is open: a second start() waits for it rather than opening another. */
  #pending: Promise<ScreenShareResult> | undefined;

  constructor(options: ScreenShareOptions = {}) {
    const log = options.logger ?? getLogger('screen');
    super(log);
    this.#options = options;
    this.#log = log;
  }

  /** Whether this browser can share a screen at all. */
  get supported(): boolean {
    return canShareScreen(this.#devices());
  }

  /** The captured screen while sharing. */
  get stream(): MediaStream | null {
    return this.#stream;
  }

  /** The screen's video track while sharing. */
  get track(): MediaStreamTrack | null {
    return this.#stream?.getVideoTracks()[0] ?? null;
  }

  /** Sharing now. */
  get active(): boolean {
    return this.track !== null;
  }

  /**
   * Open the browser's picker and capture what the person chooses (must follow a click).
   * Resolves `Cancelled` when the picker is closed or refused; rejects with a CallError
   * (`MediaUnsupported` without getDisplayMedia, `MediaDeviceBusy`, `MediaFailed`) otherwise.
   */
  start(): Promise<ScreenShareResult> {
    if (this.active) return Promise.resolve(ScreenShareResult.AlreadySharing);
    this.#pending ??= this.#start().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  /** Stop capturing (the browser's sharing indicator goes away). Emits nothing. */
  stop(): void {
    const stream = this.#stream;
    if (!stream) return;
    this.#stream = null;
    for (const track of stream.getTracks()) {
      if (this.#onEnded) track.removeEventListener('ended', this.#onEnded);
      track.stop();
    }
    this.#onEnded = undefined;
  }

  async #start(): Promise<ScreenShareResult> {
    const devices = this.#devices();
    if (!devices || typeof devices.getDisplayMedia !== 'function') {
      throw new CallError(CallErrorCode.MediaUnsupported, 'this browser cannot share a screen');
    }
    let stream: MediaStream;
    try {
      stream = await devices.getDisplayMedia({
        video: { frameRate: { max: SCREEN_MAX_FRAME_RATE } },
        audio: false,
      });
    } catch (err) {
      const name = errorName(err);
      // Closing the picker is NotAllowedError in Chromium and Firefox, AbortError in some
      // versions; a refusal by the system looks the same. Neither is a failure to show.
      if (name === 'NotAllowedError' || name === 'AbortError') {
        this.#log.info(`screen picker closed (${name})`);
        return ScreenShareResult.Cancelled;
      }
      throw toMediaError(err, 'screen');
    }
    const track = stream.getVideoTracks()[0];
    if (!track) {
      for (const t of stream.getTracks()) t.stop();
      throw new CallError(CallErrorCode.MediaFailed, 'screen: the capture has no video');
    }
    if ('contentHint' in track) track.contentHint = 'detail';
    await fitWithin(track, this.#log);
    const onEnded = (): void => {
      if (this.#stream !== stream) return;
      this.#log.info('screen sharing ended by the browser');
      this.stop();
      this.safeEmit('ended');
    };
    track.addEventListener('ended', onEnded);
    this.#onEnded = onEnded;
    this.#stream = stream;
    return ScreenShareResult.Started;
  }

  #devices(): Partial<DisplayMediaLike> | undefined {
    return this.#options.mediaDevices ?? globalThis.navigator?.mediaDevices;
  }
}

/**
 * Scale a capture larger than 1920x1080 down to fit. Asking for `max` sizes up front would make
 * some browsers scale smaller screens *up* to the maximum, sending more pixels than exist.
 */
async function fitWithin(track: MediaStreamTrack, log: Logger): Promise<void> {
  const { width = 0, height = 0 } =
    typeof track.getSettings === 'function' ? track.getSettings() : {};
  if (width <= SCREEN_MAX_WIDTH && height <= SCREEN_MAX_HEIGHT) return;
  const scale = Math.min(SCREEN_MAX_WIDTH / width, SCREEN_MAX_HEIGHT / height);
  try {
    await track.applyConstraints({
      width: { max: Math.round(width * scale) },
      height: { max: Math.round(height * scale) },
      frameRate: { max: SCREEN_MAX_FRAME_RATE },
    });
  } catch (err) {
    // The capture stays at its own size: sharper than asked, still usable.
    log.warn('could not scale the shared screen down', err);
  }
}
