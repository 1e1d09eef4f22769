import { PeerLinkState, type Participant } from '@zvonok/sdk';
import { t } from '../i18n/i18n';
import { CameraOffIcon, MicOffIcon } from '../icons/icons';
import { ct } from '../security/messages';
import { VerifyCode } from '../security/VerifyCode';
import { MeetingSlot } from '../meeting/slots';
import { colorSlot, initials } from '../tile/initials';
import { SidePanel } from '../ui/SidePanel';
import './PeoplePanel.css';
import { Name } from '../ui/Isolated';

/** One row of the list. */
function Person(props: {
  name: string;
  colorKey: string;
  mic: boolean;
  camera: boolean;
  verify?: { peerId: string; code: string | undefined; open: boolean } | undefined;
}) {
  const { name, colorKey, mic, camera, verify } = props;
  const state = [!mic && t('micOff'), !camera && t('cameraOff')].filter(Boolean).join(', ');
  return (
    <li class="people__item">
      <div class="people__row">
        <span class={`people__avatar avatar--${colorSlot(colorKey)}`} aria-hidden="true">
          {initials(colorKey)}
        </span>
        <Name class="people__name" value={name} />
        <span class="people__state" aria-hidden="true">
          {!mic && <MicOffIcon />}
          {!camera && <CameraOffIcon />}
        </span>
        {state && <span class="visually-hidden">{`, ${state}`}</span>}
      </div>
      {verify && (
        <VerifyCode
          name={name}
          code={verify.code}
          peerId={verify.peerId}
          initiallyOpen={verify.open}
        />
      )}
    </li>
  );
}

/** Props of {@link PeoplePanel}. */
export interface PeoplePanelProps {
  ownName: string;
  micOn: boolean;
  cameraOn: boolean;
  participants: readonly Participant[];
  /** The person whose verification to open (from their tile's menu). */
  verifying?: string | null;
  onClose: () => void;
}

/**
 * The list of people in the call, self first; each person connected to has "Verify connection",
 * which shows the code to compare with them, under a line that says what it is for.
 */
export function PeoplePanel(props: PeoplePanelProps) {
  const { ownName, micOn, cameraOn, participants, verifying = null, onClose } = props;
  const connected = participants.some((p) => p.link === PeerLinkState.Connected);
  return (
    <SidePanel
      id="people-panel"
      label={t('peopleRegion')}
      title={t('peopleCount', { count: participants.length + 1 })}
      onClose={onClose}
    >
      <MeetingSlot name="people" />
      <ul class="people">
        <Person
          name={t('you', { name: ownName })}
          colorKey={ownName}
          mic={micOn}
          camera={cameraOn}
        />
        {participants.map((p) => (
          <Person
            key={p.id}
            name={p.name ?? t('guest')}
            colorKey={p.name ?? t('guest')}
            mic={p.mic}
            camera={p.camera}
            verify={
              p.link === PeerLinkState.Connected
                ? { peerId: p.id, code: p.verificationCode, open: verifying === p.id }
                : undefined
            }
          />
        ))}
      </ul>
      {connected && <p class="people__verify-intro">{ct('verifyIntro')}</p>}
    </SidePanel>
  );
}
