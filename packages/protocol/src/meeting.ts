/**
 * Meeting controls on the wire: the host's actions, knocking to enter, the room's settings as
 * everyone sees them, reactions and the pre-join room check. Kept apart from messages.ts (the
 * core signaling) so that each stays readable; messages.ts lists these in its schema maps.
 */
import * as v from 'valibot';
import { MAX_PASSWORD_LENGTH, MAX_REMOVAL_MINUTES, REACTIONS } from './limits.js';

const PeerId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const RoomName = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

/** What a host may ask someone to turn on, or turn off for them. */
export const MediaKindSchema = v.picklist(['mic', 'camera']);
export type MediaKind = v.InferOutput<typeof MediaKindSchema>;

/** One reaction from the fixed set (REACTIONS). */
export const ReactionSchema = v.picklist(REACTIONS);
export type Reaction = v.InferOutput<typeof ReactionSchema>;

// ---------------------------------------------------------------------------------------------
// Client -> server

/**
 * A host action. The server checks that the sender is the room's host (never trusting the
 * client), rate-limits it, and logs it without content (no names, no passwords).
 */
export const HostActionSchema = v.variant('action', [
  /** Hand the host role to another member. */
  v.object({ type: v.literal('host'), action: v.literal('give'), to: PeerId }),
  /** Lock (no one new may join) or unlock the room. */
  v.object({ type: v.literal('host'), action: v.literal('lock'), on: v.boolean() }),
  /** Newcomers knock and wait until the host lets them in (on), or walk in (off). */
  v.object({ type: v.literal('host'), action: v.literal('knock'), on: v.boolean() }),
  /** Let a knocking newcomer in, or turn them away. `id` is from `knocks`. */
  v.object({
    type: v.literal('host'),
    action: v.literal('admit'),
    id: PeerId,
    allow: v.boolean(),
  }),
  /** Turn someone's microphone or camera off (`to` omitted: everyone but the host). */
  v.object({
    type: v.literal('host'),
    action: v.literal('mute'),
    kind: MediaKindSchema,
    to: v.optional(PeerId),
  }),
  /** Ask someone to turn their microphone or camera on: only ever a request. */
  v.object({
    type: v.literal('host'),
    action: v.literal('ask'),
    kind: MediaKindSchema,
    to: PeerId,
  }),
  /** Remove someone; they may not come back for `minutes` (0: they may rejoin at once). */
  v.object({
    type: v.literal('host'),
    action: v.literal('remove'),
    to: PeerId,
    minutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_REMOVAL_MINUTES)),
  }),
  /** End the call for everyone. */
  v.object({ type: v.literal('host'), action: v.literal('end') }),
  /** Set or change the room's password; without `password`, remove it. */
  v.object({
    type: v.literal('host'),
    action: v.literal('password'),
    password: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PASSWORD_LENGTH))),
  }),
]);
export type HostAction = v.InferOutput<typeof HostActionSchema>;
/** The names of the host actions. */
export type HostActionName = HostAction['action'];

/** A reaction shown over the sender's tile for a few seconds. */
export const ReactSchema = v.object({ type: v.literal('react'), emoji: ReactionSchema });

/**
 * Before joining: does the room exist, and does it need a password or knocking? A guest opening a
 * protected link is asked for the password before trying, not after a failure.
 */
export const RoomInfoRequestSchema = v.object({ type: v.literal('room-info'), room: RoomName });

// ---------------------------------------------------------------------------------------------
// Server -> client

/** The room's settings as every v1 member sees them; sent after `joined` and on each change. */
export const RoomStateSchema = v.object({
  type: v.literal('room-state'),
  /** The host's peer id (absent when the room has none: rooms shared across servers). */
  host: v.optional(PeerId),
  locked: v.boolean(),
  knock: v.boolean(),
  /** The room has a password (the lock icon). */
  password: v.boolean(),
});

/** Something the host did that members are shown (who did what to whom; never content). */
export const HostEventSchema = v.object({
  type: v.literal('host-event'),
  action: v.picklist(['give', 'mute', 'ask', 'remove', 'end', 'admit', 'deny']),
  /** The host's peer id. */
  by: PeerId,
  /** Whom it was done to (absent for everyone / the whole room). */
  to: v.optional(PeerId),
  /** Their name at the time, so a removed person can still be named. */
  toName: v.optional(v.string()),
  kind: v.optional(MediaKindSchema),
  /** For `remove`: how long they may not come back. */
  minutes: v.optional(v.number()),
});
export type HostEvent = v.InferOutput<typeof HostEventSchema>;

/** A newcomer waiting to be let in, as the host sees them. */
export const KnockerSchema = v.object({ id: PeerId, name: v.optional(v.string()) });
export type Knocker = v.InferOutput<typeof KnockerSchema>;

/** To the host: who is knocking now, oldest first (the whole list on every change). */
export const KnocksSchema = v.object({ type: v.literal('knocks'), people: v.array(KnockerSchema) });

/** To a newcomer: the room asks to knock; wait until the host decides (`joined` or an error). */
export const WaitingSchema = v.object({ type: v.literal('waiting'), room: v.string() });

/** Someone reacted. */
export const ReactionMessageSchema = v.object({
  type: v.literal('reaction'),
  from: PeerId,
  emoji: ReactionSchema,
});

/** The answer to `room-info`. */
export const RoomInfoSchema = v.object({
  type: v.literal('room-info'),
  room: v.string(),
  /** Someone is in it now. */
  exists: v.boolean(),
  password: v.boolean(),
  locked: v.boolean(),
  knock: v.boolean(),
});
