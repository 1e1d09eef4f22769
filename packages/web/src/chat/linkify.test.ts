import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from './linkify';

const joined = (text: string) =>
  linkify(text)
    .map((s) => s.text)
    .join('');

describe('linkify', () => {
  it('keeps markup as one text segment', () => {
    const text = '<img src=x onerror=alert(1)>';
    expect(linkify(text)).toEqual([{ kind: 'text', text }]);
  });

  it('links http and https URLs and keeps the text around them', () => {
    expect(linkify('see https://example.com/a?b=1 and http://x.org')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
    ]);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'file:///etc/passwd',
    'https://',
  ])('does not link %j', (text) => {
    expect(linkify(text).every((s) => s.kind === 'text')).toBe(true);
    expect(joined(text)).toBe(text);
  });

  it('does not link a javascript: URL hidden after an http prefix', () => {
    const segments = linkify('http:javascript:alert(1)');
    expect(segments.every((s) => s.kind === 'text')).toBe(true);
  });

  it('stops a link at quotes and angle brackets so markup cannot ride along', () => {
    const segments = linkify('<a href="https://evil.example/x">hi</a>');
    const links = segments.filter((s) => s.kind === 'link');
    expect(links).toEqual([
      { kind: 'link', text: 'https://evil.example/x', href: 'https://evil.example/x' },
    ]);
    expect(joined('<a href="https://evil.example/x">hi</a>')).toBe(
      '<a href="https://evil.example/x">hi</a>',
    );
  });

  it('leaves sentence punctuation out of the link but keeps balanced parentheses', () => {
    expect(linkify('Look: https://a.example/x.')[1]).toMatchObject({ text: 'https://a.example/x' });
    expect(linkify('(https://a.example/x)')[1]).toMatchObject({ text: 'https://a.example/x' });
    expect(linkify('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({
      text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
    });
  });

  it('gives back the exact input when joined', () => {
    for (const text of [
      '',
      'a',
      'x https://a.b/c, y',
      'https://a.b https://c.d',
      '🙂 http://ü.example',
    ]) {
      expect(joined(text)).toBe(text);
    }
  });
});

describe('safeHref', () => {
  it('normalises and accepts only http(s) with a host', () => {
    expect(safeHref('HTTPS://Example.com')).toBe('https://example.com/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
