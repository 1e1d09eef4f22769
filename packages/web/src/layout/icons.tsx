/** Icons of the layout feature (decorative; the control around each carries the name). */
import { Icon } from '../icons/icons';

/** Three dots in a row: "More". */
export function MoreIcon() {
  return (
    <Icon>
      <circle cx="5" cy="12" r="1.5" />
      <circle cx="12" cy="12" r="1.5" />
      <circle cx="19" cy="12" r="1.5" />
    </Icon>
  );
}

/** Three dots in a column: a tile's options. */
export function MoreVerticalIcon() {
  return (
    <Icon>
      <circle cx="12" cy="5" r="1.5" />
      <circle cx="12" cy="12" r="1.5" />
      <circle cx="12" cy="19" r="1.5" />
    </Icon>
  );
}

/** A pin. */
export function PinIcon() {
  return (
    <Icon>
      <path d="M9 3h6l-1 6 4 4H6l4-4z" />
      <path d="M12 13v8" />
    </Icon>
  );
}

/** Four corners pointing out. */
export function FullScreenIcon() {
  return (
    <Icon>
      <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
    </Icon>
  );
}

/** Four squares: the grid layout. */
export function GridIcon() {
  return (
    <Icon>
      <rect x="4" y="4" width="7" height="7" rx="1" />
      <rect x="13" y="4" width="7" height="7" rx="1" />
      <rect x="4" y="13" width="7" height="7" rx="1" />
      <rect x="13" y="13" width="7" height="7" rx="1" />
    </Icon>
  );
}

/** One large box and a strip: the speaker layout. */
export function SpeakerLayoutIcon() {
  return (
    <Icon>
      <rect x="3" y="4" width="13" height="16" rx="1" />
      <rect x="18" y="4" width="3" height="4" rx="0.5" />
      <rect x="18" y="10" width="3" height="4" rx="0.5" />
    </Icon>
  );
}

/** A small picture in a corner of a larger one: the self-view. */
export function SelfViewIcon() {
  return (
    <Icon>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <rect x="12" y="12" width="7" height="6" rx="1" />
    </Icon>
  );
}

/** A shield with a tick: verify the connection. */
export function ShieldIcon() {
  return (
    <Icon>
      <path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z" />
      <path d="M9 12l2 2 4-4" />
    </Icon>
  );
}

/** Four arrows: move. */
export function MoveIcon() {
  return (
    <Icon>
      <path d="M12 3v18M3 12h18M12 3l-3 3M12 3l3 3M12 21l-3-3M12 21l3-3M3 12l3-3M3 12l3 3M21 12l-3-3M21 12l-3 3" />
    </Icon>
  );
}

/** An eye struck through: hide. */
export function EyeOffIcon() {
  return (
    <Icon>
      <path d="M3 3l18 18" />
      <path d="M10.6 6.1A9.8 9.8 0 0 1 12 6c5 0 9 6 9 6a17 17 0 0 1-2.6 3.2M6.6 6.6C4.3 8.1 3 12 3 12s4 6 9 6c1.6 0 3-.4 4.3-1.1" />
      <path d="M9.9 9.9a3 3 0 0 0 4.2 4.2" />
    </Icon>
  );
}
