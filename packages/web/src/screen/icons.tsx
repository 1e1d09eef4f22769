import { Icon } from '../icons/icons';

/** A monitor with an arrow out of it (decorative; the button carries the name). */
export const ShareScreenIcon = ({ active }: { active: boolean }) => (
  <Icon>
    <rect x="2" y="4" width="20" height="13" rx="2" />
    <path d="M8 21h8M12 17v4" />
    {active ? <path d="M9 8l6 5M15 8l-6 5" /> : <path d="M12 14V8M9 10.5 12 7.5l3 3" />}
  </Icon>
);
