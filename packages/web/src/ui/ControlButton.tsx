import type { ComponentChildren } from 'preact';
import './ControlButton.css';

/** Props of {@link ControlButton}. */
export interface ControlButtonProps {
  /** Visible label and accessible name (unless `ariaLabel` overrides it). */
  label: string;
  icon: ComponentChildren;
  onClick: () => void;
  /** For on/off toggles: `aria-pressed`. Off is drawn in the warning colour. */
  pressed?: boolean;
  /** Overrides the accessible name (e.g. "Chat, 2 unread"). */
  ariaLabel?: string;
  /** Shown on hover and read as the description (e.g. the keyboard shortcut). */
  hint?: string;
  variant?: 'default' | 'danger' | 'active';
  /** A small count drawn on the button (read through `ariaLabel`, so hidden here). */
  badge?: number;
  disabled?: boolean;
  id?: string;
  expanded?: boolean;
  controls?: string;
}

/** A round call-control button with an icon and a label under it. */
export function ControlButton(props: ControlButtonProps) {
  const { label, icon, onClick, pressed, ariaLabel, hint, variant = 'default', badge } = props;
  const off = pressed === false;
  return (
    <button
      type="button"
      id={props.id}
      class={`control control--${off ? 'off' : variant}`}
      aria-pressed={pressed}
      aria-label={ariaLabel}
      aria-expanded={props.expanded}
      aria-controls={props.controls}
      title={hint}
      disabled={props.disabled}
      onClick={onClick}
    >
      <span class="control__icon">
        {icon}
        {badge !== undefined && badge > 0 && (
          <span class="control__badge" aria-hidden="true">
            {badge > 99 ? '99+' : badge}
          </span>
        )}
      </span>
      <span class="control__label">{label}</span>
    </button>
  );
}
