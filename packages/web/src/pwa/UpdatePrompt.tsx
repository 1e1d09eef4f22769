import { t } from '../i18n/i18n';
import { applyUpdate, dismissUpdate, updateReady } from './register';
import './pwa.css';

/** "A new version is ready": reload now (this tab only) or later. */
export function UpdatePrompt() {
  if (!updateReady.value) return null;
  return (
    <div class="update-prompt" role="status">
      <p class="update-prompt__text">{t('updateReady')}</p>
      <div class="update-prompt__actions">
        <button type="button" class="button button--primary" onClick={applyUpdate}>
          {t('updateReload')}
        </button>
        <button type="button" class="button" onClick={dismissUpdate}>
          {t('updateLater')}
        </button>
      </div>
    </div>
  );
}
