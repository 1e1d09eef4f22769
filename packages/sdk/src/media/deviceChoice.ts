import type { DeviceChoice } from '../events.js';

/** The device a track captures from (its id is '' where the browser does not say). */
export function choiceOf(track: MediaStreamTrack): DeviceChoice {
  const settings = typeof track.getSettings === 'function' ? track.getSettings() : {};
  return { deviceId: settings.deviceId ?? '', label: track.label };
}
