import { CHAT_HISTORY_PAGE_BYTES } from '@zvonok/protocol';
import type { ServerConfig } from '../../config.js';
import type { Connection } from '../transport/Connection.js';
import { encode, textFrame, type Frame } from '../transport/frames.js';
import type { Peer } from './Peer.js';
import type { ResumeTokens } from '../auth/ResumeTokens.js';
import type { TurnCredentials } from '../ice/TurnCredentials.js';

/** What {@link welcome} needs from the server. */
export interface WelcomeDeps {
  readonly config: ServerConfig;
  readonly tokens: ResumeTokens;
  readonly turn: TurnCredentials;
}

/** A kept chat message in wire form. */
export interface KeptChat {
  readonly json: string;
}

/**
 * What a connection gets on entering a room, in its dialect: `joined` (v1), the peer list, and
 * the chat history after the client's `chatSince`.
 */
export function welcome(
  deps: WelcomeDeps,
  conn: Connection,
  peer: Peer,
  resumed: boolean,
  history: readonly KeptChat[],
): void {
  const room = peer.room;
  const peerList = encode({ type: 'peer-list', peers: room.peerInfos(peer) });
  if (!conn.v1) {
    // The seed dialect knows only its eight types: history comes as plain chat messages.
    conn.send(peerList);
    for (const entry of history) conn.send(textFrame(entry.json));
    return;
  }
  const grant = deps.turn.grant(conn.addressKey);
  conn.send(
    encode({
      type: 'joined',
      id: peer.id,
      room: room.name,
      resumeToken: deps.tokens.issue(peer.id, room.name),
      takeoverToken: deps.tokens.issue(peer.id, room.name, Date.now(), 'takeover'),
      resumed,
      capacity: deps.config.roomCapacity,
      iceServers: grant.iceServers,
      ...(grant.expireAt === undefined ? {} : { iceServersExpireAt: grant.expireAt }),
      ...(room.topology === 'sfu' && { topology: room.topology }),
    }),
  );
  conn.send(peerList);
  for (const frame of chatHistoryFrames(history.map((e) => e.json))) conn.send(frame);
}

/**
 * The history as `chat-history` pages of at most about CHAT_HISTORY_PAGE_BYTES each (a page
 * holds at least one message), every page but the last marked `more`. Always at least one
 * frame, so that a client learns that the history is complete even when it is empty.
 */
export function chatHistoryFrames(jsons: readonly string[]): Frame[] {
  const pages: string[][] = [[]];
  let bytes = 0;
  for (const json of jsons) {
    const size = Buffer.byteLength(json) + 1;
    const page = pages.at(-1) as string[];
    if (page.length > 0 && bytes + size > CHAT_HISTORY_PAGE_BYTES) {
      pages.push([json]);
      bytes = size;
    } else {
      page.push(json);
      bytes += size;
    }
  }
  // The kept messages are already JSON; splice them instead of re-serializing the history.
  return pages.map((page, i) =>
    textFrame(
      `{"type":"chat-history","messages":[${page.join(',')}]${i < pages.length - 1 ? ',"more":true' : ''}}`,
    ),
  );
}
