import { t } from '../i18n/i18n';
import { online } from './online';
import './pwa.css';

/**
 * "You are offline" on the pages before a call (landing, lobby): the app opened from the cache,
 * but starting or joining a call needs the network. A status region that is always there (empty
 * while online), so the change is announced.
 */
export function OfflineNotice() {
  const offline = !online.value;
  return (
    <div class={offline ? 'offline-notice' : 'offline-notice offline-notice--empty'} role="status">
      {offline && (
        <>
          <strong class="offline-notice__title">{t('offlineTitle')}</strong>{' '}
          <span>{t('offlineBody')}</span>
        </>
      )}
    </div>
  );
}
