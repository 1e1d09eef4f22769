/**
 * The server's limits an app's UI needs (a field's `maxlength`, the room-name check, the set of
 * reactions and how fast they may be sent), passed on from the wire protocol so that an app
 * talks to the server through the SDK alone and never imports `@zvonok/protocol`.
 */
export {
  MAX_CHAT_TEXT_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  REACTIONS,
  REACTION_RATE,
  ROOM_NAME_PATTERN,
} from '@zvonok/protocol';
export type { Reaction } from '@zvonok/protocol';
