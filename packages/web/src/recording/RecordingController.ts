/**
 * The call view's recorder: starts and stops a CallRecorder, keeps its sources in step with the
 * call (people joining and leaving, cameras on and off), tells the room that this person is
 * recording (the consent banner everyone sees), and downloads the file when it stops. Plain
 * TypeScript with signals, like RoomSession.
 */
import { signal } from '@preact/signals';
import {
  canRecordCalls,
  RecorderEvent,
  RecordingError,
  RecordingErrorCode,
  type RecordingSource,
} from '@zvonok/recorder';
import type { CallRecorder } from '@zvonok/recorder/call-recorder';
import { CallEvent, LocalMediaEvent, type Call, type LocalMedia } from '@zvonok/sdk';
import { ScreenOrder } from '../screen/screenOrder';
import { downloadBlob } from './download';
import { rt } from './messages';

/** Where the recording is, as the UI shows it. */
export type RecordingPhase = 'idle' | 'starting' | 'recording' | 'stopping';

/** A finished recording the person can download (again). */
export interface SavedRecording {
  readonly url: string;
  readonly fileName: string;
  readonly durationMs: number;
}

/** What the controller needs of the room page. */
export interface RecordingHost {
  readonly room: string;
  readonly media: LocalMedia;
  /** The person's display name, read when sources are built. */
  ownName(): string;
}

/** The local source's id; remote sources use their peer ids. */
const LOCAL_ID = 'local';
/** Shared screens are sources of their own: `<person's id>:screen`. */
const screenId = (id: string): string => `${id}:screen`;

/** One recording at a time for one call, from the Record button to the downloaded file. */
export class RecordingController {
  readonly phase = signal<RecordingPhase>('idle');
  /** Recorded time, updated about once a second while recording. */
  readonly elapsedMs = signal(0);
  /** The last finished recording, offered for download until dismissed. */
  readonly saved = signal<SavedRecording | null>(null);
  /** A problem to show: could not start, or storage failed mid-way. */
  readonly problem = signal<string | null>(null);

  /**
   * Loaded and made at the first Record press: drawing, mixing and WebM writing are not part of
   * the first page load.
   */
  #recorder: CallRecorder | undefined;
  #offRecorderError: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #stopping: Promise<void> | undefined;
  /** The call view went away; a recording still starting must stop as soon as it runs. */
  #disposed = false;
  /** The newest shared screen is drawn large, as the call view shows it. */
  readonly #screens = new ScreenOrder();

  constructor(
    readonly call: Call,
    readonly host: RecordingHost,
  ) {}

  /** Whether this browser can record calls (the Record button is hidden where not). */
  static get supported(): boolean {
    return canRecordCalls();
  }

  /** Follows the call's people and the local media. Returns the unsubscribe. */
  connect(): () => void {
    const sync = (): void => this.#recorder?.setSources(this.#sources());
    const offs = [
      this.call.on(CallEvent.ParticipantJoined, sync),
      this.call.on(CallEvent.ParticipantUpdated, sync),
      this.call.on(CallEvent.ParticipantLeft, sync),
      // Own screen sharing started or stopped.
      this.call.on(CallEvent.LocalStateChanged, sync),
      this.host.media.on(LocalMediaEvent.Changed, sync),
      this.host.media.on(LocalMediaEvent.TrackReplaced, sync),
    ];
    sync();
    return () => {
      offs.forEach((off) => off());
      this.#offRecorderError?.();
    };
  }

  /**
   * Loads the recorder ahead of the first Record press (it is loaded by start() otherwise); from
   * then on it follows the call's sources.
   */
  async preload(): Promise<void> {
    const recorder = await this.#loadRecorder();
    recorder.setSources(this.#sources());
  }

  /** The recorder, loaded on first use. */
  async #loadRecorder(): Promise<CallRecorder> {
    if (this.#recorder) return this.#recorder;
    const { CallRecorder } = await import('@zvonok/recorder/call-recorder');
    if (this.#recorder) return this.#recorder;
    const recorder = new CallRecorder();
    this.#offRecorderError = recorder.on(RecorderEvent.Error, (error) => {
      if (error.code === RecordingErrorCode.StorageFailed)
        this.problem.value = rt('storageWarning');
    });
    this.#recorder = recorder;
    return recorder;
  }

  /** The Record button: starts, or stops and downloads. */
  toggle(): Promise<void> {
    return this.phase.value === 'idle' ? this.start() : this.stop();
  }

  /** Starts recording and tells the room. */
  async start(): Promise<void> {
    if (this.phase.value !== 'idle') return;
    this.phase.value = 'starting';
    this.problem.value = null;
    try {
      const recorder = await this.#loadRecorder();
      recorder.setSources(this.#sources());
      await recorder.start({ room: this.host.room });
    } catch (error) {
      this.phase.value = 'idle';
      this.problem.value =
        error instanceof RecordingError && error.code === RecordingErrorCode.Unsupported
          ? rt('recordingUnsupported')
          : rt('recordingFailed', { reason: error instanceof Error ? error.message : '' });
      return;
    }
    this.phase.value = 'recording';
    this.#announce(true);
    this.elapsedMs.value = 0;
    this.#timer = setInterval(() => (this.elapsedMs.value = this.#recorder?.durationMs ?? 0), 500);
    if (this.#disposed) await this.stop();
  }

  /** Stops recording, tells the room, and downloads the file. */
  stop(): Promise<void> {
    if (this.phase.value !== 'recording') return this.#stopping ?? Promise.resolve();
    this.#stopping = this.#stop().finally(() => (this.#stopping = undefined));
    return this.#stopping;
  }

  /**
   * The call view is going away (leave, another page): a running recording is stopped and
   * downloaded, and a kept download link is released.
   */
  async dispose(): Promise<void> {
    this.#disposed = true;
    await this.stop();
    const saved = this.saved.value;
    if (saved) setTimeout(() => URL.revokeObjectURL(saved.url), 60_000);
  }

  /** The person closed the "Recording saved" notice. */
  dismissSaved(): void {
    const saved = this.saved.value;
    if (saved) URL.revokeObjectURL(saved.url);
    this.saved.value = null;
  }

  async #stop(): Promise<void> {
    this.phase.value = 'stopping';
    clearInterval(this.#timer);
    try {
      const recorder = this.#recorder;
      if (!recorder) throw new Error('no recorder');
      const result = await recorder.stop();
      downloadBlob(result.blob, result.fileName);
      this.dismissSaved();
      this.saved.value = {
        url: URL.createObjectURL(result.blob),
        fileName: result.fileName,
        durationMs: result.durationMs,
      };
    } catch (error) {
      this.problem.value = rt('recordingFailed', {
        reason: error instanceof Error ? error.message : '',
      });
    } finally {
      this.phase.value = 'idle';
      this.#announce(false);
    }
  }

  /** Tells the room (the consent banner); a call that has ended has nobody left to tell. */
  #announce(on: boolean): void {
    try {
      this.call.setRecording(on);
    } catch {
      // Left or disconnected: the others already saw this person go.
    }
  }

  #sources(): RecordingSource[] {
    const media = this.host.media;
    const sources: RecordingSource[] = [
      {
        id: LOCAL_ID,
        name: this.host.ownName(),
        stream: media.stream,
        isLocal: true,
        videoEnabled: media.cameraEnabled,
      },
    ];
    const screens = new Map<string, RecordingSource>();
    const ownScreen = this.call.localState.screen ? this.call.screenStream : null;
    if (ownScreen) {
      const id = screenId(LOCAL_ID);
      const name = rt('screenOf', { name: this.host.ownName() });
      screens.set(id, { id, name, stream: ownScreen, isScreen: true, isLocal: true });
    }
    for (const p of this.call.participants.values()) {
      const name = p.name ?? rt('guest');
      sources.push({ id: p.id, name, stream: p.stream, videoEnabled: p.camera });
      if (p.screen) {
        const id = screenId(p.id);
        const label = rt('screenOf', { name });
        screens.set(id, { id, name: label, stream: p.screenStream, isScreen: true });
      }
    }
    // The recorder draws the first screen large and the others with the people.
    const newestFirst = this.#screens.update(screens.keys());
    return [...newestFirst.map((id) => screens.get(id) as RecordingSource), ...sources];
  }
}
