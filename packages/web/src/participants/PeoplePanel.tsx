import type { Participant } from '@zvonok/sdk';
import { t } from '../i18n/i18n';
import { CameraOffIcon, MicOffIcon } from '../icons/icons';
import { colorSlot, initials } from '../tile/initials';
import { SidePanel } from '../ui/SidePanel';
import './PeoplePanel.css';

/** One row of the list. */
function Person(props: { name: string; colorKey: string; mic: boolean; camera: boolean }) {
  const { name, colorKey, mic, camera } = props;
  const state = [!mic && t('micOff'), !camera && t('cameraOff')].filter(Boolean).join(', ');
  return (
    <li class="people__row">
      <span class={`people__avatar avatar--${colorSlot(colorKey)}`} aria-hidden="true">
        {initials(colorKey)}
      </span>
      <span class="people__name">{name}</span>
      <span class="people__state" aria-hidden="true">
        {!mic && <MicOffIcon />}
        {!camera && <CameraOffIcon />}
      </span>
      {state && <span class="visually-hidden">{`, ${state}`}</span>}
    </li>
  );
}

/** Props of {@link PeoplePanel}. */
export interface PeoplePanelProps {
  ownName: string;
  micOn: boolean;
  cameraOn: boolean;
  participants: readonly Participant[];
  onClose: () => void;
}

/** The list of people in the call, self first. */
export function PeoplePanel({ ownName, micOn, cameraOn, participants, onClose }: PeoplePanelProps) {
  return (
    <SidePanel
      id="people-panel"
      label={t('peopleRegion')}
      title={t('peopleCount', { count: participants.length + 1 })}
      onClose={onClose}
    >
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
          />
        ))}
      </ul>
    </SidePanel>
  );
}
