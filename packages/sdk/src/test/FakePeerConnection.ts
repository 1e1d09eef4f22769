/**
 * A fake RTCPeerConnection that models what perfect negotiation depends on: signalingState and
 * its legal transitions (throwing InvalidStateError like a browser on an illegal one), implicit
 * offer/answer in setLocalDescription(), implicit rollback when an offer arrives in
 * have-local-offer, an operations chain, transceivers with mids and directions, negotiationneeded
 * (only in stable, re-checked on return to stable), trickle ICE candidates with ufrags (ICE
 * restart changes them), addIceCandidate refusing candidates before a remote description, and
 * `track` events. Two fakes that exchange their descriptions and candidates get `connected`.
 *
 * The SDP is JSON; only fakes read it.
 */
import { CountingEventTarget } from './CountingEventTarget.js';
import { FakeMediaStreamTrack } from './fakeMedia.js';

type Direction = RTCRtpTransceiverDirection;
interface MLine {
  mid: string;
  kind: 'audio' | 'video';
  direction: Direction;
}
interface FakeSdp {
  ufrag: string;
  mlines: MLine[];
}

let nextPc = 1;

function sdpOf(desc: RTCSessionDescriptionInit): FakeSdp {
  return JSON.parse((desc.sdp ?? '').replace(/^fake:/, '')) as FakeSdp;
}

function reverse(d: Direction): Direction {
  return d === 'sendonly' ? 'recvonly' : d === 'recvonly' ? 'sendonly' : d;
}

function intersect(local: Direction, offeredByRemote: Direction): Direction {
  const remote = reverse(offeredByRemote);
  const send = local.includes('send') && remote.includes('send');
  const recv = local.includes('recv') && remote.includes('recv');
  return send && recv ? 'sendrecv' : send ? 'sendonly' : recv ? 'recvonly' : 'inactive';
}

function invalidState(message: string): DOMException {
  return new DOMException(message, 'InvalidStateError');
}

export class FakeSender {
  track: FakeMediaStreamTrack | null;
  readonly kind: 'audio' | 'video';
  streams: unknown[] = [];
  replaceTrackCalls = 0;

  constructor(kind: 'audio' | 'video', track: FakeMediaStreamTrack | null) {
    this.kind = kind;
    this.track = track;
  }

  replaceTrack(track: FakeMediaStreamTrack | null): Promise<void> {
    if (track && track.kind !== this.kind) return Promise.reject(new TypeError('wrong kind'));
    this.replaceTrackCalls++;
    this.track = track;
    return Promise.resolve();
  }

  setStreams(...streams: unknown[]): void {
    this.streams = streams;
  }
}

export class FakeTransceiver {
  mid: string | null = null;
  /** The mid this transceiver will get when it first appears in a local offer. */
  readonly proposedMid: string;
  currentDirection: Direction | null = null;
  readonly sender: FakeSender;
  readonly receiver: { track: FakeMediaStreamTrack };
  /** Direction when the last local description was applied (for negotiationneeded). */
  negotiatedDirection: Direction | null = null;
  /** Receiving direction for which a `track` event was fired. */
  firedReceiving = false;
  /** Created by applying a remote offer (removed again if that offer is rolled back). */
  createdByRemoteOffer = false;
  #direction: Direction;
  readonly #pc: FakePeerConnection;

  constructor(pc: FakePeerConnection, kind: 'audio' | 'video', direction: Direction, mid: string) {
    this.#pc = pc;
    this.#direction = direction;
    this.proposedMid = mid;
    this.sender = new FakeSender(kind, null);
    this.receiver = { track: new FakeMediaStreamTrack(kind, 'remote') };
  }

  get direction(): Direction {
    return this.#direction;
  }

  set direction(d: Direction) {
    if (this.#direction === 'stopped') throw invalidState('transceiver is stopped');
    if (d === this.#direction) return;
    this.#direction = d;
    this.#pc.updateNegotiationNeeded();
  }

  stop(): void {
    if (this.#direction === 'stopped') return;
    this.#direction = 'stopped';
    this.sender.track = null;
    this.#pc.updateNegotiationNeeded();
  }
}

/** Options of the fake that tests may set globally (e.g. to slow negotiation down). */
export const fakePeerConnectionSettings = {
  /** Delay of each description operation, ms (0: next macrotask). */
  operationDelayMs: 0,
};

export class FakePeerConnection extends CountingEventTarget {
  /** Every fake made, in order (tests find the ones they need). */
  static readonly instances: FakePeerConnection[] = [];

  readonly id = `pc${nextPc++}`;
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  currentLocalDescription: RTCSessionDescriptionInit | null = null;
  currentRemoteDescription: RTCSessionDescriptionInit | null = null;
  config: RTCConfiguration;

  /** Remote candidates added, in order. */
  readonly addedCandidates: RTCIceCandidateInit[] = [];
  /** Offers of ours rolled back because theirs arrived (the polite side of glare). */
  rollbacks = 0;
  /** Calls of restartIce(). */
  restartIceCalls = 0;
  /** Offers and answers applied with setRemoteDescription, in order. */
  readonly remoteDescriptionsApplied: RTCSdpType[] = [];
  /** Errors this fake threw, by operation (an illegal transition means the SDK is wrong). */
  readonly thrown: { op: string; error: unknown }[] = [];

  readonly #transceivers: FakeTransceiver[] = [];
  #ufrag: string;
  #restartPending = false;
  #negotiationNeeded = false;
  #midCounter = 0;
  #chain: Promise<unknown> = Promise.resolve();
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #gatheredUfrag: string | undefined;

  constructor(config: RTCConfiguration = {}) {
    super();
    this.config = config;
    this.#ufrag = `${this.id}-u0`;
    FakePeerConnection.instances.push(this);
  }

  /** Timers of this fake still pending. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  getConfiguration(): RTCConfiguration {
    return this.config;
  }

  setConfiguration(config: RTCConfiguration): void {
    this.config = config;
  }

  getTransceivers(): FakeTransceiver[] {
    return [...this.#transceivers];
  }

  getSenders(): FakeSender[] {
    return this.#transceivers.filter((t) => t.direction !== 'stopped').map((t) => t.sender);
  }

  getReceivers(): { track: FakeMediaStreamTrack }[] {
    return this.#transceivers.map((t) => t.receiver);
  }

  addTransceiver(
    trackOrKind: FakeMediaStreamTrack | 'audio' | 'video',
    init: RTCRtpTransceiverInit = {},
  ): FakeTransceiver {
    this.#assertOpen();
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const t = new FakeTransceiver(
      this,
      kind,
      init.direction ?? 'sendrecv',
      `${this.id}-m${this.#midCounter++}`,
    );
    if (typeof trackOrKind !== 'string') t.sender.track = trackOrKind;
    if (init.streams) t.sender.streams = init.streams;
    this.#transceivers.push(t);
    this.updateNegotiationNeeded();
    return t;
  }

  restartIce(): void {
    this.restartIceCalls++;
    this.#restartPending = true;
    this.updateNegotiationNeeded();
  }

  createOffer(): Promise<RTCSessionDescriptionInit> {
    return this.#enqueue('createOffer', () => this.#makeOffer());
  }

  createAnswer(): Promise<RTCSessionDescriptionInit> {
    return this.#enqueue('createAnswer', () => this.#makeAnswer());
  }

  setLocalDescription(desc?: RTCSessionDescriptionInit): Promise<void> {
    return this.#enqueue('setLocalDescription', () => this.#setLocal(desc));
  }

  setRemoteDescription(desc: RTCSessionDescriptionInit): Promise<void> {
    return this.#enqueue('setRemoteDescription', () => this.#setRemote(desc));
  }

  /** Errors of description operations (offer/answer): any is a negotiation bug. */
  get negotiationErrors(): unknown[] {
    return this.thrown.filter((t) => t.op !== 'addIceCandidate').map((t) => t.error);
  }

  addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void> {
    return this.#enqueue('addIceCandidate', () => {
      if (!this.remoteDescription) {
        throw invalidState('The remote description was null');
      }
      if (!candidate || !candidate.candidate) return;
      const remoteUfrag = sdpOf(this.remoteDescription).ufrag;
      if (candidate.usernameFragment && candidate.usernameFragment !== remoteUfrag) {
        throw new DOMException('Unknown ufrag', 'OperationError');
      }
      this.addedCandidates.push(candidate);
      this.#checkConnected();
    });
  }

  close(): void {
    if (this.signalingState === 'closed') return;
    this.signalingState = 'closed';
    this.connectionState = 'closed';
    this.iceConnectionState = 'closed';
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }

  /**
   * Test control: bytes received on the connection's candidate pair, reported by getStats().
   * Undefined (the default): no candidate pair in the statistics.
   */
  receivedBytes: number | undefined;

  getStats(): Promise<Map<string, unknown>> {
    const stats = new Map<string, unknown>();
    if (this.receivedBytes !== undefined)
      stats.set('pair', { id: 'pair', type: 'candidate-pair', bytesReceived: this.receivedBytes });
    return Promise.resolve(stats);
  }

  /** Test control: force a connection state (e.g. 'failed'), firing the change events. */
  simulateConnectionState(state: RTCPeerConnectionState): void {
    this.#setConnectionState(state);
  }

  // ------------------------------------------------------------------------------------------

  #assertOpen(): void {
    if (this.signalingState === 'closed') throw invalidState('The RTCPeerConnection is closed');
  }

  #enqueue<T>(name: string, op: () => T): Promise<T> {
    const run = this.#chain.then(
      () =>
        new Promise<T>((resolve, reject) => {
          this.#later(() => {
            try {
              this.#assertOpen();
              resolve(op());
            } catch (err) {
              this.thrown.push({ op: name, error: err });
              reject(err instanceof Error ? err : new Error(String(err)));
            }
          }, fakePeerConnectionSettings.operationDelayMs);
        }),
    );
    this.#chain = run.catch(() => undefined);
    return run;
  }

  #later(fn: () => void, ms = 0): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (this.signalingState !== 'closed') fn();
    }, ms);
    this.#timers.add(timer);
  }

  #makeOffer(): RTCSessionDescriptionInit {
    if (this.signalingState !== 'stable' && this.signalingState !== 'have-local-offer') {
      throw invalidState(`createOffer in ${this.signalingState}`);
    }
    if (this.#restartPending) this.#ufrag = `${this.id}-u${Date.now()}-${Math.random()}`;
    const mlines = this.#transceivers
      .filter((t) => t.mid !== null || t.direction !== 'stopped')
      .map((t) => ({
        mid: t.mid ?? t.proposedMid,
        kind: t.sender.kind,
        direction: t.direction === 'stopped' ? ('inactive' as const) : t.direction,
      }));
    return { type: 'offer', sdp: `fake:${JSON.stringify({ ufrag: this.#ufrag, mlines })}` };
  }

  #makeAnswer(): RTCSessionDescriptionInit {
    if (this.signalingState !== 'have-remote-offer' || !this.remoteDescription) {
      throw invalidState(`createAnswer in ${this.signalingState}`);
    }
    const offer = sdpOf(this.remoteDescription);
    // An offer with new ICE credentials asks for an ICE restart: answer with new ones too.
    if (this.#remoteUfragBefore !== undefined && this.#remoteUfragBefore !== offer.ufrag) {
      this.#ufrag = `${this.id}-u${Date.now()}-${Math.random()}`;
    }
    const mlines = offer.mlines.map((m) => {
      const t = this.#transceivers.find((x) => x.mid === m.mid);
      const local = t && t.direction !== 'stopped' ? t.direction : 'inactive';
      return { mid: m.mid, kind: m.kind, direction: intersect(local, m.direction) };
    });
    return { type: 'answer', sdp: `fake:${JSON.stringify({ ufrag: this.#ufrag, mlines })}` };
  }

  /** The remote ufrag of the last stable remote description (to spot ICE restarts). */
  #remoteUfragBefore: string | undefined;

  #setLocal(desc?: RTCSessionDescriptionInit): void {
    let d = desc;
    if (!d || !d.type) {
      d = this.signalingState === 'have-remote-offer' ? this.#makeAnswer() : this.#makeOffer();
    }
    switch (d.type) {
      case 'rollback': {
        if (this.signalingState !== 'have-local-offer') {
          throw invalidState(`rollback in ${this.signalingState}`);
        }
        this.#rollbackLocal();
        return;
      }
      case 'offer': {
        if (this.signalingState !== 'stable' && this.signalingState !== 'have-local-offer') {
          throw invalidState(`Failed to set local offer in state ${this.signalingState}`);
        }
        const sdp = sdpOf(d);
        for (const m of sdp.mlines) {
          const t = this.#transceivers.find((x) => x.mid === m.mid || x.proposedMid === m.mid);
          if (t) {
            t.mid = m.mid;
            t.negotiatedDirection = t.direction;
          }
        }
        this.localDescription = d;
        this.signalingState = 'have-local-offer';
        this.#gather();
        return;
      }
      case 'answer': {
        if (this.signalingState !== 'have-remote-offer') {
          throw invalidState(`Failed to set local answer in state ${this.signalingState}`);
        }
        const sdp = sdpOf(d);
        for (const m of sdp.mlines) {
          const t = this.#transceivers.find((x) => x.mid === m.mid);
          if (t) {
            t.currentDirection = m.direction;
            t.negotiatedDirection = t.direction;
          }
        }
        this.localDescription = d;
        this.currentLocalDescription = d;
        this.currentRemoteDescription = this.remoteDescription;
        this.#restartPending = false;
        this.#stable();
        this.#gather();
        this.#checkConnected();
        return;
      }
      default:
        throw new TypeError(`bad description type ${String(d.type)}`);
    }
  }

  #rollbackLocal(): void {
    this.rollbacks++;
    const offer = this.localDescription ? sdpOf(this.localDescription) : { mlines: [] };
    for (const m of offer.mlines) {
      const t = this.#transceivers.find((x) => x.mid === m.mid);
      // Transceivers that got their mid from the rolled-back offer lose it again.
      if (t && t.currentDirection === null) t.mid = null;
    }
    this.localDescription = this.currentLocalDescription;
    this.#stable();
  }

  #setRemote(desc: RTCSessionDescriptionInit): void {
    const sdp = sdpOf(desc);
    if (desc.type === 'offer') {
      if (this.signalingState === 'have-local-offer') this.#rollbackLocal(); // implicit rollback
      if (this.signalingState !== 'stable' && this.signalingState !== 'have-remote-offer') {
        throw invalidState(`Failed to set remote offer in state ${this.signalingState}`);
      }
      for (const m of sdp.mlines) {
        let t = this.#transceivers.find((x) => x.mid === m.mid);
        if (!t) {
          t = new FakeTransceiver(this, m.kind, 'recvonly', m.mid);
          t.mid = m.mid;
          t.createdByRemoteOffer = true;
          this.#transceivers.push(t);
        }
        this.#maybeFireTrack(t, m.direction);
      }
      this.remoteDescription = desc;
      this.remoteDescriptionsApplied.push('offer');
      this.signalingState = 'have-remote-offer';
      return;
    }
    if (desc.type === 'answer') {
      if (this.signalingState !== 'have-local-offer') {
        throw invalidState(
          `Failed to set remote answer sdp: Called in wrong state: ${this.signalingState}`,
        );
      }
      for (const m of sdp.mlines) {
        const t = this.#transceivers.find((x) => x.mid === m.mid);
        if (!t) continue;
        t.currentDirection = reverse(m.direction);
        this.#maybeFireTrack(t, m.direction);
      }
      this.remoteDescription = desc;
      this.remoteDescriptionsApplied.push('answer');
      this.currentRemoteDescription = desc;
      this.currentLocalDescription = this.localDescription;
      this.#restartPending = false;
      this.#stable();
      this.#checkConnected();
      return;
    }
    throw new TypeError(`unsupported remote description type ${String(desc.type)}`);
  }

  #maybeFireTrack(t: FakeTransceiver, remoteDirection: Direction): void {
    const receiving = remoteDirection === 'sendrecv' || remoteDirection === 'sendonly';
    if (receiving && !t.firedReceiving) {
      t.firedReceiving = true;
      const event = Object.assign(new Event('track'), {
        track: t.receiver.track,
        receiver: t.receiver,
        transceiver: t,
        streams: [],
      });
      this.#later(() => this.dispatchEvent(event));
    }
  }

  #stable(): void {
    this.signalingState = 'stable';
    if (this.remoteDescription) this.#remoteUfragBefore = sdpOf(this.remoteDescription).ufrag;
    this.#negotiationNeeded = false;
    this.updateNegotiationNeeded();
  }

  /** Spec: "update the negotiation-needed flag" (simplified). Public for FakeTransceiver. */
  updateNegotiationNeeded(): void {
    if (this.signalingState !== 'stable' || this.#negotiationNeeded) return;
    if (!this.#isNegotiationNeeded()) return;
    this.#negotiationNeeded = true;
    this.#later(() => {
      if (
        this.#negotiationNeeded &&
        this.signalingState === 'stable' &&
        this.#isNegotiationNeeded()
      ) {
        this.dispatchEvent(new Event('negotiationneeded'));
      }
    });
  }

  #isNegotiationNeeded(): boolean {
    if (this.#restartPending) return true;
    return this.#transceivers.some((t) => {
      if (t.direction === 'stopped') return t.mid !== null && t.currentDirection !== 'inactive';
      if (t.mid === null) return true;
      return t.negotiatedDirection !== t.direction;
    });
  }

  #gather(): void {
    if (this.#gatheredUfrag === this.#ufrag) return;
    const ufrag = this.#ufrag;
    this.#gatheredUfrag = ufrag;
    const first = this.#transceivers.find((t) => t.mid !== null);
    this.#later(() => {
      const candidate = {
        candidate: `candidate:1 1 udp 2122260223 10.0.0.1 ${40000 + nextPc} typ host`,
        sdpMid: first?.mid ?? '0',
        sdpMLineIndex: 0,
        usernameFragment: ufrag,
      };
      const event = Object.assign(new Event('icecandidate'), {
        candidate: { ...candidate, toJSON: () => candidate },
      });
      this.dispatchEvent(event);
      this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: null }));
    });
  }

  #checkConnected(): void {
    if (this.signalingState !== 'stable' || !this.remoteDescription) return;
    const remoteUfrag = sdpOf(this.remoteDescription).ufrag;
    const haveCandidate = this.addedCandidates.some((c) => c.usernameFragment === remoteUfrag);
    if (!haveCandidate || this.connectionState === 'connected') {
      if (haveCandidate) return;
      if (this.connectionState === 'new') this.#setConnectionState('connecting');
      return;
    }
    if (this.connectionState === 'new') this.#setConnectionState('connecting');
    this.#later(() => this.#setConnectionState('connected'));
  }

  #setConnectionState(state: RTCPeerConnectionState): void {
    if (this.connectionState === state || this.signalingState === 'closed') return;
    this.connectionState = state;
    this.iceConnectionState = state === 'connecting' ? 'checking' : state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}
