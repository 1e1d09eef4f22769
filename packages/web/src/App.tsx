import { useEffect } from 'preact/hooks';
import { t } from './i18n/i18n';
import { Landing } from './landing/Landing';
import { NotFound } from './landing/NotFound';
import { SoundUnlock } from './phone/SoundUnlock';
import { UpdatePrompt } from './pwa/UpdatePrompt';
import { RecoveredRecordings } from './recording/RecoveredRecordings';
import { RoomPage } from './room/RoomPage';
import { currentPath, listenToHistory, matchRoute } from './routing/router';

/** The app: one page per route (landing, room, not found). */
export function App() {
  useEffect(listenToHistory, []);
  const route = matchRoute(currentPath.value);
  return (
    <>
      <a class="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      {route.page === 'landing' && <Landing />}
      {/* Keyed by room so that moving to another room starts a fresh session. */}
      {route.page === 'room' && <RoomPage key={route.room} room={route.room} />}
      {route.page === 'notFound' && <NotFound />}
      <RecoveredRecordings />
      <UpdatePrompt />
      <SoundUnlock />
    </>
  );
}
