import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * The ws internals the server relies on, in this one file: ws does not expose them, so an
 * upgrade of ws that renames them breaks here and nowhere else (the server's tests fail at once:
 * nothing is sent without the first).
 */
interface WsInternals {
  /** The TCP socket under the WebSocket, set once the upgrade completed. */
  _socket: Socket & {
    /** The HTTP response the server tied to the socket while upgrading it. */
    _httpMessage?: { detachSocket(socket: unknown): void } | null;
  };
}

function internals(ws: WebSocket): WsInternals {
  return ws as unknown as WsInternals;
}

/**
 * The TCP socket of an upgraded WebSocket. The server writes its ready-made frames straight to it
 * (see Connection.send): ws's own send would allocate a header and make two writes per recipient.
 */
export function tcpSocket(ws: WebSocket): Socket {
  return internals(ws)._socket;
}

/**
 * The websocket plugin routes the upgrade through Fastify with a ServerResponse assigned to the
 * raw socket; once upgraded, that response (and the request it holds) would stay reachable from
 * the socket for the connection's whole life. Detaching it saves a few KiB per connection.
 */
export function releaseUpgradeResponse(ws: WebSocket): void {
  const raw = internals(ws)._socket as WsInternals['_socket'] | undefined;
  const response = raw?._httpMessage;
  if (raw !== undefined && response != null) response.detachSocket(raw);
}
