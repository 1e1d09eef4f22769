import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';

/** After this long without the server, the banner says so plainly (it still keeps retrying). */
export const LONG_RECONNECT_MS = 15_000;

/**
 * `role="status"` that says "Reconnecting…" while signaling is down, and after a while that the
 * server cannot be reached. The element is always there (empty otherwise) so that screen
 * readers announce the change.
 */
export function ReconnectBanner({ reconnecting }: { reconnecting: boolean }) {
  const [long, setLong] = useState(false);
  useEffect(() => {
    setLong(false);
    if (!reconnecting) return;
    const timer = setTimeout(() => setLong(true), LONG_RECONNECT_MS);
    return () => clearTimeout(timer);
  }, [reconnecting]);
  return (
    <div class={reconnecting ? 'call__banner' : 'call__banner call__banner--empty'} role="status">
      {reconnecting && (
        <>
          <span class="call__banner-title">{long ? t('errServerTitle') : t('reconnecting')}</span>
          {long && <span class="call__banner-body">{` ${t('reconnectingLong')}`}</span>}
        </>
      )}
    </div>
  );
}
