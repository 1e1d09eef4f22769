// The reference the signaling benchmark compares Zvonok's server against: a plain `ws` relay that
// speaks the seed protocol (client-id, peer-list, peer-joined/left, offer/answer/ice-candidate
// relayed with `from`, chat to the others with from/id/ts) and does nothing else: no framework,
// no validation beyond JSON.parse, no rate limit, no heartbeat, no logging per message.
//
// Same start-up contract as packages/server/dist/main.js so the harness drives both alike:
// env PORT (0 = any free port), HOST, ROOM_CAPACITY; prints `… listening on http://HOST:PORT`.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

/** @typedef {import('ws').WebSocket} WebSocket */
/** @typedef {{ id: string, socket: WebSocket }} Peer */

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8081);
const capacity = Number(process.env.ROOM_CAPACITY ?? 8);
const RELAYED = new Set(['offer', 'answer', 'ice-candidate']);

/** Room name -> peers by id. */
/** @type {Map<string, Map<string, Peer>>} */
const rooms = new Map();
let chatSeq = 0;

/**
 * Send one object to every peer of a room but one.
 * @param {Map<string, Peer>} room
 * @param {string} exceptId
 * @param {unknown} message
 */
function broadcast(room, exceptId, message) {
  const frame = JSON.stringify(message);
  for (const peer of room.values()) if (peer.id !== exceptId) peer.socket.send(frame);
}

const http = createServer((_req, res) => {
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ server: http, path: '/ws', perMessageDeflate: false });

wss.on('connection', (socket, req) => {
  const roomName = new URL(req.url ?? '/', 'http://x').searchParams.get('room') || 'lobby';
  let room = rooms.get(roomName);
  if (!room) rooms.set(roomName, (room = new Map()));
  if (room.size >= capacity) {
    socket.close(4009, 'room full');
    return;
  }
  const self = { id: randomBytes(12).toString('base64url'), socket };
  const members = room;
  socket.send(JSON.stringify({ type: 'client-id', id: self.id }));
  socket.send(
    JSON.stringify({ type: 'peer-list', peers: [...members.values()].map((p) => ({ id: p.id })) }),
  );
  broadcast(members, self.id, { type: 'peer-joined', id: self.id });
  members.set(self.id, self);

  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    /** @type {Record<string, unknown>} */
    let msg;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    if (typeof msg.type === 'string' && RELAYED.has(msg.type)) {
      const target = members.get(String(msg.to));
      if (!target) return;
      const { to: _to, ...rest } = msg;
      target.socket.send(JSON.stringify({ ...rest, from: self.id }));
    } else if (msg.type === 'chat') {
      const id = typeof msg.id === 'string' ? msg.id : String(++chatSeq);
      broadcast(members, self.id, {
        type: 'chat',
        from: self.id,
        text: msg.text,
        id,
        ts: Date.now(),
      });
    }
  });
  socket.on('close', () => {
    members.delete(self.id);
    if (members.size === 0) rooms.delete(roomName);
    else broadcast(members, self.id, { type: 'peer-left', id: self.id });
  });
  socket.on('error', () => socket.terminate());
});

http.listen(port, host, () => {
  const address = http.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  console.log(`Baseline ws relay listening on http://${host}:${bound}`);
});

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.on(signal, () => {
    for (const client of wss.clients) client.terminate();
    http.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
