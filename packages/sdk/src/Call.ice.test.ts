import { beforeEach, describe, expect, it } from 'vitest';
import { CallErrorCode, type CallError } from './errors.js';
import { CallEvent } from './events.js';
import {
  fakePc,
  fullyConnected,
  settle,
  useCallBed,
  waitFor,
  type Person,
  type PersonOptions,
} from './test/helpers.js';

const bed = useCallBed();
let grants = 0;

const STUN = { urls: ['stun:stun.test:3478'] };
function turn(n: number) {
  return { urls: ['turn:turn.test:3478'], username: `${n}:x`, credential: `secret-${n}` };
}

// Runs after the bed's own beforeEach (registered first), so `bed.bus` is this test's bus.
beforeEach(() => {
  grants = 0;
  bed.bus.iceGrant = () => ({
    iceServers: [STUN, turn(++grants)],
    expireAt: Date.now() + 3_600_000,
  });
});

async function pair(options: PersonOptions = {}) {
  const ann = await bed.person(options);
  const bob = await bed.person(options);
  await ann.call.join({ room: 'ice', name: 'Ann' });
  await bob.call.join({ room: 'ice', name: 'Bob' });
  await waitFor(() => fullyConnected([ann.call, bob.call]), 'connected');
  const annPc = fakePc(ann.call, bob.call.localId!);
  const bobPc = fakePc(bob.call, ann.call.localId!);
  return { ann, bob, annPc, bobPc };
}

/** What the server sends Ann when she asks for fresh credentials. */
function refreshAnn(ann: Person): void {
  const socket = [...bed.bus.sockets].find((s) => s.memberId === ann.call.localId)!;
  socket.deliver({ type: 'ice-servers', ...bed.bus.iceGrant() });
}

describe('Call: ICE servers from the signaling server', () => {
  it('uses the joined TURN credentials for every connection, relay-only when asked', async () => {
    const { annPc, bobPc } = await pair({ relayOnly: true });
    expect(annPc.config.iceServers).toEqual([STUN, turn(1)]);
    expect(bobPc.config.iceServers).toEqual([STUN, turn(2)]);
    expect(annPc.config.iceTransportPolicy).toBe('relay');
    const plain = await bed.person();
    await plain.call.join({ room: 'ice', name: 'Cy' });
    await waitFor(() => plain.call.participants.size === 2, 'cy sees both');
    expect(
      fakePc(plain.call, bed.people[0]!.call.localId!).config.iceTransportPolicy,
    ).toBeUndefined();
  });

  it('applies fresh credentials to every connection and restarts ICE on relayed ones', async () => {
    const { ann, annPc } = await pair({ relayOnly: true });
    const restartsBefore = annPc.restartIceCalls;
    refreshAnn(ann);
    await waitFor(() => annPc.restartIceCalls === restartsBefore + 1, 'ICE restart');
    expect(annPc.config.iceServers).toEqual([STUN, turn(3)]);
    expect(annPc.config.iceTransportPolicy).toBe('relay');
    await waitFor(() => fullyConnected(bed.people.map((p) => p.call)), 'connected again');
  });

  it('leaves direct connections alone on a refresh, and restarts those on our relay', async () => {
    const { ann, annPc } = await pair();
    const restartsBefore = annPc.restartIceCalls;
    refreshAnn(ann);
    await waitFor(() => annPc.config.iceServers?.[1]?.username === '3:x', 'new credentials');
    await settle();
    expect(annPc.restartIceCalls).toBe(restartsBefore);

    // Now the stats say that our side of the pair is a relayed candidate.
    annPc.getStats = () =>
      Promise.resolve(
        new Map<string, unknown>([
          ['t', { id: 't', type: 'transport', selectedCandidatePairId: 'p' }],
          ['p', { id: 'p', type: 'candidate-pair', localCandidateId: 'l', remoteCandidateId: 'r' }],
          ['l', { id: 'l', type: 'local-candidate', candidateType: 'relay' }],
          ['r', { id: 'r', type: 'remote-candidate', candidateType: 'host' }],
        ]),
      );
    refreshAnn(ann);
    await waitFor(() => annPc.restartIceCalls === restartsBefore + 1, 'ICE restart');
  });

  it('asks the server for fresh credentials before they expire', async () => {
    bed.bus.iceGrant = () => ({ iceServers: [turn(++grants)], expireAt: Date.now() + 6_300 });
    const ann = await bed.person();
    await ann.call.join({ room: 'ice' });
    const socket = [...bed.bus.sockets].find((s) => s.memberId === ann.call.localId)!;
    // 80 % of 6.3 s: about 5 s after joining.
    await waitFor(() => socket.sent.some((m) => m.type === 'ice-servers'), 'refresh', 8_000);
  }, 10_000);
});

describe('Call: relay-only without a relay', () => {
  it('says RelayUnreachable at once when the server has no TURN', async () => {
    bed.bus.iceGrant = () => ({ iceServers: [STUN] });
    const ann = await bed.person({ relayOnly: true });
    const errors: CallError[] = [];
    ann.call.on(CallEvent.Error, (e) => errors.push(e));
    await ann.call.join({ room: 'ice' });
    expect(errors.map((e) => e.code)).toEqual([CallErrorCode.RelayUnreachable]);
  });

  it('says RelayUnreachable once when the relay refuses, and nothing in a normal call', async () => {
    const { ann, bob, annPc, bobPc } = await pair();
    for (const [p, pc] of [
      [ann, annPc],
      [bob, bobPc],
    ] as const) {
      const errors: CallError[] = [];
      p.call.on(CallEvent.Error, (e) => errors.push(e));
      refuse(pc);
      await settle();
      expect(errors).toEqual([]);
    }
    const cy = await bed.person({ relayOnly: true });
    const errors: CallError[] = [];
    cy.call.on(CallEvent.Error, (e) => errors.push(e));
    await cy.call.join({ room: 'ice' });
    await waitFor(() => cy.call.participants.size === 2, 'cy sees both');
    // Both connections fail to get a relay (twice, even): one message, not four.
    for (const id of cy.call.participants.keys()) refuse(fakePc(cy.call, id));
    for (const id of cy.call.participants.keys()) refuse(fakePc(cy.call, id));
    await settle();
    expect(errors.map((e) => e.code)).toEqual([CallErrorCode.RelayUnreachable]);
    expect(errors[0]?.message).toMatch(/rejected/);
  });

  it('says nothing when a relay that worked in this call goes away: ICE restarts ride it out', async () => {
    const { ann, annPc } = await pair({ relayOnly: true });
    const errors: CallError[] = [];
    ann.call.on(CallEvent.Error, (e) => errors.push(e));
    gatherRelay(annPc);
    refuse(annPc);
    refuse(annPc);
    await settle();
    expect(errors).toEqual([]);
  });
});

/** The fake connection gathers a relayed candidate: the relay works. */
function gatherRelay(pc: ReturnType<typeof fakePc>): void {
  const init = {
    candidate: 'candidate:1 1 udp 41885439 10.0.0.1 50000 typ relay raddr 0.0.0.0 rport 0',
    sdpMid: '0',
    sdpMLineIndex: 0,
  };
  const candidate = { ...init, toJSON: () => init };
  pc.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate }));
}

/** The fake connection goes through a gathering round in which the TURN server answers 401. */
function refuse(pc: ReturnType<typeof fakePc>): void {
  const state = (s: RTCIceGatheringState) => {
    Object.defineProperty(pc, 'iceGatheringState', { value: s, configurable: true });
    pc.dispatchEvent(new Event('icegatheringstatechange'));
  };
  state('gathering');
  const init = { errorCode: 401, errorText: 'Unauthorized', url: 'turn:turn.test:3478' };
  pc.dispatchEvent(Object.assign(new Event('icecandidateerror'), init));
  state('complete');
}
