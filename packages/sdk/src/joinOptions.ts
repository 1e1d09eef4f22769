import { MAX_DISPLAY_NAME_LENGTH, ROOM_NAME_PATTERN } from '@zvonok/protocol';
import { CallError, CallErrorCode } from './errors.js';
import type { JoinOptions } from './types.js';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Check and tidy what `join` was given, so that mistakes fail at once with InvalidInput instead
 * of as a server refusal: the room name as in links, a trimmed display name (empty = none).
 */
export function normalizeJoinOptions(options: JoinOptions): JoinOptions {
  if (!ROOM_NAME_PATTERN.test(options.room)) {
    throw new CallError(
      CallErrorCode.InvalidInput,
      'room names are 1-64 letters, digits, - or _ (starting with a letter or digit)',
    );
  }
  const join: JoinOptions = { room: options.room };
  const name = options.name?.trim();
  if (name) {
    if (name.length > MAX_DISPLAY_NAME_LENGTH || CONTROL_CHARACTERS.test(name)) {
      throw new CallError(
        CallErrorCode.InvalidInput,
        `names are 1-${MAX_DISPLAY_NAME_LENGTH} characters without control characters`,
      );
    }
    join.name = name;
  }
  if (options.password) join.password = options.password;
  if (options.replaceToken) join.replaceToken = options.replaceToken;
  return join;
}
