import { chat } from './chat.js';
import { host } from './host.js';
import { iceServers } from './iceServers.js';
import { join, leave } from './join.js';
import { ping } from './ping.js';
import { react } from './react.js';
import { answer, iceCandidate, offer } from './relay.js';
import { sfuIce, sfuPublish, sfuStart, sfuSubscribe } from './sfu.js';
import { roomInfo } from './roomInfo.js';
import { state } from './state.js';
import type { HandlerTable } from './types.js';

/** The handler of every client message type. */
export const handlers: HandlerTable = {
  join,
  leave,
  offer,
  answer,
  'ice-candidate': iceCandidate,
  chat,
  state,
  'ice-servers': iceServers,
  ping,
  'sfu-publish': sfuPublish,
  'sfu-subscribe': sfuSubscribe,
  'sfu-start': sfuStart,
  'sfu-ice': sfuIce,
  host,
  react,
  'room-info': roomInfo,
};

export type { Handler, HandlerTable } from './types.js';
