/**
 * One visit to a room page: the local camera and microphone (from the lobby through the call),
 * the Call once joined, and the page's phase. Plain TypeScript with signals, so the lobby and
 * the call view stay thin.
 */
import { signal } from '@preact/signals';
import {
  type Call,
  CallErrorCode,
  CallEvent,
  CallState,
  LocalMedia,
  LocalMediaEvent,
  type MediaKind,
} from '@zvonok/sdk';
import { forgetSession, forgetStored, readStored, writeStored } from '../hooks/storage';
import { loadCallScreen } from './callScreen';
import { signalingUrl } from './signalingUrl';
import { relayOnly } from '../security/relayOnly';
import { rememberDevice, rememberedInputs } from '../settings/devicePrefs';
import { DeviceWatch } from '../settings/DeviceWatch';

const NAME_KEY = 'zvonok.name';
/** Per tab (sessionStorage): a reload replaces its own earlier session instead of a ghost. */
const resumeKey = (room: string): string => `zvonok.resume.${room}`;
/**
 * Per browser (localStorage): the takeover token of this person's latest session in the room, so
 * that a second tab (or a new tab after a crash) takes the call over instead of adding a twin;
 * the tab it was taken from can take it back the same way. Only the takeover token goes here: it
 * can end that session but never resume it, so whoever reads this storage later gains little.
 */
const latestKey = (room: string): string => `zvonok.latest.${room}`;

/** Where the room page is. */
export type RoomPhase = 'lobby' | 'call' | 'left';

/** The local media as the UI shows it. */
export interface MediaSnapshot {
  readonly micOn: boolean;
  readonly cameraOn: boolean;
  readonly hasMic: boolean;
  readonly hasCamera: boolean;
  readonly audioTrack: MediaStreamTrack | undefined;
  /** Changes whenever the tracks do, so views re-render. */
  readonly version: number;
}

/** A media failure: `all` when nothing could be had, else the kind that failed. */
export interface MediaProblem {
  readonly error: unknown;
  readonly scope: 'all' | MediaKind;
  /**
   * Whether joining with the microphone alone could work: not when audio alone was just tried,
   * nor when the microphone failed on its own.
   */
  readonly audioOnlyPossible: boolean;
}

/** Starting the camera/microphone: not yet, in progress, or settled. */
export type MediaStatus = 'idle' | 'starting' | 'settled';

/** A room page's state and actions. */
export class RoomSession {
  readonly media = new LocalMedia();
  readonly phase = signal<RoomPhase>('lobby');
  readonly call = signal<Call | null>(null);
  readonly mediaStatus = signal<MediaStatus>('idle');
  readonly mediaProblem = signal<MediaProblem | null>(null);
  readonly mediaState = signal<MediaSnapshot>(this.#snapshot(0));
  readonly joining = signal(false);
  readonly joinError = signal<unknown>(null);
  readonly name = signal(readStored(NAME_KEY) ?? '');
  readonly password = signal('');
  /** What the person wants before media exists (the lobby toggles). */
  readonly wantMic = signal(true);
  readonly wantCamera = signal(true);
  /** Notices about devices going away (the SDK has already switched to another one). */
  readonly deviceWatch = new DeviceWatch(this.media);

  /** The media start in progress, so that joining waits for the tracks to exist. */
  #starting: Promise<boolean> | undefined;
  /** Another tab took the call over and this one stopped its camera and microphone. */
  #devicesHandedOver = false;
  #offCall: (() => void) | undefined;

  constructor(readonly room: string) {}

  /**
   * Subscribes to the local media's events, and leaves when the page goes away (closing the tab
   * tells the others at once instead of after the server's liveness timeout). Returns the
   * unsubscribe.
   */
  connect(): () => void {
    const onPageHide = (): void => this.dispose();
    addEventListener('pagehide', onPageHide);
    const offs = [
      () => removeEventListener('pagehide', onPageHide),
      this.media.on(LocalMediaEvent.Changed, () => this.#refresh()),
      this.media.on(LocalMediaEvent.TrackReplaced, () => this.#refresh()),
      this.media.on(LocalMediaEvent.Error, (error, kind) => {
        this.mediaProblem.value = { error, scope: kind, audioOnlyPossible: true };
      }),
      this.deviceWatch.connect(),
    ];
    return () => offs.forEach((off) => off());
  }

  /** Starts (or restarts) the camera and microphone the person wants. */
  startMedia(options: { audioOnly?: boolean; deviceReset?: boolean } = {}): Promise<boolean> {
    const run = this.#startMedia(options);
    this.#starting = run;
    return run;
  }

  async #startMedia(options: { audioOnly?: boolean; deviceReset?: boolean }): Promise<boolean> {
    const audio = this.wantMic.value || options.audioOnly === true;
    const video = options.audioOnly ? false : this.wantCamera.value;
    this.mediaStatus.value = 'starting';
    this.mediaProblem.value = null;
    try {
      if (options.audioOnly) await this.media.setCamera(false);
      // Asking for the mic even when it should start muted: the toggle then only flips
      // track.enabled, and the permission prompt comes now rather than mid-call.
      // The devices chosen last time (a missing one falls back to another, with a notice).
      await this.media.start({
        audio: true,
        video,
        ...(options.deviceReset ? { audioDeviceId: '', videoDeviceId: '' } : rememberedInputs()),
      });
      await this.media.setMic(audio && this.wantMic.value);
      return true;
    } catch (error) {
      this.mediaProblem.value = {
        error,
        scope: 'all',
        audioOnlyPossible: video && this.media.audioError === undefined,
      };
      return false;
    } finally {
      this.mediaStatus.value = 'settled';
      this.#refresh();
    }
  }

  /**
   * Switches to another camera or microphone (in a call: the same senders, no renegotiation; a
   * camera that is off only remembers it) and remembers the choice for the next call.
   */
  async useDevice(kind: MediaKind, deviceId: string): Promise<void> {
    this.mediaProblem.value = null;
    try {
      await this.media.setDevice(kind, deviceId);
      rememberDevice(kind === 'audio' ? 'audioinput' : 'videoinput', deviceId);
    } catch (error) {
      this.mediaProblem.value = { error, scope: kind, audioOnlyPossible: true };
    }
  }

  /** Mic on/off, in the lobby or in the call (where the room is told). */
  async setMic(on: boolean): Promise<void> {
    this.wantMic.value = on;
    try {
      const call = this.call.value;
      await (call ? call.setMic(on) : this.media.setMic(on));
      if (this.mediaProblem.value?.scope === 'audio') this.mediaProblem.value = null;
    } catch (error) {
      this.wantMic.value = false;
      this.mediaProblem.value = { error, scope: 'audio', audioOnlyPossible: true };
    } finally {
      this.#refresh();
    }
  }

  /** Camera on/off, in the lobby or in the call. */
  async setCamera(on: boolean): Promise<void> {
    this.wantCamera.value = on;
    try {
      const call = this.call.value;
      await (call ? call.setCamera(on) : this.media.setCamera(on));
      if (this.mediaProblem.value?.scope === 'video') this.mediaProblem.value = null;
    } catch (error) {
      this.wantCamera.value = false;
      this.mediaProblem.value = { error, scope: 'video', audioOnlyPossible: true };
    } finally {
      this.#refresh();
    }
  }

  /** Joins the call with whatever media is running. Resolves true once in the call. */
  async join(): Promise<boolean> {
    if (this.joining.value) return false;
    this.joining.value = true;
    this.joinError.value = null;
    // Joining before the camera is up would negotiate without it; wait for it (a pending
    // permission prompt included: the person sees it and answers it first).
    await this.#starting;
    const name = this.name.value.trim();
    if (name) writeStored(NAME_KEY, name);
    let screen;
    try {
      // Loaded while the person was in the lobby; awaited here in case it was not yet.
      screen = await loadCallScreen();
    } catch (error) {
      this.joinError.value = error;
      this.joining.value = false;
      return false;
    }
    const call = new screen.Call({
      signalingUrl: signalingUrl(),
      media: this.media,
      relayOnly: relayOnly.value,
    });
    // This tab's own earlier session (reload) or else the latest one of this person here (a
    // second tab, or taking the call back after another tab took it).
    const replaceToken =
      readStored(resumeKey(this.room), 'session') ?? readStored(latestKey(this.room));
    try {
      await call.join({
        room: this.room,
        ...(name ? { name } : {}),
        ...(this.password.value ? { password: this.password.value } : {}),
        ...(replaceToken ? { replaceToken } : {}),
      });
      this.#rememberToken(call);
      this.#offCall?.();
      const offs = [
        call.on(CallEvent.StateChanged, (state) => {
          if (state === CallState.Connected) this.#rememberToken(call);
        }),
        call.on(CallEvent.Error, (error) => {
          if (error.code !== CallErrorCode.Replaced) return;
          // Taken over by another tab: a reload here must not take it back by itself, and the
          // camera and microphone belong to the tab in the call now (the light goes out here).
          forgetSession(resumeKey(this.room));
          this.#devicesHandedOver = true;
          this.media.stop();
          this.#refresh();
        }),
      ];
      this.#offCall = () => offs.forEach((off) => off());
      this.call.value = call;
      this.phase.value = 'call';
      return true;
    } catch (error) {
      this.joinError.value = error;
      await call.leave().catch(() => undefined); // Nothing to undo if it never got in.
      return false;
    } finally {
      this.joining.value = false;
    }
  }

  /** Joins with the microphone only (the camera was refused, missing or busy). */
  async joinAudioOnly(): Promise<void> {
    this.wantCamera.value = false;
    if (!this.media.hasMic || this.mediaProblem.value?.scope === 'all') {
      if (!(await this.startMedia({ audioOnly: true }))) return;
    } else {
      await this.media.setCamera(false).catch(() => undefined);
      this.mediaProblem.value = null;
    }
    await this.join();
  }

  /** Joins to watch and chat, with no camera or microphone. */
  async joinWithoutMedia(): Promise<void> {
    this.media.stop();
    this.wantMic.value = false;
    this.wantCamera.value = false;
    this.mediaProblem.value = null;
    await this.join();
  }

  /** Leaves the call and turns the devices off (the camera light goes out). */
  async leave(): Promise<void> {
    const call = this.#detachCall();
    forgetSession(resumeKey(this.room));
    // Another tab that took the call over keeps its token.
    const own = call?.takeoverToken;
    if (own !== undefined && readStored(latestKey(this.room)) === own) {
      forgetStored(latestKey(this.room));
    }
    this.phase.value = 'left';
    this.media.stop();
    await call?.leave().catch(() => undefined);
  }

  /** From the "left" screen or a lost call back to the lobby, devices restarted. */
  async backToLobby(): Promise<void> {
    const call = this.#detachCall();
    await call?.leave().catch(() => undefined);
    this.phase.value = 'lobby';
    this.wantMic.value = true;
    this.wantCamera.value = true;
    await this.startMedia();
  }

  /** A lost call (signaling gave up, or replaced by another tab): join again at once. */
  async rejoin(): Promise<void> {
    const call = this.#detachCall();
    await call?.leave().catch(() => undefined);
    // Taken over by another tab, this one let its devices go: take them again, as they were.
    if (this.#devicesHandedOver) {
      this.#devicesHandedOver = false;
      await this.startMedia();
    }
    if (!(await this.join())) this.phase.value = 'lobby';
  }

  /** Ends everything when the page goes away. */
  dispose(): void {
    const call = this.#detachCall();
    this.media.stop();
    call?.leave().catch(() => undefined);
  }

  #detachCall(): Call | null {
    const call = this.call.value;
    this.call.value = null;
    this.#offCall?.();
    this.#offCall = undefined;
    return call;
  }

  #rememberToken(call: Call): void {
    const token = call.resumeToken;
    if (token) writeStored(resumeKey(this.room), token, 'session');
    const takeover = call.takeoverToken;
    if (takeover) writeStored(latestKey(this.room), takeover);
  }

  #refresh(): void {
    this.mediaState.value = this.#snapshot(this.mediaState.value.version + 1);
  }

  #snapshot(version: number): MediaSnapshot {
    const media = this.media;
    return {
      micOn: media.micEnabled,
      cameraOn: media.cameraEnabled,
      hasMic: media.hasMic,
      hasCamera: media.hasCamera,
      audioTrack: media.audioTrack ?? undefined,
      version,
    };
  }
}
