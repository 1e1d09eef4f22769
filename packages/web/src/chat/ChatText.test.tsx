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
});
