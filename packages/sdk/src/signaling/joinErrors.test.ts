import { ErrorCode } from '@zvonok/protocol';
import { describe, expect, it } from 'vitest';
import { CallErrorCode } from '../errors.js';
import { joinErrorCode } from './joinErrors.js';

describe('joinErrorCode', () => {
  it('maps the refusals of a join that a person can act on', () => {
    expect(joinErrorCode(ErrorCode.TooManyJoins, 'join')).toBe(CallErrorCode.TooManyJoins);
    expect(joinErrorCode(ErrorCode.ServerBusy, 'join')).toBe(CallErrorCode.ServerBusy);
    expect(joinErrorCode(ErrorCode.BadText, 'join')).toBe(CallErrorCode.InvalidInput);
    expect(joinErrorCode(ErrorCode.BadMessage, 'join')).toBe(CallErrorCode.InvalidInput);
  });

  it('leaves errors about other messages alone', () => {
    expect(joinErrorCode(ErrorCode.BadText, 'chat')).toBeUndefined();
  });
});
