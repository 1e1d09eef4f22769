import { useSignal } from '@preact/signals';
import type { MediaKind } from '@zvonok/sdk';
import { LanguagePicker } from '../i18n/LanguagePicker';
import { DevicePicker } from '../lobby/DevicePicker';
import { MeetingSlot } from '../meeting/slots';
import { useDevices } from '../lobby/useDevices';
import type { RoomSession } from '../room/RoomSession';
import { SidePanel } from '../ui/SidePanel';
import { EffectsView } from '../effects/host';
import { sett } from './messages';
import { setSoundsOn, soundsOn } from './soundPrefs';
import { SpeakerPicker } from './SpeakerPicker';
import './Settings.css';

/**
 * The call's "Settings" panel: camera, microphone and speaker, switched mid-call without
 * renegotiation (a new track on the same senders; `setSinkId` for the speaker). The lists follow
 * devices being plugged in and out; choices are remembered for the next call.
 */
export function SettingsPanel({ session, onClose }: { session: RoomSession; onClose: () => void }) {
  const media = session.mediaState.value;
  const devices = useDevices(session.media, media.version);
  const problem = useSignal<string | null>(null);
  const cameras = devices.filter((d) => d.kind === 'videoinput' && d.deviceId);
  const mics = devices.filter((d) => d.kind === 'audioinput' && d.deviceId);

  const choose = (kind: MediaKind, deviceId: string): void => {
    problem.value = null;
    session.useDevice(kind, deviceId).then(
      () => {
        const failed = session.mediaProblem.value;
        if (failed?.scope === kind) {
          problem.value = sett('switchFailed', {
            reason: failed.error instanceof Error ? failed.error.message : String(failed.error),
          });
        }
      },
      () => undefined,
    );
  };

  return (
    <SidePanel
      id="settings-panel"
      label={sett('settings')}
      title={sett('settings')}
      onClose={onClose}
    >
      <div class="settings">
        {cameras.length === 0 && mics.length === 0 && (
          <p class="settings__note">{sett('noDevices')}</p>
        )}
        <DevicePicker
          id="settings-camera"
          label={sett('camera')}
          kindName={sett('camera')}
          devices={cameras}
          value={session.media.deviceId('video')}
          onChange={(id) => choose('video', id)}
        />
        <DevicePicker
          id="settings-mic"
          label={sett('microphone')}
          kindName={sett('microphone')}
          devices={mics}
          value={session.media.deviceId('audio')}
          onChange={(id) => choose('audio', id)}
        />
        <SpeakerPicker id="settings-speaker" devices={devices} />
        <EffectsView session={session} place="settings" />
        {problem.value && (
          <p class="settings__problem" role="alert">
            {problem.value}
          </p>
        )}
        <p class="settings__note">{sett('devicesNote')}</p>
        <label class="settings__check">
          <input
            type="checkbox"
            checked={soundsOn.value}
            onChange={(e) => setSoundsOn(e.currentTarget.checked)}
          />
          {sett('sounds')}
        </label>
        <LanguagePicker showLabel />
        <MeetingSlot name="settings" />
      </div>
    </SidePanel>
  );
}
