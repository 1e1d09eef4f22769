import { useRef } from 'preact/hooks';
import { Menu, type MenuItem } from '../ui/Menu';
import { canFullScreen, fullScreenElement, toggleFullScreen } from './fullScreen';
import { FullScreenIcon, MoreVerticalIcon, PinIcon, ShieldIcon } from './icons';
import { lt } from './messages';
import { ct } from '../security/messages';
import { tse } from '../stats/entryMessages';
import { ChartIcon } from '../stats/statsItem';

/** Props of {@link TileMenu}. */
export interface TileMenuProps {
  /** The person's display name (the menu is "Options for <name>"). */
  name: string;
  /** Unique per tile, for the menu's id. */
  id: string;
  /** Pinned: shown large. Undefined where pinning does not apply (the own tile). */
  pinned?: boolean;
  onPin?: () => void;
  /** Opens the verification of this person's connection (remote tiles, once connected). */
  onVerify?: (() => void) | undefined;
  /** Opens the call statistics at this person's connection (remote tiles). */
  onStats?: (() => void) | undefined;
}

/**
 * A tile's options, behind a small button in its top corner: pin (show large), full screen, and
 * for remote people "Verify connection", which opens the participants panel at that person, and
 * "Connection details", which opens the call statistics at them.
 */
export function TileMenu({ name, id, pinned, onPin, onVerify, onStats }: TileMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const tile = (): Element | null | undefined => ref.current?.closest('.tile');
  const items: MenuItem[] = [];
  if (pinned !== undefined && onPin) {
    items.push({
      key: 'pin',
      label: pinned ? lt('unpin') : lt('pin'),
      icon: <PinIcon />,
      onSelect: onPin,
    });
  }
  if (canFullScreen()) {
    const full = fullScreenElement.value !== null && fullScreenElement.value === tile();
    items.push({
      key: 'full-screen',
      label: full ? lt('exitFullScreen') : lt('fullScreen'),
      icon: <FullScreenIcon />,
      onSelect: () => toggleFullScreen(tile()),
    });
  }
  if (onVerify) {
    items.push({ key: 'verify', label: ct('verify'), icon: <ShieldIcon />, onSelect: onVerify });
  }
  if (onStats) {
    items.push({ key: 'stats', label: tse('statsHint'), icon: <ChartIcon />, onSelect: onStats });
  }
  if (items.length === 0) return null;
  return (
    <div class="tile__menu" ref={ref}>
      <Menu
        id={`tile-menu-${id}`}
        label={lt('tileOptions', { name })}
        buttonClass="tile__menu-button"
        placement="down"
        items={items}
      >
        <MoreVerticalIcon />
      </Menu>
    </div>
  );
}
