import { useEffect } from 'preact/hooks';
import { t } from '../i18n/i18n';

/**
 * Sets the tab's title to "`page` · Zvonok" while mounted (just "Zvonok" without `page`).
 * Screen readers read the title when a page changes, and people find their call among tabs by
 * it. Callers pass translated text, so the title follows a change of language.
 */
export function useDocumentTitle(page?: string): void {
  const title = page ? `${page} · ${t('appName')}` : t('appName');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
