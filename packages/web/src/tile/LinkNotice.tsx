import { PeerLinkState } from '@zvonok/sdk';
import { t } from '../i18n/i18n';
import { withName } from '../ui/Isolated';

/** Props of {@link LinkNotice}. */
export interface LinkNoticeProps {
  /** The person's display name. */
  name: string;
  link: PeerLinkState;
  /** Try again to reach an unreachable person (`call.retryPeer`). */
  onRetry?: (() => void) | undefined;
}

/**
 * What a remote tile says about the connection to that person: nothing while media flows,
 * "Connecting…" at first, "Reconnecting…" while ICE recovers by itself, and, when the SDK gave
 * up, that the person cannot be reached with a Retry button. It is a `role="status"`, so screen
 * readers hear the change without losing their place.
 */
export function LinkNotice({ name, link, onRetry }: LinkNoticeProps) {
  if (link === PeerLinkState.Connected) return null;
  const text =
    link === PeerLinkState.Unreachable
      ? t('peerUnreachable', { name })
      : link === PeerLinkState.Reconnecting
        ? t('peerReconnecting')
        : t('peerConnecting');
  return (
    <div class="tile__notice" role="status">
      <span>{withName(text, name)}</span>
      {link === PeerLinkState.Unreachable && onRetry && (
        <button
          type="button"
          class="button tile__retry"
          aria-label={t('retryPeer', { name })}
          onClick={onRetry}
        >
          {t('retry')}
        </button>
      )}
    </div>
  );
}
