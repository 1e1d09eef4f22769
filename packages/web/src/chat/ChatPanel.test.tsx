// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import type { ChatEntry } from '@zvonok/sdk';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_RENDERED_PAGE, ChatPanel } from './ChatPanel';

function entries(count: number): ChatEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    from: `p${i % 5}`,
    name: `Person ${i % 5}`,
    text: `message ${i}`,
    ts: 1_700_000_000_000 + i * 1000,
    mine: false,
    status: 'sent' as const,
  }));
}

describe('ChatPanel', () => {
  const root = document.createElement('div');
  document.body.append(root);
  afterEach(() => render(null, root));

  const panel = (chat: readonly ChatEntry[]) => (
    <ChatPanel
      chat={chat}
      ownName="Me"
      draft={signal('')}
      onSend={() => true}
      onClose={() => undefined}
    />
  );

  it('renders a bounded number of messages however many there are, the latest last', async () => {
    const chat = entries(5000);
    await act(() => render(panel(chat), root));
    const articles = root.querySelectorAll('article');
    expect(articles).toHaveLength(CHAT_RENDERED_PAGE);
    expect(articles[articles.length - 1]?.textContent).toContain('message 4999');
    // Every node of the log, not just the articles, stays bounded.
    expect(root.querySelectorAll('*').length).toBeLessThan(CHAT_RENDERED_PAGE * 12);
  });

  it('shows earlier messages a page at a time behind a button, then no button', async () => {
    await act(() => render(panel(entries(150)), root));
    const earlier = () =>
      [...root.querySelectorAll('button')].find((b) => b.textContent === 'Show earlier messages');
    expect(earlier()).toBeDefined();
    await act(() => earlier()!.click());
    const articles = root.querySelectorAll('article');
    expect(articles).toHaveLength(150);
    expect(articles[0]?.textContent).toContain('message 0');
    expect(earlier()).toBeUndefined();
  });

  it('shows no button when everything fits', async () => {
    await act(() => render(panel(entries(3)), root));
    expect(root.querySelectorAll('article')).toHaveLength(3);
    expect(root.querySelector('.chat__earlier')).toBeNull();
  });
});
