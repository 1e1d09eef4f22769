/**
 * Tells the person when a device in use goes away: the SDK has already switched to another
 * camera or microphone (or to none); the chosen speaker falls back to the default here. One
 * notice at a time, as a polite status that clears itself.
 */
import { signal } from '@preact/signals';
import { LocalMediaEvent, type DeviceChoice, type LocalMedia, type MediaKind } from '@zvonok/sdk';
import { sett } from './messages';
import { canChooseSpeaker, speakerId, speakerLost } from './speaker';

/** How long a device notice stays. */
const NOTICE_MS = 8_000;

/** Device notices of one room page. */
export class DeviceWatch {
  /** The notice to show, if any. */
  readonly notice = signal<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly media: LocalMedia) {}

  /** Follows the local media's device events. Returns the unsubscribe. */
  connect(): () => void {
    const offs = [
      this.media.on(LocalMediaEvent.DeviceLost, (kind, replacement, lost) =>
        this.#show(lostText(kind, replacement, lost)),
      ),
      this.media.on(LocalMediaEvent.DevicesChanged, (devices) => this.#checkSpeaker(devices)),
    ];
    return () => {
      offs.forEach((off) => off());
      this.dismiss();
    };
  }

  /** Hides the notice. */
  dismiss(): void {
    clearTimeout(this.#timer);
    this.notice.value = null;
  }

  #checkSpeaker(devices: readonly MediaDeviceInfo[]): void {
    const id = speakerId.value;
    if (!id || !canChooseSpeaker()) return;
    const outputs = devices.filter((d) => d.kind === 'audiooutput' && d.deviceId);
    if (outputs.length === 0 || outputs.some((d) => d.deviceId === id)) return;
    speakerLost();
    this.#show(sett('speakerLost'));
  }

  #show(text: string): void {
    this.notice.value = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.notice.value = null), NOTICE_MS);
  }
}

/**
 * A device's name without the prefix Chromium gives the system's default entry ("Default -
 * Headset" is the Headset), so the same device is seen as the same under either entry.
 */
function deviceName(label: string): string {
  return label.replace(/^(Default|Communications) - /, '').trim();
}

/** Whether the replacement is the device that was lost (it went and came back). */
function sameDevice(a: DeviceChoice, b: DeviceChoice): boolean {
  if (a.deviceId && a.deviceId === b.deviceId) return true;
  return a.label !== '' && deviceName(a.label) === deviceName(b.label);
}

/**
 * "Your microphone Headset is no longer available. Using Microphone 1 now." When the device in
 * use now is the one that went away (it came back, or the default entry moved to it), it says
 * that it works again rather than name one device twice.
 */
export function lostText(
  kind: MediaKind,
  replacement: DeviceChoice | null,
  lost: DeviceChoice,
): string {
  if (!replacement) return sett(kind === 'audio' ? 'micGone' : 'cameraGone');
  if (sameDevice(replacement, lost)) {
    const name = replacement.label ? `“${deviceName(replacement.label)}”` : '';
    return sett(kind === 'audio' ? 'micBack' : 'cameraBack', { name }).replace('  ', ' ');
  }
  const now = replacement.label ? `“${replacement.label}”` : sett('defaultOne');
  // No label: e.g. a device remembered from an earlier visit, never opened this time.
  if (!lost.label) return sett(kind === 'audio' ? 'micMissing' : 'cameraMissing', { now });
  return sett(kind === 'audio' ? 'micLost' : 'cameraLost', { old: `“${lost.label}”`, now });
}
