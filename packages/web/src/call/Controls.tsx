import type { ComponentChildren } from 'preact';
import { t } from '../i18n/i18n';
import {
  CameraIcon,
  CameraOffIcon,
  ChatIcon,
  LeaveIcon,
  LinkIcon,
  MicIcon,
  MicOffIcon,
  PeopleIcon,
} from '../icons/icons';
import { MoreIcon } from '../layout/icons';
import { lt } from '../layout/messages';
import { ControlButton } from '../ui/ControlButton';
import { Menu, type MenuItem } from '../ui/Menu';
import './Controls.css';

/** Which side panel is open. */
export type Panel = 'chat' | 'participants' | 'settings' | 'stats' | null;

/** Props of {@link Controls}. */
export interface ControlsProps {
  micOn: boolean;
  cameraOn: boolean;
  panel: Panel;
  unread: number;
  onToggleMic: () => void;
  onToggleCamera: () => void;
  onTogglePanel: (panel: Exclude<Panel, null>) => void;
  onCopyLink: () => void;
  onLeave: () => void;
  /** Feature buttons (e.g. Record), placed before "Copy link". */
  extra?: ComponentChildren;
  /** Media buttons (e.g. Share screen), placed after "Camera". */
  media?: ComponentChildren;
  /**
   * Phones: only the buttons that matter most stay in the bar (microphone, camera, chat, leave,
   * and Flip where there is one); "Participants" and "Copy link" go under "More" with the
   * feature items the caller puts in `more`.
   */
  compact?: boolean;
  /** The items of the "More" menu, with their labels (layouts, and on phones the rest). */
  more: readonly MenuItem[];
}

/** Arrow keys move between the buttons of a toolbar (Tab still reaches each one). */
function onToolbarKey(e: KeyboardEvent): void {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const buttons = [
    ...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button.control'),
  ];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const next = (at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
  buttons[next]?.focus();
  e.preventDefault();
}

/**
 * The toolbar "Call controls": mic, camera, chat, participants, copy link, "More", leave. On
 * phones (`compact`) the bar keeps mic, camera, chat, "More" and leave.
 */
export function Controls(props: ControlsProps) {
  const { micOn, cameraOn, panel, unread, compact = false } = props;
  const more: MenuItem[] = compact
    ? [
        {
          key: 'participants',
          label: t('participants'),
          icon: <PeopleIcon />,
          onSelect: () => props.onTogglePanel('participants'),
        },
        ...props.more,
        { key: 'copy-link', label: t('copyLink'), icon: <LinkIcon />, onSelect: props.onCopyLink },
      ]
    : [...props.more];
  return (
    <div class="controls" role="toolbar" aria-label={t('callControls')} onKeyDown={onToolbarKey}>
      <ControlButton
        label={t('microphone')}
        icon={micOn ? <MicIcon /> : <MicOffIcon />}
        pressed={micOn}
        hint={t('shortcutHint', { key: 'M' })}
        onClick={props.onToggleMic}
      />
      <ControlButton
        label={t('camera')}
        icon={cameraOn ? <CameraIcon /> : <CameraOffIcon />}
        pressed={cameraOn}
        hint={t('shortcutHint', { key: 'V' })}
        onClick={props.onToggleCamera}
      />
      {props.media}
      <ControlButton
        id="control-chat"
        label={t('chat')}
        ariaLabel={unread > 0 ? t('chatUnread', { count: unread }) : t('chat')}
        icon={<ChatIcon />}
        badge={unread}
        variant={panel === 'chat' ? 'active' : 'default'}
        expanded={panel === 'chat'}
        controls={panel === 'chat' ? 'chat-panel' : undefined}
        onClick={() => props.onTogglePanel('chat')}
      />
      {!compact && (
        <ControlButton
          id="control-participants"
          label={t('participants')}
          icon={<PeopleIcon />}
          variant={panel === 'participants' ? 'active' : 'default'}
          expanded={panel === 'participants'}
          controls={panel === 'participants' ? 'people-panel' : undefined}
          onClick={() => props.onTogglePanel('participants')}
        />
      )}
      {props.extra}
      {!compact && (
        <ControlButton label={t('copyLink')} icon={<LinkIcon />} onClick={props.onCopyLink} />
      )}
      {more.length > 0 && (
        <Menu
          id="control-more-menu"
          label={lt('more')}
          hint={lt('moreHint')}
          buttonClass="control control--default control--more"
          items={more}
        >
          <span class="control__icon">
            <MoreIcon />
          </span>
          <span class="control__label">{lt('more')}</span>
        </Menu>
      )}
      <ControlButton
        label={t('leaveCall')}
        icon={<LeaveIcon />}
        variant="danger"
        onClick={props.onLeave}
      />
    </div>
  );
}
