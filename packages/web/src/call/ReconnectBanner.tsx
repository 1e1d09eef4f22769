import { t } from '../i18n/i18n';

/**
 * `role="status"` that says "Reconnecting…" while signaling is down. The element is always
 * there (empty otherwise) so that screen readers announce the change.
 */
export function ReconnectBanner({ reconnecting }: { reconnecting: boolean }) {
  return (
    <div class={reconnecting ? 'call__banner' : 'call__banner call__banner--empty'} role="status">
      {reconnecting ? t('reconnecting') : ''}
    </div>
  );
}
