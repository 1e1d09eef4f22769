import { describe, expect, it } from 'vitest';
import { errorName } from './errorName.js';

describe('errorName', () => {
  it('reads the name of errors, DOMExceptions and plain objects; "" otherwise', () => {
    expect(errorName(new TypeError('x'))).toBe('TypeError');
    expect(errorName(new DOMException('gone', 'NotFoundError'))).toBe('NotFoundError');
    expect(errorName({ name: 'OverconstrainedError', constraint: 'deviceId' })).toBe(
      'OverconstrainedError',
    );
    expect(errorName('NotAllowedError')).toBe('');
    expect(errorName(null)).toBe('');
    expect(errorName(undefined)).toBe('');
  });
});
