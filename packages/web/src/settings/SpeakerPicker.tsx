import { DevicePicker } from '../lobby/DevicePicker';
import { sett } from './messages';
import { canChooseSpeaker, setSpeaker, speakerId } from './speaker';

/**
 * The speaker select; hidden where the browser cannot choose one (no `setSinkId`) or knows
 * only the default.
 */
export function SpeakerPicker({
  id,
  devices,
}: {
  id: string;
  devices: readonly MediaDeviceInfo[];
}) {
  if (!canChooseSpeaker()) return null;
  const outputs = devices.filter((d) => d.kind === 'audiooutput' && d.deviceId);
  if (outputs.length < 2) return null;
  const chosen = speakerId.value;
  // '' (the system default) is listed by Chromium as the device "default".
  const value = chosen || (outputs.some((d) => d.deviceId === 'default') ? 'default' : undefined);
  return (
    <DevicePicker
      id={id}
      label={sett('speaker')}
      kindName={sett('speaker')}
      devices={outputs}
      value={value}
      onChange={(deviceId) => setSpeaker(deviceId === 'default' ? '' : deviceId)}
    />
  );
}
