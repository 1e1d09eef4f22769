import { eff } from './messages';
import type { NoiseSuppression } from './NoiseSuppression';

/** Props of {@link NoiseSuppressionToggle}. */
export interface NoiseSuppressionToggleProps {
  noise: NoiseSuppression;
  /** Unique per page: the lobby and the settings panel each have one. */
  id: string;
}

/** The "Noise suppression" switch with what it does and how it is going. */
export function NoiseSuppressionToggle({ noise, id }: NoiseSuppressionToggleProps) {
  const status = noise.status.value;
  const note =
    status === 'loading'
      ? eff('effectLoading')
      : status === 'failed'
        ? eff('effectFailed', { reason: noise.failure.value ?? '' })
        : noise.waitingForGesture.value
          ? eff('audioContextBlocked')
          : '';
  return (
    <div class="effect-toggle">
      <label class="effect-toggle__label">
        <input
          id={id}
          type="checkbox"
          role="switch"
          class="effect-toggle__box"
          checked={noise.wanted.value}
          aria-describedby={`${id}-hint ${id}-status`}
          onChange={(e) => void noise.set(e.currentTarget.checked)}
        />
        {eff('noiseSuppression')}
      </label>
      <span id={`${id}-hint`} class="field__hint">
        {eff('noiseSuppressionHint')}
      </span>
      <span
        id={`${id}-status`}
        class={`effect-toggle__status${status === 'failed' ? ' effect-toggle__status--failed' : ''}`}
        role="status"
      >
        {note}
      </span>
    </div>
  );
}
