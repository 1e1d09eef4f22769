/**
 * Calls over the in-memory bus AND over the real server (in this process, real `ws` sockets):
 * what a person does in a call (join, see and connect to the others, chat, mute, leave, survive a
 * dropped connection, be refused) works the same on both, so the Call tests built on the bus say
 * something true about calls on the server. The frame-level contract is in
 * signaling.contract.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallErrorCode } from './errors.js';
import { CallEvent } from './events.js';
import { CallState } from './types.js';
import { TARGETS, type SignalTarget, type TargetSettings } from './test/contract/targets.js';
import { fakePc, fullyConnected, makePerson, waitFor, type Person } from './test/helpers.js';

describe.each(TARGETS)('Call on the $name', (kind) => {
  let target: SignalTarget;
  let people: Person[] = [];
  const restart = async (settings: Partial<TargetSettings>): Promise<void> => {
    await target.close();
    target = await kind.start(settings);
  };
  const person = async (): Promise<Person> => {
    const p = await makePerson(target, { signalingUrl: target.url });
    people.push(p);
    return p;
  };
  const joined = async (name: string, options: { password?: string } = {}): Promise<Person> => {
    const p = await person();
    await p.call.join({ room: 'contract-room', name, ...options });
    return p;
  };

  beforeEach(async () => {
    target = await kind.start();
    people = [];
  });
  afterEach(async () => {
    for (const p of people) await p.call.leave();
    await target.close();
  });

  it('two people see each other by name, connect and receive audio and video', async () => {
    const ann = await joined('Ann');
    const bob = await joined('Bob');
    await waitFor(() => fullyConnected([ann.call, bob.call]), 'connected');
    const annId = ann.call.localId as string;
    const bobId = bob.call.localId as string;
    expect(ann.call.participants.get(bobId)?.name).toBe('Bob');
    expect(bob.call.participants.get(annId)?.name).toBe('Ann');
    for (const [p, other] of [
      [ann, bobId],
      [bob, annId],
    ] as const) {
      await waitFor(
        () => p.call.participants.get(other)?.stream.getTracks().length === 2,
        'two tracks',
      );
    }
    // One offer, one answer, no stray errors: the relay delivered both ways, in order.
    expect(fakePc(ann.call, bobId).remoteDescriptionsApplied).toEqual(['offer']);
    expect(fakePc(bob.call, annId).remoteDescriptionsApplied).toEqual(['answer']);
    expect(fakePc(bob.call, annId).thrown).toEqual([]);
  });

  it('chat is acked, reaches the others with the name, and a late joiner gets it', async () => {
    const ann = await joined('Ann');
    const bob = await joined('Bob');
    ann.call.sendChat('hello');
    await waitFor(() => ann.call.chat[0]?.status === 'sent', 'acked');
    await waitFor(() => bob.call.chat.length === 1, 'bob receives');
    expect(bob.call.chat[0]).toMatchObject({ text: 'hello', name: 'Ann', mine: false });
    const late = await joined('Cid');
    await waitFor(() => late.call.chat.length === 1, 'history');
    expect(late.call.chat[0]).toMatchObject({ text: 'hello', name: 'Ann' });
  });

  it('muting shows on the other side', async () => {
    const ann = await joined('Ann');
    const bob = await joined('Bob');
    const annId = ann.call.localId as string;
    await waitFor(() => bob.call.participants.get(annId)?.mic === true, 'mic on');
    await ann.call.setMic(false);
    await waitFor(() => bob.call.participants.get(annId)?.mic === false, 'mic off');
  });

  it('someone leaving is gone from the others', async () => {
    const ann = await joined('Ann');
    const bob = await joined('Bob');
    await waitFor(() => fullyConnected([ann.call, bob.call]), 'connected');
    const left: string[] = [];
    ann.call.on(CallEvent.ParticipantLeft, (p) => left.push(p.id));
    const bobId = bob.call.localId as string;
    await bob.call.leave();
    await waitFor(() => ann.call.participants.size === 0, 'bob gone');
    expect(left).toEqual([bobId]);
  });

  it('a dropped connection resumes with the same id; nobody sees a leave', async () => {
    const ann = await joined('Ann');
    const bob = await joined('Bob');
    await waitFor(() => fullyConnected([ann.call, bob.call]), 'connected');
    const annId = ann.call.localId as string;
    const pc = fakePc(ann.call, bob.call.localId as string);
    const left: string[] = [];
    bob.call.on(CallEvent.ParticipantLeft, (p) => left.push(p.id));
    const states: CallState[] = [];
    ann.call.on(CallEvent.StateChanged, (s) => states.push(s));
    target.drop(annId);
    await waitFor(() => states.includes(CallState.Reconnecting), 'reconnecting');
    await waitFor(() => ann.call.state === CallState.Connected, 'resumed');
    expect(ann.call.localId).toBe(annId);
    expect(ann.call.getPeerConnection(bob.call.localId as string)).toBe(pc);
    // Still reachable through the server: a chat gets through both ways.
    bob.call.sendChat('still there?');
    await waitFor(() => ann.call.chat.length === 1, 'chat after resume');
    expect(left).toEqual([]);
  });

  it('refusals reach the app as coded errors, and join can be retried', async () => {
    await restart({ capacity: 2 });
    await joined('Ann', { password: 'sesame' });
    const guest = await person();
    await expect(guest.call.join({ room: 'contract-room' })).rejects.toMatchObject({
      code: CallErrorCode.PasswordRequired,
    });
    await expect(
      guest.call.join({ room: 'contract-room', password: 'wrong' }),
    ).rejects.toMatchObject({ code: CallErrorCode.WrongPassword });
    await guest.call.join({ room: 'contract-room', password: 'sesame' });
    expect(guest.call.state).toBe(CallState.Connected);
    const third = await person();
    await expect(
      third.call.join({ room: 'contract-room', password: 'sesame' }),
    ).rejects.toMatchObject({ code: CallErrorCode.RoomFull });
    expect(third.call.state).toBe(CallState.Idle);
  });
});
