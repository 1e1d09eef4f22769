import { sett } from './messages';
import type { DeviceWatch } from './DeviceWatch';
import './Settings.css';

/**
 * The device notice ("Your microphone … is no longer available…"), a polite status: a toast
 * over the call, or `inline` in a form (the lobby).
 */
export function DeviceNotice({ watch, inline = false }: { watch: DeviceWatch; inline?: boolean }) {
  const notice = watch.notice.value;
  const classes = `device-notice${inline ? ' device-notice--inline' : ''}${notice ? '' : ' device-notice--empty'}`;
  return (
    <div class={classes} role="status">
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
