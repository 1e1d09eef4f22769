import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { WarningIcon } from '../icons/icons';
import type { ErrorAction, ErrorInfo } from './errorInfo';
import './ErrorNotice.css';

const actionLabels: Record<ErrorAction, MessageKey> = {
  tryAgain: 'tryAgain',
  joinAudioOnly: 'joinAudioOnly',
  joinWithoutMedia: 'joinWithoutMedia',
  rejoin: 'rejoin',
  newCall: 'startCall',
  reload: 'tryAgain',
  dismiss: 'dismiss',
};

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps {
  info: ErrorInfo;
  /** What each action does here; actions without a handler are not shown. */
  handlers: Partial<Record<ErrorAction, () => void>>;
  /** Buttons are disabled while an action is in progress. */
  busy?: boolean;
  /** For a field's aria-describedby. */
  id?: string;
}

/** A failure told in words, with buttons for the ways forward (`role="alert"`). */
export function ErrorNotice({ info, handlers, busy = false, id }: ErrorNoticeProps) {
  const actions = info.actions.filter((a) => handlers[a]);
  return (
    <div class="error-notice" role="alert" id={id}>
      <WarningIcon />
      <div class="error-notice__text">
        <p class="error-notice__title">{t(info.title)}</p>
        <p class="error-notice__body">{t(info.body)}</p>
        {actions.length > 0 && (
          <div class="error-notice__actions">
            {actions.map((action, i) => (
              <button
                key={action}
                type="button"
                class={i === 0 ? 'button button--primary' : 'button'}
                disabled={busy}
                onClick={handlers[action]}
              >
                {t(actionLabels[action])}
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
