import type { ChatEntry } from '@zvonok/sdk';
import { t, timeLocale } from '../i18n/i18n';
import { ChatText } from './ChatText';
import { Name } from '../ui/Isolated';

let cached: { locale: string; format: Intl.DateTimeFormat } | undefined;

/** "14:05" or "2:05 PM", as the person's locale writes it. */
export function formatTime(ts: number): string {
  const locale = timeLocale();
  if (cached?.locale !== locale) {
    cached = { locale, format: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }) };
  }
  return cached.format.format(ts);
}

/** Props of {@link ChatMessage}. */
export interface ChatMessageProps {
  entry: ChatEntry;
  /** Unique within the log, for the id the article is named by. */
  index: number;
  /** Own display name, for own messages. */
  ownName: string;
}

/** One message: an article named by its author, with the time and the text (never HTML). */
export function ChatMessage({ entry, index, ownName }: ChatMessageProps) {
  const author = entry.mine ? ownName : (entry.name ?? t('guest'));
  const authorId = `chat-author-${index}`;
  return (
    <article
      class={`chat-message${entry.mine ? ' chat-message--mine' : ''}`}
      aria-labelledby={authorId}
    >
      <p class="chat-message__meta">
        <span id={authorId} class="chat-message__author">
          <Name value={author} />
        </span>
        <time dateTime={new Date(entry.ts).toISOString()}>{formatTime(entry.ts)}</time>
        {entry.status === 'pending' && <span class="chat-message__pending">{t('sending')}</span>}
      </p>
      <p class="chat-message__text">
        <ChatText text={entry.text} />
      </p>
    </article>
  );
}
