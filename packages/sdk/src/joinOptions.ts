import {
  MAX_DISPLAY_NAME_LENGTH,
  ROOM_NAME_PATTERN,
  ROOM_NAME_RULE,
  isCleanDisplayName,
  normalizeDisplayName,
} from '@zvonok/protocol';
import { CallError, CallErrorCode } from './errors.js';
import type { JoinOptions } from './types.js';

/**
 * Check and tidy what `join` was given, so that mistakes fail at once with InvalidInput instead
 * of as a server refusal: the room name as in links, a trimmed display name (empty = none).
 */
export function normalizeJoinOptions(options: JoinOptions): JoinOptions {
  if (!ROOM_NAME_PATTERN.test(options.room)) {
    throw new CallError(CallErrorCode.InvalidInput, ROOM_NAME_RULE);
  }
  const join: JoinOptions = { room: options.room };
  // The server's own rules (protocol text.ts): normalised, no invisible or control characters.
  const name = options.name === undefined ? undefined : normalizeDisplayName(options.name);
  if (name) {
    if (name.length > MAX_DISPLAY_NAME_LENGTH || !isCleanDisplayName(name)) {
      throw new CallError(
        CallErrorCode.InvalidInput,
        `names are 1-${MAX_DISPLAY_NAME_LENGTH} characters without control or invisible characters`,
      );
    }
    join.name = name;
  }
  if (options.password) join.password = options.password;
  if (options.replaceToken) join.replaceToken = options.replaceToken;
  return join;
}
