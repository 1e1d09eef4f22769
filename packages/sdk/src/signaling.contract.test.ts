/**
 * The signaling contract: what the SDK relies on the server for, frame by frame, checked on the
 * in-memory bus of the unit tests AND on the real server (in this process, real `ws` sockets).
 * A behaviour the bus gets wrong here would make every Call test built on it a lie.
 */
import { CloseCode, ErrorCode, REACTIONS } from '@zvonok/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TARGETS, type SignalTarget, type TargetSettings } from './test/contract/targets.js';
import { WireClient } from './test/contract/WireClient.js';

const FAKE_SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n';
const CANDIDATE = {
  candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host',
  sdpMid: '0',
  sdpMLineIndex: 0,
  usernameFragment: 'abcd',
};

describe.each(TARGETS)('signaling contract on the $name', (kind) => {
  let target: SignalTarget;
  const clients: WireClient[] = [];
  const start = async (settings?: Partial<TargetSettings>): Promise<void> => {
    await target.close();
    target = await kind.start(settings);
  };
  const joined = async (room: string, extra: Record<string, unknown> = {}) => {
    const j = await WireClient.joined(target, room, extra);
    clients.push(j.client);
    return j;
  };
  const connect = async () => {
    const c = await WireClient.connect(target);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    target = await kind.start();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await target.close();
  });

  describe('joining', () => {
    it('welcomes with client-id, then joined, peer-list, chat-history and room-state', async () => {
      const { client, joined: j } = await joined('contract-room', { name: 'Ann' });
      await client.next('room-state');
      expect(client.types()).toEqual([
        'client-id',
        'joined',
        'peer-list',
        'chat-history',
        'room-state',
      ]);
      expect(j).toEqual({
        type: 'joined',
        // A fresh join keeps the connection's id.
        id: client.received[0]?.id,
        room: 'contract-room',
        resumeToken: expect.any(String) as string,
        takeoverToken: expect.any(String) as string,
        resumed: false,
        capacity: expect.any(Number) as number,
        iceServers: expect.any(Array) as unknown[],
      });
      expect(j.takeoverToken).not.toBe(j.resumeToken);
      expect(client.received[2]).toEqual({ type: 'peer-list', peers: [] });
      expect(client.received[3]).toEqual({ type: 'chat-history', messages: [] });
      // Whoever opens the room is its host.
      expect(client.received[4]).toEqual({
        type: 'room-state',
        host: j.id,
        locked: false,
        knock: false,
        password: false,
      });
    });

    it('passes the host seat to the longest-present member when the host leaves', async () => {
      const ann = await joined('contract-room', { password: 'sesame' });
      const bob = await joined('contract-room', { password: 'sesame' });
      const cid = await joined('contract-room', { password: 'sesame' });
      for (const p of [bob, cid]) {
        expect(await p.client.next('room-state')).toMatchObject({
          host: ann.joined.id,
          password: true,
        });
      }
      ann.client.send({ type: 'leave' });
      for (const p of [bob, cid]) {
        expect(await p.client.next('peer-left')).toEqual({ type: 'peer-left', id: ann.joined.id });
        expect(await p.client.next('room-state')).toMatchObject({ host: bob.joined.id });
      }
    });

    it('lists who is there to a newcomer and announces the newcomer to them', async () => {
      const ann = await joined('contract-room', { name: 'Ann', state: { mic: true } });
      await ann.client.next('chat-history');
      const bob = await joined('contract-room', { name: 'Bob', state: { camera: false } });
      const list = await bob.client.next('peer-list');
      expect(list.peers).toEqual([{ id: ann.joined.id, name: 'Ann', mic: true }]);
      const announced = await ann.client.next('peer-joined');
      expect(announced).toEqual({
        type: 'peer-joined',
        id: bob.joined.id,
        name: 'Bob',
        camera: false,
      });
      expect(bob.joined.id).not.toBe(ann.joined.id);
    });

    it('keeps rooms apart', async () => {
      const ann = await joined('room-one');
      const other = await joined('room-two');
      expect((await other.client.next('peer-list')).peers).toEqual([]);
      expect(await ann.client.noneOf('peer-joined')).toEqual([]);
    });
  });

  describe('relay', () => {
    it('passes offer, answer and ICE candidates to the one addressed, from the sender', async () => {
      const ann = await joined('contract-room');
      const bob = await joined('contract-room');
      const cid = await joined('contract-room');
      bob.client.send({ type: 'offer', to: ann.joined.id, sdp: FAKE_SDP });
      expect(await ann.client.next('offer')).toEqual({
        type: 'offer',
        from: bob.joined.id,
        sdp: FAKE_SDP,
      });
      ann.client.send({ type: 'answer', to: bob.joined.id, sdp: FAKE_SDP });
      expect(await bob.client.next('answer')).toEqual({
        type: 'answer',
        from: ann.joined.id,
        sdp: FAKE_SDP,
      });
      ann.client.send({ type: 'ice-candidate', to: bob.joined.id, candidate: CANDIDATE });
      ann.client.send({ type: 'ice-candidate', to: bob.joined.id, candidate: null });
      expect(await bob.client.next('ice-candidate')).toEqual({
        type: 'ice-candidate',
        from: ann.joined.id,
        candidate: CANDIDATE,
      });
      expect(await bob.client.next('ice-candidate')).toEqual({
        type: 'ice-candidate',
        from: ann.joined.id,
        candidate: null,
      });
      // The third person in the room hears none of it.
      await ann.client.noneOf('offer');
      await bob.client.noneOf('offer');
      for (const t of ['offer', 'answer', 'ice-candidate'] as const) {
        expect(await cid.client.noneOf(t)).toEqual([]);
      }
    });

    it('refuses to relay to someone not in the room, with a code naming the message', async () => {
      const ann = await joined('room-one');
      const elsewhere = await joined('room-two');
      ann.client.send({ type: 'offer', to: elsewhere.joined.id, sdp: FAKE_SDP });
      expect(await ann.client.next('error')).toMatchObject({
        code: ErrorCode.UnknownPeer,
        ref: 'offer',
      });
      expect(await elsewhere.client.noneOf('offer')).toEqual([]);
    });
  });

  describe('ICE servers', () => {
    it('before joining, ice-servers answers what the server offers (the connectivity check)', async () => {
      const c = await connect();
      c.send({ type: 'ice-servers' });
      const answer = await c.next('ice-servers');
      expect(answer.iceServers).toEqual([]);
      expect(answer.expireAt).toBeUndefined();
    });

    it('a member asking without a TURN relay: TurnUnavailable', async () => {
      const ann = await joined('contract-room');
      ann.client.send({ type: 'ice-servers' });
      expect(await ann.client.next('error')).toMatchObject({
        code: ErrorCode.TurnUnavailable,
        ref: 'ice-servers',
      });
    });

    it('with a TURN relay: credentials and their expiry in joined, fresh ones on request', async () => {
      const turnUrl = 'turn:turn.contract.test:3478';
      await start({ turnUrl });
      const ann = await joined('contract-room');
      expect(ann.joined.iceServers).toEqual([
        {
          urls: [turnUrl],
          username: expect.any(String) as string,
          credential: expect.any(String) as string,
        },
      ]);
      expect(ann.joined.iceServersExpireAt).toBeGreaterThan(Date.now());
      ann.client.send({ type: 'ice-servers' });
      const fresh = await ann.client.next('ice-servers');
      expect(fresh.iceServers[0]?.urls).toEqual([turnUrl]);
      expect(fresh.expireAt).toBeGreaterThan(Date.now());
    });
  });

  describe('reactions', () => {
    it('a reaction reaches the others, from the sender', async () => {
      const ann = await joined('contract-room');
      const bob = await joined('contract-room');
      ann.client.send({ type: 'react', emoji: REACTIONS[0] });
      expect(await bob.client.next('reaction')).toEqual({
        type: 'reaction',
        from: ann.joined.id,
        emoji: REACTIONS[0],
      });
      expect(await ann.client.noneOf('reaction')).toEqual([]);
    });
  });

  describe('chat', () => {
    it('acks the sender and delivers to the others with sender, name, time and seq', async () => {
      const ann = await joined('contract-room', { name: 'Ann' });
      const bob = await joined('contract-room', { name: 'Bob' });
      ann.client.send({ type: 'chat', id: 'm-1', text: 'hello' });
      const ack = await ann.client.next('chat-ack');
      expect(ack).toEqual({
        type: 'chat-ack',
        id: 'm-1',
        seq: expect.any(Number) as number,
        ts: expect.any(Number) as number,
      });
      expect(await bob.client.next('chat')).toEqual({
        type: 'chat',
        from: ann.joined.id,
        name: 'Ann',
        id: 'm-1',
        text: 'hello',
        ts: ack.ts,
        seq: ack.seq,
      });
      // The sender gets the ack, not its own message back.
      expect(await ann.client.noneOf('chat')).toEqual([]);
      // The room's chat is numbered one by one, whoever writes.
      bob.client.send({ type: 'chat', id: 'b-1', text: 'hi' });
      expect((await bob.client.next('chat-ack')).seq).toBe(ack.seq + 1);
    });

    it('takes a resent message once: the same ack again, nothing new for the others', async () => {
      const ann = await joined('contract-room');
      const bob = await joined('contract-room');
      ann.client.send({ type: 'chat', id: 'm-1', text: 'hello' });
      const first = await ann.client.next('chat-ack');
      await bob.client.next('chat');
      ann.client.send({ type: 'chat', id: 'm-1', text: 'hello' });
      expect(await ann.client.next('chat-ack')).toEqual(first);
      expect(await bob.client.noneOf('chat')).toEqual([]);
    });

    it('gives a newcomer the history, or only what came after chatSince', async () => {
      const ann = await joined('contract-room', { name: 'Ann' });
      for (const [i, text] of ['one', 'two', 'three'].entries()) {
        ann.client.send({ type: 'chat', id: `m-${i}`, text });
        await ann.client.next('chat-ack');
      }
      const bob = await joined('contract-room');
      const history = await bob.client.next('chat-history');
      const first = history.messages[0]?.seq ?? NaN;
      expect(history.messages.map((m) => [m.text, m.seq, m.from, m.name])).toEqual([
        ['one', first, ann.joined.id, 'Ann'],
        ['two', first + 1, ann.joined.id, 'Ann'],
        ['three', first + 2, ann.joined.id, 'Ann'],
      ]);
      const cid = await joined('contract-room', { chatSince: first + 1 });
      expect((await cid.client.next('chat-history')).messages.map((m) => m.text)).toEqual([
        'three',
      ]);
    });
  });

  describe('state', () => {
    it('tells the others what changed, and only that', async () => {
      const ann = await joined('contract-room', { state: { mic: true, camera: true } });
      const bob = await joined('contract-room');
      ann.client.send({ type: 'state', mic: false });
      expect(await bob.client.next('peer-state')).toEqual({
        type: 'peer-state',
        id: ann.joined.id,
        mic: false,
      });
      expect(await ann.client.noneOf('peer-state')).toEqual([]);
    });
  });

  describe('leaving', () => {
    it('a leave tells the others, and the connection can join again', async () => {
      const ann = await joined('contract-room');
      const bob = await joined('contract-room');
      await ann.client.next('peer-joined');
      bob.client.send({ type: 'leave' });
      expect(await ann.client.next('peer-left')).toEqual({ type: 'peer-left', id: bob.joined.id });
      bob.client.send({ type: 'join', room: 'contract-room' });
      const again = await bob.client.next('joined');
      expect(again.resumed).toBe(false);
      expect((await ann.client.next('peer-joined')).id).toBe(again.id);
    });

    it('a closed connection (1000) leaves at once', async () => {
      const ann = await joined('contract-room');
      const bob = await joined('contract-room');
      bob.client.close(CloseCode.Normal);
      expect(await ann.client.next('peer-left')).toEqual({ type: 'peer-left', id: bob.joined.id });
    });

    it('an emptied room is forgotten: its password and chat go with it', async () => {
      const ann = await joined('contract-room', { password: 'sesame' });
      ann.client.send({ type: 'chat', id: 'm-1', text: 'hello' });
      await ann.client.next('chat-ack');
      ann.client.send({ type: 'leave' });
      await ann.client.noneOf('peer-left');
      const bob = await joined('contract-room');
      expect((await bob.client.next('chat-history')).messages).toEqual([]);
      expect(await bob.client.next('room-state')).toMatchObject({
        host: bob.joined.id,
        password: false,
      });
    });
  });

  describe('resume', () => {
    it('a dropped connection comes back with its id, unannounced, told who is there', async () => {
      const ann = await joined('contract-room', { name: 'Ann' });
      const bob = await joined('contract-room', { name: 'Bob', state: { mic: true } });
      await ann.client.next('peer-joined');
      target.drop(bob.joined.id);
      expect(await bob.client.closedWith()).toBe(1006);
      const back = await joined('contract-room', {
        name: 'Bob',
        resumeToken: bob.joined.resumeToken,
        state: { mic: false },
      });
      expect(back.joined).toMatchObject({ id: bob.joined.id, resumed: true });
      expect((await back.client.next('peer-list')).peers).toEqual([
        { id: ann.joined.id, name: 'Ann' },
      ]);
      // What changed while away reaches the room; nobody hears of a leave or a new arrival.
      expect(await ann.client.next('peer-state')).toEqual({
        type: 'peer-state',
        id: bob.joined.id,
        mic: false,
      });
      expect(await ann.client.noneOf('peer-left')).toEqual([]);
      expect(await ann.client.noneOf('peer-joined')).toEqual([]);
      // And the relay reaches the resumed connection.
      ann.client.send({ type: 'offer', to: bob.joined.id, sdp: FAKE_SDP });
      expect((await back.client.next('offer')).from).toBe(ann.joined.id);
    });

    it('a replace token ends the old session at once: the room sees it leave', async () => {
      const ann = await joined('contract-room');
      const old = await joined('contract-room');
      await ann.client.next('peer-joined');
      const fresh = await joined('contract-room', { replaceToken: old.joined.resumeToken });
      expect(fresh.joined.resumed).toBe(false);
      expect(fresh.joined.id).not.toBe(old.joined.id);
      expect(await old.client.closedWith()).toBe(CloseCode.Replaced);
      expect(await ann.client.next('peer-left')).toEqual({ type: 'peer-left', id: old.joined.id });
      expect((await ann.client.next('peer-joined')).id).toBe(fresh.joined.id);
      expect((await fresh.client.next('peer-list')).peers.map((p) => p.id)).toEqual([
        ann.joined.id,
      ]);
    });

    it('a takeover token ends the old session but never resumes it', async () => {
      const ann = await joined('contract-room');
      const old = await joined('contract-room');
      await ann.client.next('peer-joined');
      const takeover = old.joined.takeoverToken as string;
      const notResumed = await joined('contract-room', { resumeToken: takeover });
      expect(notResumed.joined.resumed).toBe(false);
      expect(notResumed.joined.id).not.toBe(old.joined.id);
      await ann.client.next('peer-joined');
      const fresh = await joined('contract-room', { replaceToken: takeover });
      expect(await old.client.closedWith()).toBe(CloseCode.Replaced);
      expect(await ann.client.next('peer-left')).toEqual({ type: 'peer-left', id: old.joined.id });
      expect(fresh.joined.id).not.toBe(old.joined.id);
    });
  });

  describe('refusals', () => {
    it('a message that needs a room, before joining: NotJoined', async () => {
      const c = await connect();
      c.send({ type: 'chat', id: 'x', text: 'hello?' });
      expect(await c.next('error')).toMatchObject({ code: ErrorCode.NotJoined, ref: 'chat' });
    });

    it('a second join on one connection: AlreadyJoined', async () => {
      const ann = await joined('contract-room');
      ann.client.send({ type: 'join', room: 'contract-room' });
      expect(await ann.client.next('error')).toMatchObject({
        code: ErrorCode.AlreadyJoined,
        ref: 'join',
      });
    });

    it('a full room: RoomFull, and nobody inside hears of it', async () => {
      await start({ capacity: 2 });
      const ann = await joined('contract-room');
      await joined('contract-room');
      await ann.client.next('peer-joined');
      const third = await connect();
      third.send({ type: 'join', room: 'contract-room' });
      expect(await third.next('error')).toMatchObject({ code: ErrorCode.RoomFull, ref: 'join' });
      expect(await ann.client.noneOf('peer-joined')).toEqual([]);
    });

    it('a full room with a password asks for the password before it counts', async () => {
      await start({ capacity: 1 });
      await joined('locked-room', { password: 'sesame' });
      const guest = await connect();
      guest.send({ type: 'join', room: 'locked-room' });
      expect(await guest.next('error')).toMatchObject({ code: ErrorCode.PasswordRequired });
      guest.send({ type: 'join', room: 'locked-room', password: 'wrong' });
      expect(await guest.next('error')).toMatchObject({ code: ErrorCode.WrongPassword });
      guest.send({ type: 'join', room: 'locked-room', password: 'sesame' });
      expect(await guest.next('error')).toMatchObject({ code: ErrorCode.RoomFull });
    });

    it('a room with a password: PasswordRequired, WrongPassword, then in', async () => {
      await joined('locked-room', { password: 'sesame' });
      const guest = await connect();
      guest.send({ type: 'join', room: 'locked-room' });
      expect(await guest.next('error')).toMatchObject({
        code: ErrorCode.PasswordRequired,
        ref: 'join',
      });
      guest.send({ type: 'join', room: 'locked-room', password: 'wrong' });
      expect(await guest.next('error')).toMatchObject({
        code: ErrorCode.WrongPassword,
        ref: 'join',
      });
      guest.send({ type: 'join', room: 'locked-room', password: 'sesame' });
      expect((await guest.next('joined')).resumed).toBe(false);
    });

    it('frames that are not messages: coded errors, the connection stays', async () => {
      const c = await connect();
      c.socket.send('{not json');
      expect(await c.next('error')).toMatchObject({ code: ErrorCode.BadJson });
      c.send({ type: 'no-such-type' });
      expect(await c.next('error')).toMatchObject({ code: ErrorCode.UnknownType });
      // A v1 join is checked by its schema: a bad room name is a bad message.
      c.send({ type: 'join', room: 'Not A Room Name!' });
      expect(await c.next('error')).toMatchObject({ code: ErrorCode.BadMessage, ref: 'join' });
      c.send({ type: 'ping' });
      expect(await c.next('pong')).toEqual({ type: 'pong' });
    });
  });
});
