/**
 * Inline SVG icons (no icon font, no third-party origin). They are decorative: the button or
 * element around them carries the accessible name, so each is aria-hidden.
 */
import type { ComponentChildren } from 'preact';

/**
 * The frame every icon shares: a 24x24 stroked SVG in the current text colour, hidden from
 * assistive technology and from the tab order. `children` are its shapes.
 */
export function Icon({ children }: { children: ComponentChildren }) {
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** Microphone. */
export const MicIcon = () => (
  <Icon>
    <rect x="9" y="2" width="6" height="12" rx="3" />
    <path d="M5 11a7 7 0 0 0 14 0M12 18v4M8 22h8" />
  </Icon>
);

/** Microphone, struck through. */
export const MicOffIcon = () => (
  <Icon>
    <path d="M15 9.3V5a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 5.1 2.1M19 11a7 7 0 0 1-1.2 3.9M5 11a7 7 0 0 0 11.3 5.5M12 18v4M8 22h8M3 3l18 18" />
  </Icon>
);

/** Video camera. */
export const CameraIcon = () => (
  <Icon>
    <rect x="2" y="6" width="14" height="12" rx="2" />
    <path d="m16 10 6-4v12l-6-4z" />
  </Icon>
);

/** Video camera, struck through. */
export const CameraOffIcon = () => (
  <Icon>
    <path d="M10.7 6H14a2 2 0 0 1 2 2v3.3l1 1 5-3.3v12M16 16v0a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h2M3 3l18 18" />
  </Icon>
);

/** Speech bubble. */
export const ChatIcon = () => (
  <Icon>
    <path d="M21 12a8 8 0 0 1-11.6 7.1L4 21l1.9-5.4A8 8 0 1 1 21 12z" />
  </Icon>
);

/** Two people. */
export const PeopleIcon = () => (
  <Icon>
    <circle cx="9" cy="8" r="4" />
    <path d="M2 21a7 7 0 0 1 14 0M16 4a4 4 0 0 1 0 8M18 14.5a7 7 0 0 1 4 6.5" />
  </Icon>
);

/** Chain link. */
export const LinkIcon = () => (
  <Icon>
    <path d="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1" />
  </Icon>
);

/** Phone handset, hung up. */
export const LeaveIcon = () => (
  <Icon>
    <path d="M3 15.5c5-5 13-5 18 0l-2.5 2.5-3.5-1.5v-2.5a10 10 0 0 0-6 0v2.5L5.5 18z" />
  </Icon>
);

/** Cross. */
export const CloseIcon = () => (
  <Icon>
    <path d="M6 6l12 12M18 6 6 18" />
  </Icon>
);

/** Paper plane. */
export const SendIcon = () => (
  <Icon>
    <path d="M22 2 11 13M22 2l-7 20-4-9-9-4z" />
  </Icon>
);

/** Warning triangle. */
export const WarningIcon = () => (
  <Icon>
    <path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0zM12 9v4M12 17h.01" />
  </Icon>
);
