import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';

/** After this long without the server, the banner says so plainly (it still keeps retrying). */
export const LONG_RECONNECT_MS = 15_000;

/**
 * `role="status"` that says what is true while signaling is down: "Reconnecting to the server…
 * Your call continues." (media goes straight between people and keeps flowing), and after a
 * while what waits for the server and when to check one's own connection. The element is always
 * there (empty otherwise) so that screen readers announce the change. It sits on the tiles, not
 * over the side panels, so it never covers the chat's heading.
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
          <span class="call__banner-title">{t('reconnecting')}</span>
          <span class="call__banner-body">
            {` ${long ? t('reconnectingLong') : t('reconnectingBody')}`}
          </span>
        </>
      )}
    </div>
  );
}
