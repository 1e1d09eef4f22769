import { useSignal } from '@preact/signals';
import { CallError, CallState, type Call } from '@zvonok/sdk';
import { useEffect, useRef } from 'preact/hooks';
import { ChatPanel } from '../chat/ChatPanel';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useShortcuts } from '../hooks/useShortcuts';
import { useWakeLock } from '../hooks/useWakeLock';
import { t } from '../i18n/i18n';
import { isPhoneLayout } from '../layout/useMediaQuery';
import { loadMeetingUi, MeetingSlot, meetingUi } from '../meeting/slots';
import { PeoplePanel } from '../participants/PeoplePanel';
import { loadQualityUi } from '../quality/qualityUi';
import { FlipCameraButton } from '../phone/FlipCameraButton';
import { RecordButton } from '../recording/RecordButton';
import { RecordingBanner, RecordingNotices } from '../recording/RecordingBanner';
import { useRecording } from '../recording/useRecording';
import type { RoomSession } from '../room/RoomSession';
import { roomPath } from '../routing/router';
import { OtherScreens, ScreenStage } from '../screen/ScreenStage';
import { ShareScreenButton } from '../screen/ShareScreenButton';
import { SharingNotice } from '../screen/SharingNotice';
import { useScreenShare } from '../screen/useScreenShare';
import { DeviceNotice } from '../settings/DeviceNotice';
import { SettingsButton } from '../settings/SettingsButton';
import { SettingsPanel } from '../settings/SettingsPanel';
import { statsItem } from '../stats/statsItem';
import { StatsPanelLoader } from '../stats/StatsPanelLoader';
import { CallEnded } from './CallEnded';
import { CallNotices } from './CallNotices';
import { Controls, type Panel } from './Controls';
import { layoutItems, phoneItems } from './moreItems';
import { ParticipantGrid } from './ParticipantGrid';
import { ReconnectBanner } from './ReconnectBanner';
import { useCall } from './useCall';
import { lazyComponent } from '../ui/lazy';
import './CallView.css';

/** Toasts, "You are muted" and in-call media problems: code loaded after the call shows. */
const CallExtras = lazyComponent(() => import('./extras/CallExtras').then((m) => m.CallExtras));

/** Props of {@link CallView}. */
export interface CallViewProps {
  session: RoomSession;
  call: Call;
}

/** The call: tiles, controls, chat and participants panels, and every in-call state. */
export function CallView({ session, call }: CallViewProps) {
  const store = useCall(call);
  const panel = useSignal<Panel>(null);
  const draft = useSignal('');
  const toast = useSignal('');
  const toastTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const media = session.mediaState.value;
  const ownName = session.name.value.trim() || t('guest');
  const state = store.state.value;
  const recording = useRecording(session, call);
  const screen = useScreenShare(session, call);
  const spotlight = screen.spotlight.value !== undefined;
  const phone = isPhoneLayout().value;
  /** The person whose verification the participants panel opens at. */
  const verifying = useSignal<string | null>(null);
  /** The person whose connection the statistics panel opens at. */
  const statsOf = useSignal<string | null>(null);
  useWakeLock();
  useEffect(() => loadMeetingUi({ call, store, session }), [call]);
  useDocumentTitle(t('callTitle', { count: store.participants.value.length + 1 }));

  const toggleMic = (): void => void session.setMic(!media.micOn);
  const toggleCamera = (): void => void session.setCamera(!media.cameraOn);
  useShortcuts({ m: toggleMic, v: toggleCamera });

  const setPanel = (next: Panel): void => {
    const closing = panel.value;
    panel.value = next;
    if (next !== 'participants') verifying.value = null;
    if (next !== 'stats') statsOf.value = null;
    store.setChatOpen(next === 'chat');
    // Closing a panel returns focus to the button that opened it.
    if (next === null && closing) {
      requestAnimationFrame(() =>
        (
          document.getElementById(`control-${closing}`) ??
          document.querySelector<HTMLElement>('.control--more')
        )?.focus(),
      );
    }
  };

  useEffect(() => () => clearTimeout(toastTimer.current), []);
  useEffect(loadQualityUi, []);
  // The Join button is gone: put keyboard focus on the first control rather than the page.
  useEffect(() => document.querySelector<HTMLElement>('.controls button')?.focus(), []);
  const showToast = (text: string): void => {
    toast.value = text;
    clearTimeout(toastTimer.current);
    toastTimer.current = setTimeout(() => (toast.value = ''), 6000);
  };

  const copyLink = (): void => {
    const url = `${location.origin}${roomPath(session.room)}`;
    // The Clipboard API needs a secure context; elsewhere the link is shown to copy by hand.
    if (!navigator.clipboard) {
      showToast(t('linkCopyManual', { url }));
      return;
    }
    navigator.clipboard.writeText(url).then(
      () => showToast(t('linkCopied')),
      () => showToast(t('linkCopyManual', { url })),
    );
  };

  return (
    <main id="main" class={`call${panel.value ? ' call--panel' : ''}`}>
      <h1 class="visually-hidden">{t('callHeading')}</h1>
      <RecordingBanner controller={recording} participants={store.participants.value} />
      <SharingNotice controller={screen} />
      <div class="call__body">
        {/* A shared screen goes large with the people in a strip beside it (the same grid
            element, so tiles are not rebuilt when sharing starts or stops). */}
        <div class={spotlight ? 'stage stage--spotlight' : 'stage'}>
          <ReconnectBanner reconnecting={state === CallState.Reconnecting} />
          {spotlight && <ScreenStage controller={screen} />}
          <ParticipantGrid
            session={session}
            participants={store.participants.value}
            strip={spotlight}
            activeSpeaker={store.activeSpeaker.value}
            speaking={store.speaking.value}
            onVerify={(id) => {
              setPanel('participants');
              verifying.value = id;
            }}
            onStats={(id) => {
              setPanel('stats');
              statsOf.value = id;
            }}
          >
            <OtherScreens controller={screen} />
          </ParticipantGrid>
        </div>
        {panel.value === 'chat' && (
          <ChatPanel
            chat={store.chat.value}
            ownName={ownName}
            draft={draft}
            onSend={(text) => {
              try {
                call.sendChat(text);
                return true;
              } catch (error) {
                if (!(error instanceof CallError)) throw error;
                store.report(error);
                return false;
              }
            }}
            onClose={() => setPanel(null)}
          />
        )}
        {panel.value === 'participants' && (
          <PeoplePanel
            ownName={ownName}
            micOn={media.micOn}
            cameraOn={media.cameraOn}
            participants={store.participants.value}
            verifying={verifying.value}
            onClose={() => setPanel(null)}
          />
        )}
        {panel.value === 'stats' && (
          <StatsPanelLoader
            call={call}
            participants={store.participants.value}
            focus={statsOf.value}
            onClose={() => setPanel(null)}
          />
        )}
        {panel.value === 'settings' && (
          <SettingsPanel session={session} onClose={() => setPanel(null)} />
        )}
        <CallNotices store={store} />
        <RecordingNotices controller={recording} />
        {/* At the foot of the call's body, so they sit just above the toolbar however many rows
            it wraps to, never over it. */}
        <DeviceNotice watch={session.deviceWatch} />
        <CallExtras
          session={session}
          call={call}
          chatOpen={panel.value === 'chat'}
          onOpenChat={() => setPanel('chat')}
        />
        <div class="call__toast" aria-live="polite">
          {toast.value && <p class="call__toast-text">{toast.value}</p>}
        </div>
      </div>
      <Controls
        micOn={media.micOn}
        cameraOn={media.cameraOn}
        panel={panel.value}
        unread={store.unread.value}
        onToggleMic={toggleMic}
        onToggleCamera={toggleCamera}
        onTogglePanel={(p) => setPanel(panel.value === p ? null : p)}
        onCopyLink={copyLink}
        onLeave={() => void session.leave()}
        compact={phone}
        media={phone ? undefined : <ShareScreenButton controller={screen} />}
        extra={
          phone ? (
            <FlipCameraButton session={session} />
          ) : (
            <>
              <MeetingSlot name="toolbar" />
              <FlipCameraButton session={session} />
              <RecordButton controller={recording} />
              <SettingsButton
                open={panel.value === 'settings'}
                onToggle={() => setPanel(panel.value === 'settings' ? null : 'settings')}
              />
            </>
          )
        }
        more={[
          ...(phone ? (meetingUi.value?.moreItems() ?? []) : []),
          ...(phone ? phoneItems(screen, recording, () => setPanel('settings')) : []),
          ...layoutItems(),
          statsItem(() => setPanel('stats')),
        ]}
      />
      <div class="visually-hidden" aria-live="polite">
        {store.announcement.value}
      </div>
      <MeetingSlot name="layer" />
      {state === CallState.Disconnected && (
        <CallEnded reason={store.endReason.value} onRejoin={() => void session.rejoin()} />
      )}
    </main>
  );
}
