/**
 * The server's Janus client against a real Janus (started from a generated config on a free
 * loopback port): sessions, rooms created by the server with secret and pin, a publisher's offer
 * answered, and a Janus that dies or freezes noticed within seconds.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJanus, type JanusHandle as JanusProcess } from '../../../e2e/support/janus.js';
import { JanusConnection } from '../src/janus/JanusConnection.js';
import { JanusError } from '../src/janus/errors.js';
import { JanusSession } from '../src/janus/JanusSession.js';
import {
  VIDEOROOM_PLUGIN,
  createRoom,
  destroyRoom,
  listParticipants,
  publish,
  roomExists,
} from '../src/janus/VideoRoom.js';
import { publisherOffer } from './sdp.js';

let janus: JanusProcess;

beforeAll(async () => {
  janus = await startJanus();
}, 30_000);

afterAll(async () => {
  await janus?.stop();
});

async function videoRoomHandle(): Promise<{ connection: JanusConnection; session: JanusSession }> {
  const connection = await JanusConnection.open(janus.url, { apiSecret: janus.apiSecret });
  const session = await JanusSession.create(connection);
  return { connection, session };
}

function roomSpec(record?: { dir: string }) {
  return {
    room: `r-${randomBytes(4).toString('hex')}`,
    secret: randomBytes(16).toString('hex'),
    pin: randomBytes(16).toString('hex'),
    adminKey: janus.adminKey,
    publishers: 50,
    requireE2ee: true,
    ...(record === undefined ? {} : { record }),
  };
}

describe('Janus client', () => {
  it('refuses a wrong API secret with a coded error', async () => {
    const connection = await JanusConnection.open(janus.url, { apiSecret: 'wrong' });
    const error = await JanusSession.create(connection).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JanusError);
    expect(error).toMatchObject({ code: 'janus-refused', janusCode: 403 });
    connection.close();
  });

  it('says janus-down for an address where nothing listens', async () => {
    const error = await JanusConnection.open('ws://127.0.0.1:9').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'janus-down' });
  });

  it('creates a room only with the admin key, and it needs the pin to join', async () => {
    const { connection, session } = await videoRoomHandle();
    const handle = await session.attach(VIDEOROOM_PLUGIN);
    const spec = roomSpec();
    await expect(createRoom(handle, { ...spec, adminKey: 'guess' })).rejects.toMatchObject({
      code: 'janus-refused',
    });
    expect(await createRoom(handle, spec)).toBe(true);
    expect(await createRoom(handle, spec)).toBe(false); // exists already
    expect(await roomExists(handle, spec.room)).toBe(true);

    const wrongPin = await session.attach(VIDEOROOM_PLUGIN);
    await expect(
      publish(wrongPin, {
        room: spec.room,
        pin: 'nope',
        feed: 'p1',
        display: 'Ann',
        offer: { type: 'offer', sdp: publisherOffer() },
        e2ee: true,
      }),
    ).rejects.toMatchObject({ code: 'janus-refused', janusCode: 433 });

    const publisher = await session.attach(VIDEOROOM_PLUGIN);
    const { answer } = await publish(publisher, {
      room: spec.room,
      pin: spec.pin,
      feed: 'p1',
      display: 'Ann',
      offer: { type: 'offer', sdp: publisherOffer() },
      e2ee: true,
    });
    expect(answer.type).toBe('answer');
    expect(answer.sdp).toMatch(/m=audio .*\r\n[\s\S]*m=video /);
    expect(answer.sdp).toMatch(/a=recvonly/);
    // Joined, but not publishing: no media reaches Janus from a made-up offer.
    expect(await listParticipants(handle, spec.room, spec.secret)).toEqual([
      { id: 'p1', display: 'Ann', publishing: false },
    ]);

    await destroyRoom(handle, spec.room, spec.secret);
    expect(await roomExists(handle, spec.room)).toBe(false);
    await destroyRoom(handle, spec.room, spec.secret); // gone already: fine
    await session.destroy();
    connection.close();
  });

  it('keeps a session alive past Janus session_timeout with keepalives', async () => {
    const strict = await startJanus({ sessionTimeoutSeconds: 2 });
    try {
      const connection = await JanusConnection.open(strict.url, { apiSecret: strict.apiSecret });
      const kept = await JanusSession.create(connection, 500);
      const idle = await JanusSession.create(connection, 60_000);
      const idleEnded = new Promise<string>((resolve) => idle.once('ended', resolve));
      // Janus reaps a silent session within its timeout plus its 2 s sweep.
      expect(await idleEnded).toMatch(/timed out/);
      await new Promise((r) => setTimeout(r, 1000));
      expect(kept.alive).toBe(true);
      const handle = await kept.attach(VIDEOROOM_PLUGIN);
      expect(await roomExists(handle, 'none')).toBe(false);
      await kept.destroy();
      connection.close();
    } finally {
      await strict.stop();
    }
  });

  it('notices kill -9 at once and a frozen Janus within two ping intervals', async () => {
    const first = await JanusConnection.open(janus.url, {
      apiSecret: janus.apiSecret,
      pingIntervalMs: 500,
    });
    const session = await JanusSession.create(first);
    const sessionEnded = new Promise<string>((resolve) => session.once('ended', resolve));
    const down = new Promise<string>((resolve) => first.once('down', resolve));
    const frozenAt = Date.now();
    janus.pause();
    const reason = await down;
    const noticedMs = Date.now() - frozenAt;
    expect(reason).toMatch(/pings/);
    expect(noticedMs).toBeLessThan(1500);
    expect(await sessionEnded).toBe(reason);
    await expect(session.request({ janus: 'keepalive' })).rejects.toMatchObject({
      code: 'janus-down',
    });
    janus.resume();

    const second = await JanusConnection.open(janus.url, { apiSecret: janus.apiSecret });
    const gone = new Promise<string>((resolve) => second.once('down', resolve));
    const killedAt = Date.now();
    await janus.kill();
    expect(await gone).toMatch(/closed/);
    expect(Date.now() - killedAt).toBeLessThan(1000);

    await janus.restart();
    const third = await JanusConnection.open(janus.url, { apiSecret: janus.apiSecret });
    const again = await JanusSession.create(third);
    expect(again.alive).toBe(true);
    await again.destroy();
    third.close();
  });
});
