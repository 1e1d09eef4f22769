/**
 * The bare reference of the call set-up benchmark: the least a two-person WebRTC call can take on
 * this machine, measured in the same run, browser, fake media and way as the app.
 *
 * Two pages (own contexts) on a blank page served from 127.0.0.1, each with its camera and
 * microphone already running (as in the app's lobby) and a WebSocket already open to a minimal
 * relay in this process (it forwards each text message to the other page of the room). One page
 * is "in the call" and answers; the other has a "Join call" button whose click does what a plain
 * WebRTC call does: new RTCPeerConnection, addTrack (audio, video), createOffer,
 * setLocalDescription, send; candidates trickle. Each side shows the remote stream in a
 * `<video>` inside `[data-peer-id]`, so firstFrame.ts times it exactly like an app tile.
 */
import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { WebSocketServer, type WebSocket as RelaySocket } from 'ws';

/** The page and relay server of the bare call. */
export interface BareServer {
  /** The blank page. */
  url: string;
  close(): Promise<void>;
}

/** Serves a blank page and relays each message to the other socket of its room (`?room=`). */
export async function startBareServer(): Promise<BareServer> {
  const http: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><html lang="en"><title>bare call</title><body></body></html>');
  });
  const wss = new WebSocketServer({ server: http });
  const rooms = new Map<string, Set<RelaySocket>>();
  wss.on('connection', (ws, req) => {
    const room = new URL(req.url ?? '/', 'http://x').searchParams.get('room') ?? '';
    const members = rooms.get(room) ?? new Set<RelaySocket>();
    rooms.set(room, members);
    members.add(ws);
    ws.on('message', (data, isBinary) => {
      for (const other of members) if (other !== ws) other.send(data, { binary: isBinary });
    });
    ws.on('close', () => {
      members.delete(ws);
      if (members.size === 0) rooms.delete(room);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const addr = http.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/**
 * Opens the bare page in `page` as one side of `room`: camera and microphone started, relay
 * connected, remote video element in place. The joiner gets a "Join call" button that starts the
 * call; the other side answers whatever offer comes.
 */
export async function openBareSide(
  page: Page,
  server: BareServer,
  room: string,
  role: 'joiner' | 'answerer',
): Promise<void> {
  await page.goto(server.url);
  await page.evaluate(
    async ({ room: r, role: side }) => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/?room=${r}`);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      const tile = document.createElement('div');
      tile.setAttribute('data-peer-id', 'bare-peer');
      const video = document.createElement('video');
      video.autoplay = true;
      video.playsInline = true;
      tile.append(video);
      document.body.append(tile);

      let pc: RTCPeerConnection | undefined;
      const newPc = (): RTCPeerConnection => {
        const conn = new RTCPeerConnection();
        for (const track of stream.getTracks()) conn.addTrack(track, stream);
        conn.onicecandidate = (e) => {
          if (e.candidate) ws.send(JSON.stringify({ candidate: e.candidate.toJSON() }));
        };
        conn.ontrack = (e) => {
          if (e.streams[0] && video.srcObject !== e.streams[0]) video.srcObject = e.streams[0];
        };
        return conn;
      };
      // One message at a time, in order (as the app's PeerSession does).
      let inbox = Promise.resolve();
      const handle = async (data: string): Promise<void> => {
        const m = JSON.parse(data) as {
          sdp?: RTCSessionDescriptionInit;
          candidate?: RTCIceCandidateInit;
        };
        if (m.sdp?.type === 'offer') {
          pc = newPc();
          await pc.setRemoteDescription(m.sdp);
          await pc.setLocalDescription(await pc.createAnswer());
          ws.send(JSON.stringify({ sdp: pc.localDescription }));
        } else if (m.sdp?.type === 'answer') {
          await pc?.setRemoteDescription(m.sdp);
        } else if (m.candidate) {
          await pc?.addIceCandidate(m.candidate);
        }
      };
      ws.onmessage = (e: MessageEvent<string>) => {
        inbox = inbox.then(() => handle(e.data));
      };
      if (side === 'joiner') {
        const button = document.createElement('button');
        button.textContent = 'Join call';
        button.onclick = async () => {
          pc = newPc();
          await pc.setLocalDescription(await pc.createOffer());
          ws.send(JSON.stringify({ sdp: pc.localDescription }));
        };
        document.body.append(button);
      }
    },
    { room, role },
  );
}
