import type { Signal } from '@preact/signals';
import type { ChatEntry } from '@zvonok/sdk';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { SidePanel } from '../ui/SidePanel';
import { ChatComposer } from './ChatComposer';
import { ChatMessage } from './ChatMessage';
import './ChatPanel.css';

/**
 * Messages rendered at first, and added by each "Show earlier messages": a flood or a long call
 * never puts thousands of nodes in the page (the SDK keeps a bounded window in memory too).
 */
export const CHAT_RENDERED_PAGE = 100;

/** Props of {@link ChatPanel}. */
export interface ChatPanelProps {
  chat: readonly ChatEntry[];
  ownName: string;
  draft: Signal<string>;
  onSend: (text: string) => boolean;
  onClose: () => void;
}

/**
 * The region "Chat": a role="log" of the latest messages (a bounded number; earlier ones one page
 * at a time behind "Show earlier messages") and the composer.
 */
export function ChatPanel({ chat, ownName, draft, onSend, onClose }: ChatPanelProps) {
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const [shown, setShown] = useState(CHAT_RENDERED_PAGE);
  const start = Math.max(0, chat.length - shown);
  const visible = chat.slice(start);

  // Follow new messages, unless the person scrolled up to read older ones.
  useLayoutEffect(() => {
    const log = logRef.current;
    const last = chat[chat.length - 1];
    if (log && (stickToBottom.current || last?.mine)) log.scrollTop = log.scrollHeight;
  }, [chat]);

  return (
    <SidePanel id="chat-panel" label={t('chatRegion')} title={t('chat')} onClose={onClose}>
      {chat.length === 0 && <p class="chat__empty">{t('chatEmpty')}</p>}
      <div
        ref={logRef}
        class="chat__log"
        role="log"
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 64;
        }}
      >
        {start > 0 && (
          <button
            type="button"
            class="button chat__earlier"
            onClick={() => {
              stickToBottom.current = false;
              setShown((n) => n + CHAT_RENDERED_PAGE);
            }}
          >
            {t('chatShowEarlier')}
          </button>
        )}
        {visible.map((entry, i) => (
          <ChatMessage
            key={`${entry.from}:${entry.id}`}
            entry={entry}
            index={start + i}
            ownName={ownName}
          />
        ))}
      </div>
      <ChatComposer draft={draft} onSend={onSend} />
    </SidePanel>
  );
}
