import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_DISPLAY_NAME_LENGTH, MAX_PASSWORD_LENGTH } from '@zvonok/sdk';
import { describeError } from '../errors/errorInfo';
import { ErrorNotice } from '../errors/ErrorNotice';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useShortcuts } from '../hooks/useShortcuts';
import { LanguagePicker } from '../i18n/LanguagePicker';
import { OfflineNotice } from '../pwa/OfflineNotice';
import { t } from '../i18n/i18n';
import type { RoomSession } from '../room/RoomSession';
import { LobbyPreview } from './LobbyPreview';
import { MediaProblemNotice } from './MediaProblemNotice';
import { DevicePicker } from './DevicePicker';
import { useDevices } from './useDevices';
import { navigate, roomPath } from '../routing/router';
import { generateRoomName } from '../routing/roomName';
import { ConnectionCheck } from '../security/ConnectionCheck';
import { RelayOnlyToggle } from '../security/RelayOnlyToggle';
import { DeviceNotice } from '../settings/DeviceNotice';
import { EffectsView } from '../effects/host';
import { SpeakerPicker } from '../settings/SpeakerPicker';
import { isTouchFirst } from '../phone/platform';
import { relayOnly } from '../security/relayOnly';
import './Lobby.css';

/**
 * `/r/<room>` before joining. Up front what everyone needs: the camera preview with the mic and
 * camera toggles, the name and "Join call"; under "More options" what few do: device pickers,
 * the microphone test and noise suppression, the room password, relay only and the connection
 * check. Media and join failures each come with a way forward.
 */
export function Lobby({ session }: { session: RoomSession }) {
  const passwordRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const media = session.mediaState.value;
  const devices = useDevices(session.media, media.version);
  const joining = session.joining.value;
  const joinError = session.joinError.value;
  const joinInfo = joinError === null ? null : describeError(joinError);
  // Open from the start when a remembered choice in it is in force, so it is not hidden.
  const [moreOpen, setMoreOpen] = useState(() => relayOnly.value);
  useDocumentTitle(t('lobbyTitle'));

  // The first thing to do is to say one's name. Not on touch screens: the keyboard would pop up
  // over the preview before the person has seen it.
  useEffect(() => {
    if (!isTouchFirst()) nameRef.current?.focus();
  }, []);

  useEffect(() => {
    if (session.mediaStatus.value === 'idle') void session.startMedia();
  }, [session]);

  // A password or name problem: put the cursor where the fix goes (the password field is under
  // "More options": open them first).
  useEffect(() => {
    if (joinInfo?.focus === 'password') setMoreOpen(true);
    if (joinInfo?.focus === 'name') nameRef.current?.focus();
  }, [joinError]);
  useEffect(() => {
    if (moreOpen && joinInfo?.focus === 'password') passwordRef.current?.focus();
  }, [moreOpen, joinError]);

  const toggleMic = (): void => void session.setMic(!media.micOn);
  const toggleCamera = (): void => void session.setCamera(!media.cameraOn);
  useShortcuts({ m: toggleMic, v: toggleCamera });

  const join = (e: Event): void => {
    e.preventDefault();
    void session.join();
  };

  const trackDevice = (kind: 'audio' | 'video'): string | undefined =>
    session.media.inputTrack(kind)?.getSettings().deviceId;

  return (
    <main id="main" class="lobby">
      <LobbyPreview session={session} onToggleMic={toggleMic} onToggleCamera={toggleCamera} />
      <form class="lobby__form" onSubmit={join} noValidate>
        <h1 class="lobby__title">{t('lobbyTitle')}</h1>
        <p class="lobby__room">{t('lobbyRoom', { room: session.room })}</p>

        <OfflineNotice />
        <MediaProblemNotice session={session} />
        <DeviceNotice watch={session.deviceWatch} inline />

        <div class="field">
          <label class="field__label" for="lobby-name">
            {t('yourName')}
          </label>
          <input
            ref={nameRef}
            id="lobby-name"
            class="input"
            type="text"
            autoComplete="name"
            maxLength={MAX_DISPLAY_NAME_LENGTH}
            placeholder={t('yourNamePlaceholder')}
            value={session.name.value}
            aria-invalid={joinInfo?.focus === 'name'}
            aria-describedby={joinInfo?.focus === 'name' ? 'lobby-join-error' : undefined}
            onInput={(e) => (session.name.value = e.currentTarget.value)}
          />
        </div>

        {joinInfo && (
          <ErrorNotice
            id="lobby-join-error"
            info={joinInfo}
            busy={joining}
            handlers={{
              tryAgain: () => void session.join(),
              newCall: () => navigate(roomPath(generateRoomName())),
            }}
          />
        )}

        <div class="lobby__actions">
          <button
            type="submit"
            class="button button--primary button--large"
            disabled={joining}
            aria-describedby={joining ? 'lobby-joining' : undefined}
          >
            {t('joinCall')}
          </button>
          {joining && (
            <p id="lobby-joining" class="lobby__status">
              {t('joining')}
            </p>
          )}
        </div>
        <details
          class="lobby__more"
          open={moreOpen}
          onToggle={(e) => setMoreOpen(e.currentTarget.open)}
        >
          <summary class="lobby__more-summary">{t('moreOptions')}</summary>
          <div class="lobby__more-body">
            <div class="lobby__devices">
              <DevicePicker
                id="lobby-camera"
                label={t('chooseCamera')}
                kindName={t('camera')}
                devices={devices.filter((d) => d.kind === 'videoinput' && d.deviceId)}
                value={trackDevice('video')}
                onChange={(id) => void session.useDevice('video', id)}
              />
              <DevicePicker
                id="lobby-mic"
                label={t('chooseMicrophone')}
                kindName={t('microphone')}
                devices={devices.filter((d) => d.kind === 'audioinput' && d.deviceId)}
                value={trackDevice('audio')}
                onChange={(id) => void session.useDevice('audio', id)}
              />
              <SpeakerPicker id="lobby-speaker" devices={devices} />
            </div>
            <EffectsView session={session} place="lobby" />

            <div class="field">
              <label class="field__label" for="lobby-password">
                {t('roomPassword')}
              </label>
              <input
                ref={passwordRef}
                id="lobby-password"
                class="input"
                type="password"
                autoComplete="off"
                maxLength={MAX_PASSWORD_LENGTH}
                aria-describedby={
                  joinInfo?.focus === 'password'
                    ? 'lobby-password-hint lobby-join-error'
                    : 'lobby-password-hint'
                }
                aria-invalid={joinInfo?.focus === 'password'}
                value={session.password.value}
                onInput={(e) => (session.password.value = e.currentTarget.value)}
              />
              <span id="lobby-password-hint" class="field__hint">
                {t('roomPasswordHint')}
              </span>
            </div>

            <RelayOnlyToggle />
            <ConnectionCheck />
          </div>
        </details>
        <div class="lobby__language">
          <LanguagePicker />
        </div>
      </form>
    </main>
  );
}
