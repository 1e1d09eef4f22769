/**
 * Messages of calls carried by the SFU (Janus). The browser never talks to Janus: it hands its
 * publisher offer, its subscriber answer and its ICE candidates to the Zvonok server, which
 * passes them on within the room the browser has joined, and sends back Janus' answer and offers.
 * Each browser has two connections to the SFU: one publisher (its own media, out) and one
 * multistream subscriber (everyone else's media, in).
 */
import * as v from 'valibot';
import { MAX_CANDIDATE_LENGTH, MAX_ID_LENGTH, MAX_SDP_LENGTH } from './limits.js';

/** Most feeds one subscription may ask for at once. */
export const MAX_SFU_FEEDS = 100;

const Sdp = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SDP_LENGTH));
const FeedId = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH));
const Candidate = v.object({
  candidate: v.pipe(v.string(), v.maxLength(MAX_CANDIDATE_LENGTH)),
  sdpMid: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
  sdpMLineIndex: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)))),
});

// Client -> server

/**
 * The offer of this browser's publisher connection (first publish or a renegotiation). `e2ee`:
 * its frames are end-to-end encrypted (the SFU then leaves the payloads alone).
 */
export const SfuPublishSchema = v.object({
  type: v.literal('sfu-publish'),
  sdp: Sdp,
  e2ee: v.boolean(),
  /** A new connection (the browser started over): the SFU drops the earlier one first. */
  fresh: v.optional(v.boolean()),
});

/**
 * Receive the media of `feeds` (peer ids of publishers in the same room) on this browser's one
 * subscriber connection; the first call creates it, later ones change it. Answered by `sfu-offer`.
 */
export const SfuSubscribeSchema = v.object({
  type: v.literal('sfu-subscribe'),
  feeds: v.pipe(v.array(FeedId), v.minLength(1), v.maxLength(MAX_SFU_FEEDS)),
  /** A new subscriber connection (the browser started over): the earlier one is dropped. */
  fresh: v.optional(v.boolean()),
});

/** The answer to the latest `sfu-offer`: the subscriber connection starts receiving. */
export const SfuStartSchema = v.object({ type: v.literal('sfu-start'), sdp: Sdp });

/** An ICE candidate of the publisher or the subscriber connection; null ends the candidates. */
export const SfuIceSchema = v.object({
  type: v.literal('sfu-ice'),
  target: v.picklist(['publisher', 'subscriber']),
  candidate: v.nullable(Candidate),
});

// Server -> client

/** The SFU's answer to `sfu-publish`. */
export const SfuAnswerSchema = v.object({ type: v.literal('sfu-answer'), sdp: Sdp });

/** One incoming stream of the subscriber connection: whose (`feed`, a peer id) and what. */
export const SfuStreamSchema = v.object({
  mid: v.string(),
  feed: v.string(),
  kind: v.picklist(['audio', 'video', 'data']),
  /** The stream's mid on its publisher's connection (tells a camera from a screen). */
  feedMid: v.optional(v.string()),
});
export type SfuStream = v.InferOutput<typeof SfuStreamSchema>;

/** The SFU's offer for the subscriber connection, with the owner of each stream by `mid`. */
export const SfuOfferSchema = v.object({
  type: v.literal('sfu-offer'),
  sdp: Sdp,
  streams: v.array(SfuStreamSchema),
});

/**
 * How the room's media travels now: `mesh` (peer to peer, `offer`/`answer` between members) or
 * `sfu` (through the SFU, `sfu-*` messages). Sent to the room when it changes; a joiner learns
 * it from `joined`.
 */
export const TopologySchema = v.picklist(['mesh', 'sfu']);
export type Topology = v.InferOutput<typeof TopologySchema>;

/** The room moved to another topology. */
export const TopologyMessageSchema = v.object({
  type: v.literal('topology'),
  topology: TopologySchema,
});

/** The peers of the room whose media the SFU has now (sent to the room when it changes). */
export const SfuFeedsSchema = v.object({
  type: v.literal('sfu-feeds'),
  feeds: v.array(v.string()),
});
