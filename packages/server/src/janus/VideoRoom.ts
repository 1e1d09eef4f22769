/**
 * The VideoRoom requests the server makes on a handle: rooms created and destroyed by the server
 * alone (with `admin_key`, a room secret and a pin), a publisher's offer in and answer out, and a
 * multistream subscriber's offer out and answer in. Browsers never talk to Janus; these are the
 * only doors, each bound to one room.
 */
import type { SfuStream } from '@zvonok/protocol';
import { JanusError, VIDEOROOM_ERROR } from './errors.js';
import type { JanusHandle } from './JanusSession.js';
import type { Jsep } from './types.js';

/** The VideoRoom plugin's package name, for `attach`. */
export const VIDEOROOM_PLUGIN = 'janus.plugin.videoroom';

/** What the server sets on every room it creates. */
export interface RoomSpec {
  /** The Janus room id (VideoRoom runs with `string_ids`). */
  room: string;
  /** Needed to change or destroy the room. */
  secret: string;
  /** Needed to join it as publisher or subscriber. */
  pin: string;
  /** VideoRoom's `admin_key`, when Janus is configured with one. */
  adminKey: string | null;
  /** Most publishers at once. */
  publishers: number;
  /** Every participant must publish and subscribe end-to-end encrypted. */
  requireE2ee: boolean;
  /** Janus records every publisher's streams into `recDir` (tests of the encryption). */
  record?: { dir: string };
}

/** A publisher in the room, as VideoRoom lists it. */
export interface PublisherInfo {
  id: string;
  display: string | null;
  /** Its streams: `mid` and kind (audio, video). */
  streams: Array<{ mid: string; type: string }>;
}

/** Creates a private, temporary room; resolves false when it already exists. */
export async function createRoom(handle: JanusHandle, spec: RoomSpec): Promise<boolean> {
  try {
    await handle.message({
      request: 'create',
      room: spec.room,
      permanent: false,
      is_private: true,
      secret: spec.secret,
      pin: spec.pin,
      ...(spec.adminKey === null ? {} : { admin_key: spec.adminKey }),
      publishers: spec.publishers,
      require_e2ee: spec.requireE2ee,
      audiocodec: 'opus',
      videocodec: 'vp8',
      // Three simulcast layers at most 1.2 Mbit/s in total per publisher.
      bitrate: 1_200_000,
      fir_freq: 10,
      notify_joining: false,
      ...(spec.record === undefined ? {} : { record: true, rec_dir: spec.record.dir }),
    });
    return true;
  } catch (err) {
    if (err instanceof JanusError && err.janusCode === VIDEOROOM_ERROR.roomExists) return false;
    throw err;
  }
}

/** Destroys a room (its participants are kicked); a room that is gone already is fine. */
export async function destroyRoom(
  handle: JanusHandle,
  room: string,
  secret: string,
): Promise<void> {
  try {
    await handle.message({ request: 'destroy', room, secret, permanent: false });
  } catch (err) {
    if (err instanceof JanusError && err.janusCode === VIDEOROOM_ERROR.noSuchRoom) return;
    throw err;
  }
}

/** True when the room exists in this Janus. */
export async function roomExists(handle: JanusHandle, room: string): Promise<boolean> {
  const { data } = await handle.message({ request: 'exists', room });
  return data.exists === true;
}

/** Who is in a room; `publishing` once a publisher's media is up in Janus. */
export async function listParticipants(
  handle: JanusHandle,
  room: string,
  secret: string,
): Promise<Array<{ id: string; display: string | null; publishing: boolean }>> {
  const { data } = await handle.message({ request: 'listparticipants', room, secret });
  const list = Array.isArray(data.participants)
    ? (data.participants as Record<string, unknown>[])
    : [];
  return list.map((p) => ({
    id: String(p.id),
    display: typeof p.display === 'string' ? p.display : null,
    publishing: p.publisher === true,
  }));
}

/**
 * Joins as publisher `feed` with the browser's offer and resolves with Janus' answer. The offer
 * is marked end-to-end encrypted when `e2ee` (Janus then leaves the payloads alone).
 */
export async function publish(
  handle: JanusHandle,
  args: { room: string; pin: string; feed: string; display: string; offer: Jsep; e2ee: boolean },
): Promise<{ answer: Jsep; publishers: PublisherInfo[] }> {
  const reply = await handle.message(
    {
      request: 'joinandconfigure',
      ptype: 'publisher',
      room: args.room,
      pin: args.pin,
      id: args.feed,
      display: args.display,
      audio: true,
      video: true,
    },
    { ...args.offer, e2ee: args.e2ee },
  );
  if (reply.jsep?.type !== 'answer') {
    throw new JanusError('janus-refused', 'Janus did not answer the publisher offer');
  }
  return { answer: reply.jsep, publishers: readPublishers(reply.data.publishers) };
}

/** Reads VideoRoom's `publishers` list (in `joined` and `event` messages). */
export function readPublishers(value: unknown): PublisherInfo[] {
  if (!Array.isArray(value)) return [];
  return (value as Record<string, unknown>[]).map((p) => ({
    id: String(p.id),
    display: typeof p.display === 'string' ? p.display : null,
    streams: Array.isArray(p.streams)
      ? (p.streams as Record<string, unknown>[])
          .filter((s) => s.disabled !== true)
          .map((s) => ({ mid: String(s.mid), type: String(s.type) }))
      : [],
  }));
}

/** A subscriber's offer from Janus and whose media each of its streams carries. */
export interface SubscriberOffer {
  offer: Jsep;
  streams: SfuStream[];
}

/**
 * Joins as one multistream subscriber to `feeds` and resolves with Janus' offer, which the
 * browser answers through {@link startSubscriber}.
 */
export async function subscribe(
  handle: JanusHandle,
  args: { room: string; pin: string; feeds: string[] },
): Promise<SubscriberOffer> {
  const reply = await handle.message({
    request: 'join',
    ptype: 'subscriber',
    room: args.room,
    pin: args.pin,
    streams: args.feeds.map((feed) => ({ feed })),
  });
  if (reply.jsep?.type !== 'offer') {
    throw new JanusError('janus-refused', 'Janus did not offer the subscription');
  }
  return { offer: reply.jsep, streams: readSubscriberStreams(reply.data.streams) };
}

/** Changes a subscription (feeds added, feeds removed); resolves with the new offer. */
export async function updateSubscription(
  handle: JanusHandle,
  change: { add: string[]; remove: string[] },
): Promise<SubscriberOffer> {
  const reply = await handle.message({
    request: 'update',
    ...(change.add.length === 0 ? {} : { subscribe: change.add.map((feed) => ({ feed })) }),
    ...(change.remove.length === 0 ? {} : { unsubscribe: change.remove.map((feed) => ({ feed })) }),
  });
  if (reply.jsep?.type !== 'offer') {
    throw new JanusError('janus-refused', 'Janus did not offer the changed subscription');
  }
  return { offer: reply.jsep, streams: readSubscriberStreams(reply.data.streams) };
}

/** Hands the browser's answer to a subscription offer to Janus, which then starts sending. */
export async function startSubscriber(handle: JanusHandle, answer: Jsep): Promise<void> {
  await handle.message({ request: 'start' }, answer);
}

/** A publisher's renegotiation (tracks added or replaced, an ICE restart): offer in, answer out. */
export async function republish(handle: JanusHandle, offer: Jsep, e2ee: boolean): Promise<Jsep> {
  const reply = await handle.message({ request: 'configure' }, { ...offer, e2ee });
  if (reply.jsep?.type !== 'answer') {
    throw new JanusError('janus-refused', 'Janus did not answer the publisher offer');
  }
  return reply.jsep;
}

/** The streams of a subscriber as VideoRoom lists them (`attached`, `updated`). */
export function readSubscriberStreams(value: unknown): SfuStream[] {
  if (!Array.isArray(value)) return [];
  const streams: SfuStream[] = [];
  for (const s of value as Record<string, unknown>[]) {
    const { type: kind, feed_id: feed, mid, feed_mid: feedMid } = s;
    if (s.active === false || (typeof feed !== 'string' && typeof feed !== 'number')) continue;
    if (kind !== 'audio' && kind !== 'video' && kind !== 'data') continue;
    if (typeof mid !== 'string') continue;
    streams.push({
      mid,
      feed: String(feed),
      kind,
      ...(typeof feedMid === 'string' && { feedMid }),
    });
  }
  return streams;
}
