import type { Signal } from '@preact/signals';
import type { ChatEntry } from '@zvonok/sdk';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { SidePanel } from '../ui/SidePanel';
import { ChatComposer } from './ChatComposer';
import { ChatMessage } from './ChatMessage';
import './ChatPanel.css';

/** Props of {@link ChatPanel}. */
export interface ChatPanelProps {
  chat: readonly ChatEntry[];
  ownName: string;
  draft: Signal<string>;
  onSend: (text: string) => boolean;
  onClose: () => void;
}

/** The region "Chat": a role="log" of messages and the composer. */
export function ChatPanel({ chat, ownName, draft, onSend, onClose }: ChatPanelProps) {
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

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
        {chat.map((entry, i) => (
          <ChatMessage
            key={`${entry.from}:${entry.id}`}
            entry={entry}
            index={i}
            ownName={ownName}
          />
        ))}
      </div>
      <ChatComposer draft={draft} onSend={onSend} />
    </SidePanel>
  );
}
