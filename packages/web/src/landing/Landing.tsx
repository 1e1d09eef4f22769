import { useSignal } from '@preact/signals';
import { LanguagePicker } from '../i18n/LanguagePicker';
import { t } from '../i18n/i18n';
import { CameraIcon } from '../icons/icons';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { OfflineNotice } from '../pwa/OfflineNotice';
import { navigate, roomPath } from '../routing/router';
import { generateRoomName, parseRoomInput } from '../routing/roomName';
import './Landing.css';

/** `/`: start a new call, or join one by link or code. */
export function Landing() {
  const input = useSignal('');
  const invalid = useSignal(false);
  useDocumentTitle();

  const start = (): void => navigate(roomPath(generateRoomName()));

  const join = (e: Event): void => {
    e.preventDefault();
    const room = parseRoomInput(input.value);
    if (room === null) {
      invalid.value = true;
      return;
    }
    navigate(roomPath(room));
  };

  return (
    <main id="main" class="landing">
      <div class="landing__card">
        <div class="landing__logo" aria-hidden="true">
          <CameraIcon />
        </div>
        <h1 class="landing__title">{t('appName')}</h1>
        <p class="landing__tagline">{t('tagline')}</p>
        <OfflineNotice />
        <button type="button" class="button button--primary button--large" onClick={start}>
          {t('startCall')}
        </button>
        <form class="landing__join" onSubmit={join} noValidate>
          <h2 class="landing__subtitle">{t('joinHeading')}</h2>
          <div class="field">
            <label class="field__label" for="room-input">
              {t('roomInput')}
            </label>
            <div class="landing__row">
              <input
                id="room-input"
                class="input"
                type="text"
                inputMode="url"
                autoComplete="off"
                spellcheck={false}
                placeholder={t('roomInputPlaceholder')}
                value={input.value}
                aria-invalid={invalid.value}
                aria-describedby={invalid.value ? 'room-input-error' : undefined}
                onInput={(e) => {
                  input.value = e.currentTarget.value;
                  invalid.value = false;
                }}
              />
              <button type="submit" class="button">
                {t('join')}
              </button>
            </div>
          </div>
          {invalid.value && (
            <p id="room-input-error" class="landing__error" role="alert">
              {t('roomInputInvalid')}
            </p>
          )}
        </form>
      </div>
      <footer class="landing__footer">
        <LanguagePicker />
      </footer>
    </main>
  );
}
