import { useEffect, useRef } from 'preact/hooks';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { t } from '../i18n/i18n';
import { navigate } from '../routing/router';
import type { RoomSession } from './RoomSession';
import '../landing/Landing.css';

/** After "Leave call": rejoin, or go back to the start. */
export function LeftView({ session }: { session: RoomSession }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(t('leftTitle'));
  useEffect(() => heading.current?.focus(), []);
  return (
    <main id="main" class="landing">
      <div class="landing__card">
        <h1 class="landing__title" ref={heading} tabIndex={-1}>
          {t('leftTitle')}
        </h1>
        <button
          type="button"
          class="button button--primary button--large"
          onClick={() => void session.backToLobby()}
        >
          {t('rejoin')}
        </button>
        <button type="button" class="button" onClick={() => navigate('/')}>
          {t('backHome')}
        </button>
      </div>
    </main>
  );
}
