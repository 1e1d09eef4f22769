/**
 * The effects' code (a lazy chunk, loaded by host.tsx): every effect of a room page's camera and
 * microphone, and their views in the lobby, the Settings panel and the call.
 */
import type { ComponentType } from 'preact';
import type { RoomSession } from '../room/RoomSession';
import type { EffectsPlace } from './host';
import { NoiseSuppression } from './NoiseSuppression';
import { NoiseSuppressionToggle } from './NoiseSuppressionToggle';
import { pushToTalk } from './pushToTalk';
import { MicCheck } from './checks/MicCheck';
import './effects.css';

/** The effects of one room page. */
export class Effects {
  /** Noise suppression on the microphone (RNNoise loaded only when on). */
  readonly noise: NoiseSuppression;
  readonly #views: Partial<Record<EffectsPlace, ComponentType>> = {};

  constructor(readonly session: RoomSession) {
    this.noise = new NoiseSuppression(session.media);
  }

  /** Applies the remembered choices. */
  start(): Promise<void> {
    return this.noise.start();
  }

  /** Lets go of every processor. */
  dispose(): void {
    this.noise.dispose();
  }

  /** The view for a place: the same component every time, so its state is kept. */
  view(place: EffectsPlace): ComponentType {
    return (this.#views[place] ??= () => (
      <div class="effects">
        {place !== 'call' && <NoiseSuppressionToggle noise={this.noise} id={`${place}-noise`} />}
        {place === 'lobby' && <MicCheck session={this.session} />}
      </div>
    ));
  }
}

const all = new WeakMap<RoomSession, Effects>();

/**
 * The effects of a room page, made on first use with the remembered choices applied. Their
 * processors let go of the devices with the media (`LocalMedia.stop` disconnects them) and of
 * their audio contexts with the page.
 */
export function effectsOf(session: RoomSession): Effects {
  let effects = all.get(session);
  if (!effects) {
    const made = new Effects(session);
    all.set(session, (effects = made));
    void made.start();
    // Push to talk (hold Space while muted) in the call; the lobby always loads this chunk.
    const offTalk = pushToTalk({
      inCall: () => session.phase.value === 'call',
      micOn: () => session.mediaState.value.micOn,
      setMic: (on) => session.setMic(on),
    });
    addEventListener(
      'pagehide',
      () => {
        offTalk();
        made.dispose();
      },
      { once: true },
    );
  }
  return effects;
}

/** The effects' view of a room page for a place. */
export function viewFor(session: RoomSession, place: EffectsPlace): ComponentType {
  return effectsOf(session).view(place);
}
