import { describe, expect, test } from 'vitest';
import { recordingFileName } from './fileName.js';

describe('recordingFileName', () => {
  test('names the room and the local start time to the minute', () => {
    expect(recordingFileName('x7Kp-team', new Date(2026, 2, 5, 9, 7, 59))).toBe(
      'zvonok-x7Kp-team-2026-03-05-0907.webm',
    );
  });

  test('pads single digits and keeps 24-hour time', () => {
    expect(recordingFileName('r', new Date(2026, 11, 31, 23, 0))).toBe(
      'zvonok-r-2026-12-31-2300.webm',
    );
  });

  test('turns characters a file system may refuse into dashes', () => {
    expect(recordingFileName('a/b\\c:d*e?"f<g>|h i', new Date(2026, 0, 1, 0, 0))).toBe(
      'zvonok-a-b-c-d-e-f-g-h-i-2026-01-01-0000.webm',
    );
    expect(recordingFileName('комната', new Date(2026, 0, 1, 0, 0))).toBe(
      'zvonok-call-2026-01-01-0000.webm',
    );
  });

  test('caps the room part at 64 characters', () => {
    const name = recordingFileName('r'.repeat(500), new Date(2026, 0, 1, 0, 0));
    expect(name).toBe(`zvonok-${'r'.repeat(64)}-2026-01-01-0000.webm`);
  });
});
