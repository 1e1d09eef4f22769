/**
 * The items of the toolbar's "More" menu: the layout choices always, and on phones the
 * features whose buttons do not fit the bar (share screen, record, settings).
 */
import { SelfViewIcon, GridIcon, SpeakerLayoutIcon } from '../layout/icons';
import {
  layoutMode,
  selfViewHidden,
  setLayoutMode,
  setSelfViewHidden,
} from '../layout/layoutState';
import { lt } from '../layout/messages';
import { RecordIcon } from '../recording/icons';
import { formatDuration, rt } from '../recording/messages';
import { RecordingController } from '../recording/RecordingController';
import { ShareScreenIcon } from '../screen/icons';
import { st } from '../screen/messages';
import type { ScreenShareController } from '../screen/ScreenShareController';
import { GearIcon } from '../settings/SettingsButton';
import { sett } from '../settings/messages';
import type { MenuItem } from '../ui/Menu';

/** Grid or speaker layout, and "Show self-view" while it is hidden. */
export function layoutItems(): MenuItem[] {
  const mode = layoutMode.value;
  const items: MenuItem[] = [
    {
      key: 'layout-grid',
      label: lt('layoutGrid'),
      icon: <GridIcon />,
      checked: mode === 'grid',
      onSelect: () => setLayoutMode('grid'),
    },
    {
      key: 'layout-speaker',
      label: lt('layoutSpeaker'),
      icon: <SpeakerLayoutIcon />,
      checked: mode === 'speaker',
      onSelect: () => setLayoutMode('speaker'),
    },
  ];
  if (selfViewHidden.value) {
    items.push({
      key: 'self-view',
      label: lt('selfViewShow'),
      icon: <SelfViewIcon />,
      onSelect: () => setSelfViewHidden(false),
    });
  }
  return items;
}

/** What phones find under "More" besides the layouts. */
export function phoneItems(
  screen: ScreenShareController,
  recording: RecordingController,
  openSettings: () => void,
): MenuItem[] {
  const items: MenuItem[] = [];
  if (screen.canShare) {
    const on = screen.sharing.value;
    items.push({
      key: 'share-screen',
      label: on ? st('stopSharing') : st('shareScreen'),
      icon: <ShareScreenIcon active={on} />,
      onSelect: () => void screen.toggle(),
    });
  }
  if (RecordingController.supported) {
    const phase = recording.phase.value;
    const on = phase === 'recording' || phase === 'stopping';
    items.push({
      key: 'record',
      label: on
        ? `${rt('stopRecording')} · ${formatDuration(recording.elapsedMs.value)}`
        : rt('record'),
      icon: <RecordIcon active={on} />,
      onSelect: () => void recording.toggle(),
    });
  }
  items.push({
    key: 'settings',
    label: sett('settings'),
    icon: <GearIcon />,
    onSelect: openSettings,
  });
  return items;
}
