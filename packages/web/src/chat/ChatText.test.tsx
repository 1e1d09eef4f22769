// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatText } from './ChatText';

describe('ChatText', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('shows markup literally and creates no element from it', () => {
    const text = '<img src=x onerror=alert(1)>';
    render(<ChatText text={text} />, root);
    expect(root.textContent).toBe(text);
    expect(root.querySelector('img')).toBeNull();
    expect(root.children).toHaveLength(0);
  });

  it('turns http(s) URLs into links that open safely in a new tab', () => {
    render(<ChatText text="docs at https://example.com/a and more" />, root);
    const link = root.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.com/a');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(root.textContent).toBe('docs at https://example.com/a and more');
  });

  it('does not link javascript: URLs', () => {
    render(<ChatText text="javascript:alert(1)" />, root);
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toBe('javascript:alert(1)');
  });

  it('shows the real ASCII host of a look-alike (IDN homograph) link', () => {
    // "аpple" with a Cyrillic "а" (U+0430): looks like apple.com, goes elsewhere.
    render(<ChatText text={'log in at https://\u0430pple.com/login now'} />, root);
    const link = root.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://xn--pple-43d.com/login');
    expect(link?.textContent).toBe('https://\u0430pple.com/login (xn--pple-43d.com)');
    expect(link?.querySelector('.chat-link__host')?.textContent).toBe(' (xn--pple-43d.com)');
  });

  it('shows the real host of a link with a user name before it', () => {
    render(<ChatText text="https://bank.example@evil.example/pay" />, root);
    const link = root.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://bank.example@evil.example/pay');
    expect(link?.textContent).toContain('(evil.example)');
  });

  it('adds nothing to a link that shows its host as it is', () => {
    render(<ChatText text="see https://Example.com:8443/a?b=1" />, root);
    expect(root.textContent).toBe('see https://Example.com:8443/a?b=1');
    expect(root.querySelector('.chat-link__host')).toBeNull();
  });
});
