import type { MediaKind } from '../events.js';
import type { PeerConnectionListen } from './listen.js';

/**
 * What a connection sends on: the microphone, the camera and a shared screen, each on its own
 * transceiver. Both sides create (or claim) them in this order, so the second video m-line is
 * the screen's on both ends and a track is told apart by the transceiver it arrives on.
 */
export type SendSlot = 'audio' | 'video' | 'screen';

/** The slots in m-line order. */
export const SEND_SLOTS: readonly SendSlot[] = ['audio', 'video', 'screen'];

/** The kind of track a slot carries. */
export function slotKind(slot: SendSlot): MediaKind {
  return slot === 'audio' ? 'audio' : 'video';
}

/** What the local side sends, per slot. */
export interface LocalSource {
  /** The current track of a slot (null when off or absent). */
  track(slot: SendSlot): MediaStreamTrack | null;
  /**
   * Whether to offer to send on this slot at all (a device exists, even if it is off now; for
   * the screen: the browser can share one).
   */
  canSend(slot: SendSlot): boolean;
  /** The local stream, so that the remote side groups the tracks into one stream. */
  readonly stream: MediaStream | undefined;
}

/** Options of `new TransceiverSlots(...)`. */
export interface TransceiverSlotsOptions {
  pc: RTCPeerConnection;
  local: LocalSource;
  listen: PeerConnectionListen;
  /** A remote track was put in `remoteStream` or `remoteScreenStream`. */
  onTrack: (track: MediaStreamTrack) => void;
}

/**
 * The transceivers of one connection and where their tracks go. Each side sends on one audio,
 * one camera and one screen transceiver ("claimed" below, see {@link SendSlot}); camera on/off,
 * a device switch and screen sharing are a `replaceTrack` on them, never a renegotiation. The
 * screen's transceiver is made with the others at the start (sending nothing until a screen is
 * shared) rather than added when sharing starts: sharing then starts at once, needs no
 * offer/answer round (nor the signaling server: it works while that reconnects) and cannot run
 * into glare with a peer that shares at the same moment.
 */
export class TransceiverSlots {
  /** What arrives from the peer (microphone and camera); the same object for the session's life. */
  readonly remoteStream = new MediaStream();
  /** The peer's shared screen, when it shares one; the same object for the session's life. */
  readonly remoteScreenStream = new MediaStream();

  readonly #pc: RTCPeerConnection;
  readonly #local: LocalSource;
  readonly #onTrack: (track: MediaStreamTrack) => void;
  /** The transceiver this side sends each slot on (and receives the peer's same slot on). */
  readonly #claimed = new Map<SendSlot, RTCRtpTransceiver>();
  /** Transceivers the browser announced a remote track on (`track` event): the peer sends there. */
  readonly #received = new Set<RTCRtpTransceiver>();
  #closed = false;

  constructor(options: TransceiverSlotsOptions) {
    this.#pc = options.pc;
    this.#local = options.local;
    this.#onTrack = options.onTrack;
    options.listen('track', (e) => {
      this.#received.add(e.transceiver);
      this.#routeTracks();
    });
  }

  /** The offering side makes every slot's transceiver up front, in m-line order. */
  createAll(): void {
    for (const slot of SEND_SLOTS) this.#claimed.set(slot, this.#addTransceiver(slot));
  }

  /** Send `track` on a slot instead of the current one (null: send nothing), without renegotiating. */
  async setLocalTrack(slot: SendSlot, track: MediaStreamTrack | null): Promise<void> {
    if (this.#closed) return;
    let transceiver = this.#claimed.get(slot);
    if (!transceiver && slot === 'screen' && track && this.#pc.remoteDescription) {
      // The peer's offer had no screen m-line (an older client): add one, which renegotiates.
      transceiver = this.#addTransceiver(slot);
      this.#claimed.set(slot, transceiver);
      return;
    }
    // Not negotiated yet (waiting for the newcomer's offer): the claim picks the track up later.
    if (!transceiver) return;
    await transceiver.sender.replaceTrack(track);
    // A kind we had no device for at first: start sending on it, which does renegotiate once.
    if (track && transceiver.direction === 'recvonly') transceiver.direction = 'sendrecv';
  }

  /**
   * Pick the transceivers the peer's offer created to send on, so that the answer carries our
   * media on the same m-lines (no second round). Slots are claimed in m-line order, so both sides
   * agree which video m-line is the camera and which the screen. Transceivers of ours that never
   * made it into a negotiation (we were the polite side of glare) are stopped instead of adding
   * extra m-lines.
   */
  async claimOffered(): Promise<void> {
    const claimed = new Set(this.#claimed.values());
    for (const slot of SEND_SLOTS) {
      const kind = slotKind(slot);
      const current = this.#claimed.get(slot);
      if (current && current.mid !== null) continue;
      const offered = this.#pc
        .getTransceivers()
        .find(
          (t) =>
            t.mid !== null &&
            !claimed.has(t) &&
            t.receiver.track.kind === kind &&
            t.direction !== 'stopped' &&
            t.currentDirection !== 'stopped',
        );
      if (!offered) continue;
      if (current) current.stop();
      claimed.add(offered);
      this.#claimed.set(slot, offered);
      const track = this.#local.track(slot);
      offered.direction = this.#local.canSend(slot) || track ? 'sendrecv' : 'recvonly';
      if (track) await offered.sender.replaceTrack(track);
      const stream = slot === 'screen' ? undefined : this.#local.stream;
      // setStreams tells the peer which stream the track belongs to; older browsers lack it.
      if (stream && typeof offered.sender.setStreams === 'function') {
        offered.sender.setStreams(stream);
      }
    }
    this.#routeTracks();
  }

  /** No more tracks are routed nor sent. */
  close(): void {
    this.#closed = true;
  }

  #addTransceiver(slot: SendSlot): RTCRtpTransceiver {
    const track = this.#local.track(slot);
    // The screen goes without a stream: the peer must not group it with voice and camera.
    const stream = slot === 'screen' ? undefined : this.#local.stream;
    return this.#pc.addTransceiver(track ?? slotKind(slot), {
      direction: this.#local.canSend(slot) || track ? 'sendrecv' : 'recvonly',
      streams: stream ? [stream] : [],
    });
  }

  /**
   * Put each received track in the stream of its slot: the screen's in `remoteScreenStream`,
   * the rest in `remoteStream`. Runs on `track` events and after claiming, because an answerer
   * gets `track` before it has claimed the offer's transceivers (it does not know the slots yet).
   */
  #routeTracks(): void {
    if (this.#closed) return;
    for (const [slot, transceiver] of this.#claimed) {
      if (transceiver.mid === null) continue;
      const track = transceiver.receiver.track;
      const stream = slot === 'screen' ? this.remoteScreenStream : this.remoteStream;
      if (stream.getTracks().includes(track)) continue;
      // A track that only `track` events (with no receiving direction) would not have announced.
      if (!this.#received.has(transceiver)) continue;
      stream.addTrack(track);
      this.#onTrack(track);
    }
  }
}
