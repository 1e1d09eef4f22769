import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { t } from '../i18n/i18n';
import { navigate } from '../routing/router';
import './Landing.css';

/** Any path that is not a page. */
export function NotFound() {
  useDocumentTitle(t('notFoundTitle'));
  return (
    <main id="main" class="landing">
      <div class="landing__card">
        <h1 class="landing__title">{t('notFoundTitle')}</h1>
        <p class="landing__tagline">{t('notFoundBody')}</p>
        <button type="button" class="button button--primary" onClick={() => navigate('/')}>
          {t('backHome')}
        </button>
      </div>
    </main>
  );
}
