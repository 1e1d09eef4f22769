/** The record icon: a filled dot in a ring (decorative; the button carries the name). */
export const RecordIcon = ({ active }: { active: boolean }) => (
  <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
    <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
    <circle cx="12" cy="12" r={active ? 4 : 5} fill="currentColor" />
  </svg>
);
