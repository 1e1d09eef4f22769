/**
 * A bare SFU client run inside a page, for testing the server's SFU path without the SDK: it joins
 * a room over Zvonok's own WebSocket (protocol v1), publishes the fake camera and microphone on
 * one connection, and receives everyone who publishes on one multistream subscriber connection,
 * all negotiated through `sfu-*` messages. The page never learns where Janus is.
 */
import type { Page } from '@playwright/test';

/** What the page's client saw. */
export interface SfuClientView {
  /** Feed (peer id) -> frames decoded from that feed's video. */
  framesByFeed: Record<string, number>;
  /** Feed -> audio bytes received. */
  audioBytesByFeed: Record<string, number>;
  /** Connection states of the publisher and subscriber connections. */
  publisher: string;
  subscriber: string;
  /** Peer connections the page has open. */
  connections: number;
  /** How often it offered its media to the SFU (1 + starts over after a Janus outage). */
  publishes: number;
  /** `error` messages the server sent. */
  errors: Array<{ code: string; message: string; ref?: string }>;
  /** The last `sfu-feeds`. */
  feeds: string[];
  /** This page's peer id. */
  id: string;
}

/** Starts the client in `page` (opened at the server's origin) and joins `room`. */
export async function startSfuClient(
  page: Page,
  wsUrl: string,
  room: string,
  options: { retry?: boolean } = {},
): Promise<void> {
  await page.evaluate(
    async ({ wsUrl, room, retry }) => {
      type Msg = Record<string, unknown> & { type: string };
      const errors: Array<{ code: string; message: string; ref?: string }> = [];
      const streamsByMid = new Map<string, { feed: string; kind: string }>();
      let feeds: string[] = [];
      let myId = '';
      const ws = new WebSocket(wsUrl, 'zvonok.v1');
      const send = (m: Msg): void => ws.send(JSON.stringify(m));
      const media = await navigator.mediaDevices.getUserMedia({
        audio: true,
        video: { width: 320, height: 180, frameRate: 15 },
      });
      let pub = new RTCPeerConnection();
      let sub: RTCPeerConnection | null = null;
      const subscribed = new Set<string>();
      let subscribing = false;
      let published = false;
      let publishes = 0;
      const connections: RTCPeerConnection[] = [];

      /** A fresh publisher connection, offered to the SFU. */
      const publish = async (): Promise<void> => {
        pub.close();
        pub = new RTCPeerConnection();
        connections.push(pub);
        publishes++;
        const own = pub;
        own.addEventListener('icecandidate', (e) => {
          if (own === pub) {
            send({
              type: 'sfu-ice',
              target: 'publisher',
              candidate: e.candidate?.toJSON() ?? null,
            });
          }
        });
        for (const track of media.getTracks()) own.addTransceiver(track, { direction: 'sendonly' });
        const offer = await own.createOffer();
        await own.setLocalDescription(offer);
        send({ type: 'sfu-publish', sdp: offer.sdp!, e2ee: false });
      };

      /** The SFU lost our media (Janus died): start over with new connections. */
      const startOver = (): void => {
        published = false;
        sub?.close();
        sub = null;
        subscribed.clear();
        streamsByMid.clear();
        subscribing = false;
        void publish();
      };

      const maybeSubscribe = (): void => {
        const others = feeds.filter((f) => f !== myId);
        if (subscribing || others.every((f) => subscribed.has(f)) || others.length === 0) return;
        subscribing = true;
        send({ type: 'sfu-subscribe', feeds: others });
      };

      const onOffer = async (m: Msg): Promise<void> => {
        for (const s of m.streams as Array<{ mid: string; feed: string; kind: string }>) {
          streamsByMid.set(s.mid, s);
          subscribed.add(s.feed);
        }
        if (sub === null) {
          const own = new RTCPeerConnection();
          sub = own;
          connections.push(own);
          own.addEventListener('icecandidate', (e) => {
            if (own !== sub) return;
            send({
              type: 'sfu-ice',
              target: 'subscriber',
              candidate: e.candidate?.toJSON() ?? null,
            });
          });
        }
        await sub.setRemoteDescription({ type: 'offer', sdp: m.sdp as string });
        const answer = await sub.createAnswer();
        await sub.setLocalDescription(answer);
        send({ type: 'sfu-start', sdp: answer.sdp! });
        subscribing = false;
        maybeSubscribe();
      };

      ws.addEventListener('message', (ev) => {
        const m = JSON.parse(ev.data as string) as Msg;
        if (m.type === 'joined') {
          myId = m.id as string;
          void publish();
        } else if (m.type === 'sfu-answer') {
          void pub.setRemoteDescription({ type: 'answer', sdp: m.sdp as string });
        } else if (m.type === 'sfu-feeds') {
          feeds = m.feeds as string[];
          if (feeds.includes(myId)) published = true;
          else if (published) startOver();
          maybeSubscribe();
        } else if (m.type === 'sfu-offer') {
          void onOffer(m);
        } else if (m.type === 'error') {
          errors.push({
            code: m.code as string,
            message: m.message as string,
            ref: m.ref as string,
          });
          if (m.ref === 'sfu-subscribe') subscribing = false;
          // No Janus reachable right now: offer again shortly (it comes back by itself).
          if (m.ref === 'sfu-publish' && m.code === 'SIG_ERR_SFU_UNAVAILABLE' && retry) {
            setTimeout(() => void publish(), 500);
          }
        }
      });
      await new Promise<void>((resolve, reject) => {
        if (ws.readyState === WebSocket.OPEN) resolve();
        ws.addEventListener('open', () => resolve());
        ws.addEventListener('error', () => reject(new Error('signaling socket failed')));
      });
      send({ type: 'join', room });

      const view = async (): Promise<SfuClientView> => {
        const framesByFeed: Record<string, number> = {};
        const audioBytesByFeed: Record<string, number> = {};
        for (const t of sub?.getTransceivers() ?? []) {
          const stream = t.mid === null ? undefined : streamsByMid.get(t.mid);
          if (stream === undefined) continue;
          const stats = await t.receiver.getStats();
          stats.forEach((r: Record<string, unknown>) => {
            if (r.type !== 'inbound-rtp') return;
            if (r.kind === 'video') framesByFeed[stream.feed] = Number(r.framesDecoded ?? 0);
            else audioBytesByFeed[stream.feed] = Number(r.bytesReceived ?? 0);
          });
        }
        return {
          framesByFeed,
          audioBytesByFeed,
          publisher: pub.connectionState,
          subscriber: sub?.connectionState ?? 'none',
          connections: connections.filter((c) => c.connectionState !== 'closed').length,
          publishes,
          errors,
          feeds,
          id: myId,
        };
      };
      (window as unknown as { sfuView: () => Promise<SfuClientView> }).sfuView = view;
    },
    { wsUrl, room, retry: options.retry ?? true },
  );
}

/** What the page's client sees now. */
export function sfuView(page: Page): Promise<SfuClientView> {
  return page.evaluate(() =>
    (window as unknown as { sfuView: () => Promise<SfuClientView> }).sfuView(),
  );
}
