import { describe, expect, test } from 'vitest';
import { pickRecordingMimeType } from './mimeType.js';

describe('pickRecordingMimeType', () => {
  test('prefers VP9 + Opus when the browser records it', () => {
    expect(pickRecordingMimeType(() => true)).toBe('video/webm;codecs=vp9,opus');
  });

  test('falls back to VP8 + Opus, then to plain WebM', () => {
    expect(pickRecordingMimeType((t) => !t.includes('vp9'))).toBe('video/webm;codecs=vp8,opus');
    expect(pickRecordingMimeType((t) => t === 'video/webm')).toBe('video/webm');
  });

  test('a browser that records no WebM (MP4 only) gets undefined', () => {
    expect(pickRecordingMimeType((t) => t.startsWith('video/mp4'))).toBeUndefined();
  });
});
