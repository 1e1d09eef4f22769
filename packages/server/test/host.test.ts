import { CloseCode, ErrorCode } from '@zvonok/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/index.js';
import { limits, startServer, TestClient, waitFor, type TestServer } from './helpers.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

async function start(overrides: Partial<ServerConfig> = {}, captureLogs = false) {
  const server = await startServer(overrides, { captureLogs });
  servers.push(server);
  return server;
}
async function member(server: TestServer, join: Record<string, unknown> & { room: string }) {
  const result = await TestClient.joined(server, join);
  clients.push(result.client);
  return result;
}
async function connect(server: TestServer) {
  const client = await TestClient.connect(server, { v1: true });
  clients.push(client);
  await client.next('client-id');
  return client;
}
/** Three people in room `r`: Ann (the creator), Bob, Cid; each has seen the others arrive. */
async function threePeople(server: TestServer) {
  const a = await member(server, { room: 'r', name: 'Ann' });
  const b = await member(server, { room: 'r', name: 'Bob' });
  const c = await member(server, { room: 'r', name: 'Cid' });
  await a.client.next('peer-joined');
  await a.client.next('peer-joined');
  await b.client.next('peer-joined');
  return { a, b, c };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  for (const s of servers.splice(0)) await s.close();
});

describe('host role', () => {
  it('makes the creator host and tells everyone in room-state', async () => {
    const server = await start();
    const { client: a, joined } = await member(server, { room: 'r', name: 'Ann' });
    expect(await a.next('room-state')).toMatchObject({
      host: joined.id,
      locked: false,
      knock: false,
      password: false,
    });
    const { client: b } = await member(server, { room: 'r', name: 'Bob' });
    expect((await b.next('room-state')).host).toBe(joined.id);
  });

  it('refuses host actions from anyone else with SIG_ERR_NOT_HOST, whatever they claim', async () => {
    const server = await start();
    const { a, b, c } = await threePeople(server);
    // Forged: extra fields claiming to be the host are dropped by the schema and change nothing.
    b.client.send({ type: 'host', action: 'lock', on: true, from: a.joined.id, host: true });
    b.client.send({ type: 'host', action: 'give', to: b.joined.id, by: a.joined.id });
    b.client.send({ type: 'host', action: 'remove', to: c.joined.id, minutes: 5 });
    for (let i = 0; i < 3; i++) {
      expect(await b.client.next('error')).toMatchObject({ code: ErrorCode.NotHost, ref: 'host' });
    }
    // A state update cannot carry a host flag either.
    b.client.send({ type: 'state', mic: true, host: true, hostId: b.joined.id });
    const room = server.app.signaling.rooms.get('r')!;
    expect(room.controls.hostId).toBe(a.joined.id);
    expect(room.controls.locked).toBe(false);
    expect(room.members.has(c.joined.id)).toBe(true);
    // Nobody else was told anything.
    expect(a.client.pending('host-event')).toEqual([]);
    expect(c.client.received.filter((m) => m.type === 'room-state')).toHaveLength(1);
  });

  it('keeps the role for a host who drops and resumes', async () => {
    const server = await start({ resumeGraceMs: 5000 });
    const { a, b } = await threePeople(server);
    a.client.drop();
    const room = server.app.signaling.rooms.get('r')!;
    await waitFor(() => room.members.get(a.joined.id)?.conn === null, 3000, 'drop seen');
    const { client: a2, joined } = await member(server, {
      room: 'r',
      resumeToken: a.joined.resumeToken,
    });
    expect(joined).toMatchObject({ id: a.joined.id, resumed: true });
    expect((await a2.next('room-state')).host).toBe(a.joined.id);
    a2.send({ type: 'host', action: 'lock', on: true });
    expect(
      (await b.client.nextWhere((m) => m.type === 'room-state' && m.locked === true)).host,
    ).toBe(a.joined.id);
  });

  it('keeps the role for a host who reloads (replaceToken), under the new id', async () => {
    const server = await start({ resumeGraceMs: 5000 });
    const { a, b } = await threePeople(server);
    const { client: a2, joined } = await member(server, {
      room: 'r',
      name: 'Ann',
      replaceToken: a.joined.resumeToken,
    });
    expect(joined.id).not.toBe(a.joined.id);
    expect((await a2.next('room-state')).host).toBe(joined.id);
    expect(
      (await b.client.nextWhere((m) => m.type === 'room-state' && m.host === joined.id)).locked,
    ).toBe(false);
  });

  it('hands the role to the longest-present member when the host leaves', async () => {
    const server = await start();
    const { a, b, c } = await threePeople(server);
    a.client.send({ type: 'leave' });
    expect(
      (await b.client.nextWhere((m) => m.type === 'room-state' && m.host !== a.joined.id)).host,
    ).toBe(b.joined.id);
    expect(
      (await c.client.nextWhere((m) => m.type === 'room-state' && m.host !== a.joined.id)).host,
    ).toBe(b.joined.id);
    b.client.send({ type: 'host', action: 'lock', on: true });
    await c.client.nextWhere((m) => m.type === 'room-state' && m.locked === true);
  });

  it('hands over on request; the old host loses the rights', async () => {
    const server = await start();
    const { a, b, c } = await threePeople(server);
    a.client.send({ type: 'host', action: 'give', to: c.joined.id });
    expect(await b.client.next('host-event')).toMatchObject({
      action: 'give',
      by: a.joined.id,
      to: c.joined.id,
    });
    await c.client.nextWhere((m) => m.type === 'room-state' && m.host === c.joined.id);
    a.client.send({ type: 'host', action: 'lock', on: true });
    expect((await a.client.next('error')).code).toBe(ErrorCode.NotHost);
  });

  it('rate limits host actions and logs them without content', async () => {
    const server = await start({}, true);
    const { client: a } = await member(server, { room: 'r', name: 'Ann' });
    for (let i = 0; i < 12; i++) {
      a.send({ type: 'host', action: 'password', password: `secret-${i}` });
    }
    const error = await a.next('error');
    expect(error).toMatchObject({ code: ErrorCode.RateLimited, ref: 'host' });
    await waitFor(() => server.logs.some((l) => l.includes('host action')), 3000, 'logged');
    const lines = server.logs.filter((l) => l.includes('host action'));
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.some((l) => l.includes('secret-'))).toBe(false);
    expect(lines.some((l) => l.includes('Ann'))).toBe(false);
  });
});

describe('host actions', () => {
  it('locks the room: a newcomer is refused, members resume', async () => {
    const server = await start({ resumeGraceMs: 5000 });
    const { a, b } = await threePeople(server);
    a.client.send({ type: 'host', action: 'lock', on: true });
    await b.client.nextWhere((m) => m.type === 'room-state' && m.locked === true);
    const d = await connect(server);
    d.send({ type: 'join', room: 'r', name: 'Dan' });
    expect(await d.next('error')).toMatchObject({ code: ErrorCode.RoomLocked, ref: 'join' });
    // A member whose connection dropped comes back.
    b.client.drop();
    const room = server.app.signaling.rooms.get('r')!;
    await waitFor(() => room.members.get(b.joined.id)?.conn === null, 3000, 'drop seen');
    const { joined } = await member(server, { room: 'r', resumeToken: b.joined.resumeToken });
    expect(joined.resumed).toBe(true);
  });

  it('knocking: the newcomer waits, the host lets one in and turns another away', async () => {
    const server = await start();
    const { client: a } = await member(server, { room: 'r', name: 'Ann' });
    a.send({ type: 'host', action: 'knock', on: true });
    await a.nextWhere((m) => m.type === 'room-state' && m.knock === true);

    const d = await connect(server);
    d.send({ type: 'join', room: 'r', name: 'Dan' });
    expect(await d.next('waiting')).toMatchObject({ room: 'r' });
    const knocks = await a.nextWhere(
      (m) => m.type === 'knocks' && (m.people as unknown[]).length === 1,
    );
    const dan = (knocks.people as Array<{ id: string; name: string }>)[0]!;
    expect(dan.name).toBe('Dan');
    // A second join while waiting is refused, not doubled.
    d.send({ type: 'join', room: 'r', name: 'Dan' });
    expect((await d.next('error')).code).toBe(ErrorCode.AlreadyJoined);

    const e = await connect(server);
    e.send({ type: 'join', room: 'r', name: 'Eve' });
    await e.next('waiting');
    const both = await a.nextWhere(
      (m) => m.type === 'knocks' && (m.people as unknown[]).length === 2,
    );
    const eve = (both.people as Array<{ id: string }>)[1]!;

    a.send({ type: 'host', action: 'admit', id: dan.id, allow: true });
    const joined = await d.next('joined');
    expect(await a.next('peer-joined')).toMatchObject({ id: joined.id, name: 'Dan' });
    expect(await a.next('host-event')).toMatchObject({
      action: 'admit',
      to: dan.id,
      toName: 'Dan',
    });

    a.send({ type: 'host', action: 'admit', id: eve.id, allow: false });
    expect(await e.next('error')).toMatchObject({ code: ErrorCode.KnockDenied, ref: 'join' });
    expect(await a.next('host-event')).toMatchObject({ action: 'deny', to: eve.id });
    await a.nextWhere((m) => m.type === 'knocks' && (m.people as unknown[]).length === 0);
    expect(server.app.signaling.rooms.get('r')!.members.size).toBe(2);
  });

  it('a knock is a join for the join limits; being let in costs nothing more', async () => {
    const server = await start({
      limits: limits({ joinsPerConnection: { burst: 2, perSecond: 0.01 } }),
    });
    const { client: a } = await member(server, { room: 'r', name: 'Ann' });
    a.send({ type: 'host', action: 'knock', on: true });
    await a.nextWhere((m) => m.type === 'room-state' && m.knock === true);
    const d = await connect(server);
    const knockAndWait = async () => {
      d.send({ type: 'join', room: 'r', name: 'Dan' });
      await d.next('waiting');
      const knocks = await a.nextWhere(
        (m) => m.type === 'knocks' && (m.people as unknown[]).length === 1,
      );
      return (knocks.people as Array<{ id: string }>)[0]!.id;
    };
    // Turned away once: the second knock is the last join of the budget, and it is let in.
    a.send({ type: 'host', action: 'admit', id: await knockAndWait(), allow: false });
    expect((await d.next('error')).code).toBe(ErrorCode.KnockDenied);
    a.send({ type: 'host', action: 'admit', id: await knockAndWait(), allow: true });
    await d.next('joined');
    // A third join (after leaving) is over the budget, knocking or not.
    d.send({ type: 'leave' });
    d.send({ type: 'join', room: 'r', name: 'Dan' });
    expect(await d.next('error')).toMatchObject({ code: ErrorCode.TooManyJoins, ref: 'join' });
    // It never reached the host's list.
    expect(a.pending('knocks').filter((m) => (m.people as unknown[]).length > 0)).toEqual([]);
  });

  it('a knocker who goes away leaves the host list', async () => {
    const server = await start();
    const { client: a } = await member(server, { room: 'r', name: 'Ann' });
    a.send({ type: 'host', action: 'knock', on: true });
    const d = await connect(server);
    d.send({ type: 'join', room: 'r', name: 'Dan' });
    await a.nextWhere((m) => m.type === 'knocks' && (m.people as unknown[]).length === 1);
    d.close();
    await a.nextWhere((m) => m.type === 'knocks' && (m.people as unknown[]).length === 0);
  });

  it('mute goes to everyone with who muted whom; ask goes only to that person', async () => {
    const server = await start();
    const { a, b, c } = await threePeople(server);
    a.client.send({ type: 'host', action: 'mute', to: b.joined.id, kind: 'mic' });
    for (const x of [a, b, c]) {
      expect(await x.client.next('host-event')).toMatchObject({
        action: 'mute',
        by: a.joined.id,
        to: b.joined.id,
        kind: 'mic',
      });
    }
    a.client.send({ type: 'host', action: 'ask', to: c.joined.id, kind: 'camera' });
    expect(await c.client.next('host-event')).toMatchObject({ action: 'ask', kind: 'camera' });
    // B never hears of the request to C.
    a.client.send({ type: 'host', action: 'mute', kind: 'camera' });
    expect(await b.client.next('host-event')).toMatchObject({ action: 'mute', kind: 'camera' });
    expect(b.client.received.filter((m) => m.type === 'host-event' && m.action === 'ask')).toEqual(
      [],
    );
  });

  it('removes a person: closed with 4003, everyone told, no return by resume or reload', async () => {
    const server = await start({ resumeGraceMs: 5000 });
    const { a, b, c } = await threePeople(server);
    a.client.send({ type: 'host', action: 'remove', to: c.joined.id, minutes: 10 });
    expect(await b.client.next('host-event')).toMatchObject({
      action: 'remove',
      by: a.joined.id,
      to: c.joined.id,
      toName: 'Cid',
      minutes: 10,
    });
    expect(await c.client.next('host-event')).toMatchObject({ action: 'remove', to: c.joined.id });
    expect((await c.client.waitClose()).code).toBe(CloseCode.Removed);
    expect((await b.client.next('peer-left')).id).toBe(c.joined.id);
    for (const token of ['resumeToken', 'replaceToken']) {
      const again = await connect(server);
      again.send({ type: 'join', room: 'r', name: 'Cid', [token]: c.joined.resumeToken });
      const error = await again.next('error');
      expect(error.code).toBe(ErrorCode.Removed);
      expect(error.message).toContain('10 min');
    }
  });

  it('ends the call for everyone (4004)', async () => {
    const server = await start({ resumeGraceMs: 5000 });
    const { a, b, c } = await threePeople(server);
    a.client.send({ type: 'host', action: 'end' });
    for (const x of [a, b, c]) {
      expect((await x.client.next('host-event')).action).toBe('end');
      expect((await x.client.waitClose()).code).toBe(CloseCode.CallEnded);
    }
    expect(server.app.signaling.rooms.get('r')).toBeUndefined();
  });

  it('sets, changes and removes the password during the call; room-info tells a guest first', async () => {
    const server = await start();
    const { a, b } = await threePeople(server);
    const guest = await connect(server);
    guest.send({ type: 'room-info', room: 'r' });
    expect(await guest.next('room-info')).toMatchObject({ exists: true, password: false });

    a.client.send({ type: 'host', action: 'password', password: 'one' });
    await b.client.nextWhere((m) => m.type === 'room-state' && m.password === true);
    guest.send({ type: 'room-info', room: 'r' });
    expect(await guest.next('room-info')).toMatchObject({ exists: true, password: true });
    guest.send({ type: 'join', room: 'r' });
    expect((await guest.next('error')).code).toBe(ErrorCode.PasswordRequired);

    a.client.send({ type: 'host', action: 'password', password: 'two' });
    await b.client.nextWhere((m) => m.type === 'room-state' && m.password === true);
    guest.send({ type: 'join', room: 'r', password: 'one' });
    expect((await guest.next('error')).code).toBe(ErrorCode.WrongPassword);
    guest.send({ type: 'join', room: 'r', password: 'two' });
    await guest.next('joined');

    // B cannot change it.
    b.client.send({ type: 'host', action: 'password' });
    expect((await b.client.next('error')).code).toBe(ErrorCode.NotHost);
    a.client.send({ type: 'host', action: 'password' });
    await b.client.nextWhere((m) => m.type === 'room-state' && m.password === false);
  });

  it('reactions reach the others, rate limited', async () => {
    const server = await start();
    const { a, b } = await threePeople(server);
    for (let i = 0; i < 7; i++) a.client.send({ type: 'react', emoji: '👍' });
    expect(await b.client.next('reaction')).toMatchObject({ from: a.joined.id, emoji: '👍' });
    expect(await a.client.next('error')).toMatchObject({
      code: ErrorCode.RateLimited,
      ref: 'react',
    });
    await waitFor(() => b.client.pending('reaction').length >= 4, 3000, 'burst delivered');
    // 5 of 7 (the burst): the first was taken above.
    expect(b.client.pending('reaction').length).toBe(4);
    a.client.send({ type: 'react', emoji: '🍕' });
    await a.client.nextWhere((m) => m.type === 'error' && m.code === ErrorCode.BadMessage);
  });

  it('orders raised hands by the server time they went up', async () => {
    const server = await start();
    const { a, b, c } = await threePeople(server);
    c.client.send({ type: 'state', hand: true });
    await a.client.nextWhere((m) => m.type === 'peer-state' && m.id === c.joined.id);
    b.client.send({ type: 'state', hand: true });
    await a.client.nextWhere((m) => m.type === 'peer-state' && m.id === b.joined.id);
    const { client: d } = await member(server, { room: 'r', name: 'Dan' });
    const list = (await d.next('peer-list')).peers;
    const cAt = list.find((p) => p.id === c.joined.id)!.handAt!;
    const bAt = list.find((p) => p.id === b.joined.id)!.handAt!;
    expect(cAt).toBeLessThanOrEqual(bAt);
    expect(list.find((p) => p.id === a.joined.id)!.handAt).toBeUndefined();
  });
});
