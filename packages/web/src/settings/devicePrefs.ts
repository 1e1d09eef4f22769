/**
 * The camera, microphone and speaker a person chose, remembered in localStorage for the next
 * call (in any room). Missing devices are handled where they are used: the SDK falls back to
 * another camera or microphone, the speaker to the default.
 */
import { forgetStored, readStored, writeStored } from '../hooks/storage';

/** The kinds of device a person can choose. */
export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

const key = (kind: DeviceKind): string => `zvonok.device.${kind}`;

/** The remembered device of a kind, if any. */
export function rememberedDevice(kind: DeviceKind): string | undefined {
  return readStored(key(kind)) || undefined;
}

/** Remembers a choice ('' = the default device: nothing to remember). */
export function rememberDevice(kind: DeviceKind, deviceId: string): void {
  if (deviceId) writeStored(key(kind), deviceId);
  else forgetStored(key(kind));
}

/** The remembered camera and microphone, as `LocalMedia.start` options (only those remembered). */
export function rememberedInputs(): { audioDeviceId?: string; videoDeviceId?: string } {
  const audio = rememberedDevice('audioinput');
  const video = rememberedDevice('videoinput');
  return {
    ...(audio !== undefined && { audioDeviceId: audio }),
    ...(video !== undefined && { videoDeviceId: video }),
  };
}
