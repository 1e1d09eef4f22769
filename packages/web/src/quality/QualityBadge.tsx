import { QualityLevel, QualityReason, type LinkQuality } from '@zvonok/sdk';
import { useSignal } from '@preact/signals';
import { tq } from './messages';
import './Quality.css';

/** Props of {@link QualityBadge}. */
export interface QualityBadgeProps {
  quality: LinkQuality;
  /** The person's name (remote tiles); absent on the own tile, which shows the uplink. */
  name?: string | undefined;
}

/** The short explanation of a quality, for a person's tile or the own one. */
export function qualityText(quality: LinkQuality, name: string | undefined): string {
  const r = quality.reason;
  if (name === undefined) {
    if (r === QualityReason.UploadLimited) return tq('ownUploadLimited');
    if (r === QualityReason.DeviceBusy) return tq('ownDeviceBusy');
    return tq('ownNone');
  }
  return r === QualityReason.None ? tq('none') : tq(r, { name });
}

/**
 * Signal bars in a tile's corner: three green for good, two amber for fair, one red for poor.
 * Hover shows the reason (title); a tap or click toggles it as text on the tile, for touch
 * screens and for reading it out.
 */
export function QualityBadge({ quality, name }: QualityBadgeProps) {
  const open = useSignal(false);
  const level = tq(quality.level);
  const label =
    name === undefined ? tq('qualityOwn', { level }) : tq('qualityWith', { name, level });
  const why = qualityText(quality, name);
  const bars =
    quality.level === QualityLevel.Good ? 3 : quality.level === QualityLevel.Fair ? 2 : 1;
  return (
    <div class={`quality quality--${quality.level}`}>
      <button
        type="button"
        class="quality__button"
        aria-label={label}
        aria-expanded={open.value}
        title={`${level}. ${why}`}
        onClick={() => (open.value = !open.value)}
      >
        <svg viewBox="0 0 12 12" width="16" height="16" aria-hidden="true">
          {[0, 1, 2].map((i) => (
            <rect
              key={i}
              x={1 + i * 4}
              y={8 - i * 3}
              width="2.5"
              height={3 + i * 3}
              rx="0.5"
              class={i < bars ? 'quality__bar quality__bar--on' : 'quality__bar'}
            />
          ))}
        </svg>
      </button>
      {open.value && (
        <p class="quality__why" role="status">
          {level}. {why}
        </p>
      )}
    </div>
  );
}

/** Why video is paused on a link, shown on the tile without a tap (the picture is gone). */
export function pausedVideoText(
  quality: LinkQuality | undefined,
  name: string,
): string | undefined {
  if (quality?.reason === QualityReason.TheirVideoPaused) return tq('theirVideoPaused', { name });
  if (quality?.reason === QualityReason.OurVideoPaused) return tq('ourVideoPaused', { name });
  return undefined;
}
