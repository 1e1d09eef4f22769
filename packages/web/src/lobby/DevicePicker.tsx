import { t } from '../i18n/i18n';

/** Props of {@link DevicePicker}. */
export interface DevicePickerProps {
  id: string;
  label: string;
  /** Devices of one kind. */
  devices: readonly MediaDeviceInfo[];
  /** The device in use, if known. */
  value: string | undefined;
  onChange: (deviceId: string) => void;
  /** Name of the kind for unlabelled devices ("Camera 2"). */
  kindName: string;
}

/** A select of cameras or microphones; hidden when there is nothing to choose from. */
export function DevicePicker({ id, label, devices, value, onChange, kindName }: DevicePickerProps) {
  if (devices.length === 0) return null;
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <select
        id={id}
        class="select"
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {value === undefined && <option value="">{t('defaultDevice')}</option>}
        {devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || t('deviceFallback', { kind: kindName, n: i + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}
