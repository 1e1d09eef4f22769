import { Icon } from '../icons/icons';
import { tse } from './entryMessages';
import type { MenuItem } from '../ui/Menu';

/** A small line chart: statistics. */
export function ChartIcon() {
  return (
    <Icon>
      <path d="M4 4v16h16" />
      <path d="M7 15l4-5 3 3 5-6" />
    </Icon>
  );
}

/** "Call statistics" under the toolbar's "More". */
export function statsItem(open: () => void): MenuItem {
  return { key: 'stats', label: tse('stats'), icon: <ChartIcon />, onSelect: open };
}
