import { useEffect, useMemo } from 'preact/hooks';
import type { Call } from '@zvonok/sdk';
import { t } from '../../i18n/i18n';
import { ChatIcon } from '../../icons/icons';
import { Name, withName } from '../../ui/Isolated';
import { xt } from './messages';
import { playChime } from './sounds';
import { ToastController } from './ToastController';

/** Props of {@link Toasts}. */
export interface ToastsProps {
  call: Call;
  chatOpen: boolean;
  onOpenChat: () => void;
}

/**
 * Short toasts at the foot of the stage: who joined or left (with a soft sound, unless turned
 * off in Settings) and, while the chat is closed, a new message's preview that opens the chat
 * when pressed. Not a live region: the call view already announces each event once.
 */
export function Toasts({ call, chatOpen, onOpenChat }: ToastsProps) {
  const chatOpenRef = useMemo(() => ({ current: chatOpen }), []);
  chatOpenRef.current = chatOpen;
  const controller = useMemo(
    () =>
      new ToastController(call, {
        chatOpen: () => chatOpenRef.current,
        guest: () => t('guest'),
        chime: playChime,
      }),
    [call],
  );
  useEffect(() => controller.connect(), [controller]);
  useEffect(() => {
    if (chatOpen) controller.chatOpened();
  }, [chatOpen]);

  const toasts = controller.toasts.value;
  if (toasts.length === 0) return null;
  return (
    <ul class="call-toasts" aria-label={xt('toastsLabel')}>
      {toasts.map((toast) => (
        <li key={toast.id} class="call-toasts__item">
          {toast.kind === 'chat' ? (
            <button
              type="button"
              class="call-toasts__chat"
              aria-label={xt('openChatFrom', { name: toast.name, text: toast.text })}
              onClick={() => {
                controller.dismiss(toast.id);
                onOpenChat();
              }}
            >
              <ChatIcon />
              <span class="call-toasts__text">
                <strong class="call-toasts__name">
                  <Name value={toast.name} />
                </strong>
                <span class="call-toasts__preview">{toast.text}</span>
              </span>
            </button>
          ) : (
            <p class="call-toasts__text">
              {withName(xt(toast.kind, { name: toast.name }), toast.name)}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
