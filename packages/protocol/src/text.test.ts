import { describe, expect, it } from 'vitest';
import { ErrorCode } from './errors.js';
import { parseClientMessage } from './parse.js';
import { findIllFormedText, isCleanDisplayName, normalizeDisplayName } from './text.js';

/** A frame as a hostile client writes it: JSON escapes survive JSON.stringify only as text. */
const LONE = '\\ud800';

describe('ill-formed text', () => {
  const frames: [string, string][] = [
    ['chat text', `{"type":"chat","text":"a${LONE}b"}`],
    ['a trailing lone low surrogate in chat', `{"type":"chat","text":"ok\\udc00"}`],
    ['a chat id', `{"type":"chat","text":"hi","id":"x${LONE}"}`],
    ['a display name', `{"type":"join","room":"r","name":"Ann${LONE}"}`],
    ['a password', `{"type":"join","room":"r","password":"${LONE}"}`],
    ['a resume token', `{"type":"join","room":"r","resumeToken":"${LONE}"}`],
    ['an SDP', `{"type":"offer","to":"b","sdp":"v=0${LONE}"}`],
    [
      'a candidate',
      `{"type":"ice-candidate","to":"b","candidate":{"candidate":"c${LONE}","sdpMid":"0"}}`,
    ],
    ['a field the schema would drop', `{"type":"ping","extra":["${LONE}"]}`],
    ['a key', `{"type":"ping","${LONE}":1}`],
    ['a peer id', `{"type":"answer","to":"${LONE}","sdp":"v=0"}`],
  ];
  it.each(frames)('refuses a lone surrogate in %s with BAD_TEXT', (_label, raw) => {
    const r = parseClientMessage(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(ErrorCode.BadText);
  });

  it('accepts non-BMP text (pairs are well-formed), control characters and bidi marks in chat', () => {
    for (const text of ['😀𝄞🀄 𠜎', 'a\u0000b\u001f', '\u202eevil', '\ud83d\ude00']) {
      const r = parseClientMessage(JSON.stringify({ type: 'chat', text }));
      expect(r.ok && r.message.type === 'chat' && r.message.text).toBe(text);
    }
  });

  it('finds the path of the bad string', () => {
    expect(findIllFormedText({ a: [{ b: 'x\udfff' }] })).toBe('a.0.b');
    expect(findIllFormedText({ a: ['😀'] })).toBeNull();
  });
});

describe('display names', () => {
  const refused: [string, string][] = [
    ['a right-to-left override', 'Ann\u202Egnp.exe'],
    ['a left-to-right isolate', '\u2066Bob'],
    ['a zero-width space', 'Ad\u200Bmin'],
    ['a zero-width joiner between letters', 'Ad\u200Dmin'],
    ['a byte order mark inside', 'An\uFEFFn'],
    ['a soft hyphen', 'An\u00ADn'],
    ['a tag character', 'Ann\u{E0041}'],
    ['a line separator', 'Ann\u2028Bob'],
    ['a C1 control', 'Ann\u0085'],
    ['a bell', 'Ann\u0007'],
  ];
  it.each(refused)('refuses %s', (_label, name) => {
    const r = parseClientMessage(JSON.stringify({ type: 'join', room: 'r', name }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(ErrorCode.BadMessage);
  });

  it('keeps emoji sequences joined by a zero-width joiner, and accents, and other scripts', () => {
    for (const name of ['👩‍💻 Ann', '👨‍👩‍👧', '❤️‍🔥', 'Zoë', 'Миша', 'مريم', '李雷']) {
      expect(isCleanDisplayName(name), name).toBe(true);
      const r = parseClientMessage(JSON.stringify({ type: 'join', room: 'r', name }));
      expect(r.ok, name).toBe(true);
    }
  });

  it('normalises names to NFC, so that two spellings of one name are one name', () => {
    const decomposed = 'Zoe\u0308';
    const r = parseClientMessage(
      JSON.stringify({ type: 'join', room: 'r', name: ` ${decomposed} ` }),
    );
    expect(r.ok && r.message.type === 'join' && r.message.name).toBe('Zo\u00EB');
    expect(normalizeDisplayName('Zoe\u0308')).toBe('Zoë');
  });
});

describe('deep nesting', () => {
  it('walks thousands of levels without running out of stack', () => {
    const depth = 30_000;
    const deep = `${'['.repeat(depth)}"\\ud800"${']'.repeat(depth)}`;
    expect(findIllFormedText(JSON.parse(deep))).toBe('0.0.0.0');
    const r = parseClientMessage(`{"type":"chat","text":"x","extra":${deep}}`);
    expect(!r.ok && r.error.code).toBe(ErrorCode.BadText);
  });
});
