/**
 * The call view's screen sharing: the "Share screen" toggle, the screens shared in the call
 * (own and others', newest first) and which one is shown large. Two people may share at once:
 * both screens are shown, the newest large and the other as a tile that can be picked instead.
 * Plain TypeScript with signals, like the recording controller.
 */
import { batch, computed, signal } from '@preact/signals';
import { CallError, CallErrorCode, CallEvent, type Call } from '@zvonok/sdk';
import { st } from './messages';
import { ScreenOrder, spotlightId } from './screenOrder';

/** The id of the own screen among the shared ones (remote screens use peer ids). */
export const OWN_SCREEN = 'local';

/** A screen shared in the call. */
export interface SharedScreen {
  /** `OWN_SCREEN` or the sharer's peer id. */
  readonly id: string;
  /** The sharer's display name. */
  readonly name: string;
  /** Accessible name and caption: "Ann's screen" / "Your screen". */
  readonly label: string;
  readonly stream: MediaStream;
  readonly own: boolean;
}

/** One call's screen sharing, for the call view. */
export class ScreenShareController {
  /** This person shares a screen now. */
  readonly sharing = signal(false);
  /** The picker is open. */
  readonly starting = signal(false);
  /** Every shared screen, newest first. */
  readonly screens = signal<readonly SharedScreen[]>([]);
  /** The screen the person chose to see large (until it stops). */
  readonly picked = signal<string | null>(null);
  /** This person's own shared screen, shown to them only as a small preview. */
  readonly ownScreen = computed<SharedScreen | undefined>(() =>
    this.screens.value.find((s) => s.own),
  );
  /**
   * The screen shown large, if anyone else shares one. Never the own screen: a sharer who saw
   * their own screen large would see it repeat inside itself without end (a whole-screen share),
   * and it hides the people they present to.
   */
  readonly spotlight = computed<SharedScreen | undefined>(() => {
    const screens = this.screens.value.filter((s) => !s.own);
    const id = spotlightId(
      screens.map((s) => s.id),
      this.picked.value,
    );
    return screens.find((s) => s.id === id);
  });
  /** Why sharing could not start (a closed picker is not a problem). */
  readonly problem = signal<string | null>(null);
  /** Text for a polite live region: someone started or stopped sharing. */
  readonly announcement = signal('');

  readonly #order = new ScreenOrder();

  constructor(
    readonly call: Call,
    /** The person's display name, read when the own screen is listed. */
    readonly ownName: () => string,
  ) {}

  /** Whether this browser can share a screen (the button is hidden where not: phones). */
  get canShare(): boolean {
    return this.call.canShareScreen;
  }

  /** Follows the call's participants and own state. Returns the unsubscribe. */
  connect(): () => void {
    const sync = (): void => this.#sync();
    const offs = [
      this.call.on(CallEvent.ParticipantJoined, sync),
      this.call.on(CallEvent.ParticipantUpdated, sync),
      this.call.on(CallEvent.ParticipantLeft, sync),
      this.call.on(CallEvent.LocalStateChanged, sync),
    ];
    this.#sync();
    return () => offs.forEach((off) => off());
  }

  /** The toolbar toggle: starts (opening the picker) or stops sharing. */
  toggle(): Promise<void> {
    if (this.sharing.value) {
      this.stop();
      return Promise.resolve();
    }
    return this.start();
  }

  /** Opens the browser's picker and shares what the person picks. A closed picker changes nothing. */
  async start(): Promise<void> {
    if (this.starting.value) return;
    this.starting.value = true;
    this.problem.value = null;
    try {
      // A closed picker (ScreenShareResult.Cancelled) is no problem: nothing changes.
      await this.call.startScreenShare();
    } catch (error) {
      this.problem.value = describe(error);
    } finally {
      this.starting.value = false;
      this.#sync();
    }
  }

  /** Stops sharing. */
  stop(): void {
    this.call.stopScreenShare();
    this.#sync();
  }

  /** Shows this screen large instead of the newest. */
  pick(id: string): void {
    this.picked.value = id;
  }

  #sync(): void {
    const call = this.call;
    const byId = new Map<string, SharedScreen>();
    const ownStream = call.screenStream;
    if (call.localState.screen && ownStream) {
      const name = this.ownName();
      byId.set(OWN_SCREEN, {
        id: OWN_SCREEN,
        name,
        label: st('yourScreen'),
        stream: ownStream,
        own: true,
      });
    }
    for (const p of call.participants.values()) {
      if (!p.screen) continue;
      const name = p.name ?? st('guest');
      byId.set(p.id, {
        id: p.id,
        name,
        label: st('screenOf', { name }),
        stream: p.screenStream,
        own: false,
      });
    }
    const before = new Set(this.screens.value.map((s) => s.id));
    const ordered = this.#order.update(byId.keys());
    const screens = ordered.map((id) => byId.get(id) as SharedScreen);
    const started = screens.find((s) => !s.own && !before.has(s.id));
    const stopped = this.screens.value.find((s) => !s.own && !byId.has(s.id));
    batch(() => {
      this.sharing.value = byId.has(OWN_SCREEN);
      if (!sameScreens(this.screens.value, screens)) this.screens.value = screens;
      if (this.picked.value !== null && !byId.has(this.picked.value)) this.picked.value = null;
      if (started) this.#announce(st('startedSharing', { name: started.name }));
      else if (stopped) this.#announce(st('stoppedSharing', { name: stopped.name }));
    });
  }

  #announce(text: string): void {
    // The same text twice in a row would not be re-read; a trailing space makes it new.
    this.announcement.value = this.announcement.value === text ? `${text} ` : text;
  }
}

function sameScreens(a: readonly SharedScreen[], b: readonly SharedScreen[]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => s.id === b[i]?.id && s.label === b[i]?.label && s.stream === b[i]?.stream)
  );
}

/** Words for a failure to share (the SDK's coded errors). */
function describe(error: unknown): string {
  if (error instanceof CallError) {
    if (error.code === CallErrorCode.MediaUnsupported) return st('shareUnsupported');
    if (error.code === CallErrorCode.MediaDeviceBusy) return st('shareBusy');
  }
  return st('shareFailed', { reason: error instanceof Error ? error.message : String(error) });
}
