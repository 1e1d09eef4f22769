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
import { ControlButton } from '../ui/ControlButton';
import './Controls.css';

/** Which side panel is open. */
export type Panel = 'chat' | 'participants' | 'settings' | null;

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
}

/** Arrow keys move between the buttons of a toolbar (Tab still reaches each one). */
function onToolbarKey(e: KeyboardEvent): void {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll('button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const next = (at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
  buttons[next]?.focus();
  e.preventDefault();
}

/** The toolbar "Call controls": mic, camera, chat, participants, copy link, leave. */
export function Controls(props: ControlsProps) {
  const { micOn, cameraOn, panel, unread } = props;
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
      <ControlButton
        id="control-participants"
        label={t('participants')}
        icon={<PeopleIcon />}
        variant={panel === 'participants' ? 'active' : 'default'}
        expanded={panel === 'participants'}
        controls={panel === 'participants' ? 'people-panel' : undefined}
        onClick={() => props.onTogglePanel('participants')}
      />
      {props.extra}
      <ControlButton label={t('copyLink')} icon={<LinkIcon />} onClick={props.onCopyLink} />
      <ControlButton
        label={t('leaveCall')}
        icon={<LeaveIcon />}
        variant="danger"
        onClick={props.onLeave}
      />
    </div>
  );
}
