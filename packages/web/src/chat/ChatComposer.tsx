import type { Signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { MAX_CHAT_TEXT_LENGTH } from '@zvonok/sdk';
import { t } from '../i18n/i18n';
import { SendIcon } from '../icons/icons';

/** Props of {@link ChatComposer}. */
export interface ChatComposerProps {
  /** The draft, kept outside so it survives closing the panel. */
  draft: Signal<string>;
  /** Sends; returns false when the message could not be sent (the draft is then kept). */
  onSend: (text: string) => boolean;
}

/** The message field: Enter sends, Shift+Enter starts a new line. */
export function ChatComposer({ draft, onSend }: ChatComposerProps) {
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const send = (): void => {
    const text = draft.value.trim();
    if (!text) return;
    if (onSend(text)) draft.value = '';
  };

  return (
    <form
      class="chat__form"
      onSubmit={(e) => {
        e.preventDefault();
        send();
        inputRef.current?.focus();
      }}
    >
      <label class="visually-hidden" for="chat-input">
        {t('message')}
      </label>
      <textarea
        ref={inputRef}
        id="chat-input"
        class="input chat__input"
        rows={1}
        maxLength={MAX_CHAT_TEXT_LENGTH}
        placeholder={t('messagePlaceholder')}
        value={draft.value}
        onInput={(e) => (draft.value = e.currentTarget.value)}
        onKeyDown={(e) => {
          // Not while an input method is composing (Enter there picks a candidate).
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <button type="submit" class="icon-button chat__send" aria-label={t('send')}>
        <SendIcon />
      </button>
    </form>
  );
}
