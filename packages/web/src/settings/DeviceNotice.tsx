import { sett } from './messages';
import type { DeviceWatch } from './DeviceWatch';
import './Settings.css';

/** The device notice ("Your microphone … is no longer available…"), a polite status. */
export function DeviceNotice({ watch }: { watch: DeviceWatch }) {
  const notice = watch.notice.value;
  return (
    <div class={notice ? 'device-notice' : 'device-notice device-notice--empty'} role="status">
      {notice && (
        <>
          <p class="device-notice__text">{notice}</p>
          <button type="button" class="device-notice__dismiss" onClick={() => watch.dismiss()}>
            {sett('dismiss')}
          </button>
        </>
      )}
    </div>
  );
}
