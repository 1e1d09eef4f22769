import type { Logger } from '../utils/logger.js';
import type { ViewHint } from './SendPolicy.js';

/**
 * The data channel's label and stream id. Pre-negotiated on both ends (as the verification
 * channel `zvonok-verify` is, on id 0): no `datachannel` event and no in-band id allocation that
 * could ever pick an id the other channel holds. Both channels share the connection's one data
 * m-section, which the newcomer's first offer already carries for verification.
 */
export const HINT_CHANNEL_LABEL = 'zvonok-link';
export const HINT_CHANNEL_ID = 1;

/** Largest message accepted on the channel, bytes (ours are ~60). */
const MAX_MESSAGE = 512;

/** A message on the channel (version 1). */
export type HintMessage =
  /** How the receiver shows the sender's camera. */
  | { v: 1; view: ViewHint }
  /** Whether the sender sends video to this receiver (false: paused, its link is too poor). */
  | { v: 1; video: boolean };

/** Options of `new HintChannel(...)`. */
export interface HintChannelOptions {
  pc: RTCPeerConnection;
  /**
   * Open our end now (the newcomer, before its first offer). The other side opens its end once
   * a remote description negotiates a data m-section (opening it earlier would start a
   * negotiation of its own).
   */
  open: boolean;
  logger: Logger;
  onView: (hint: ViewHint) => void;
  onVideo: (sending: boolean) => void;
}

/**
 * A small data channel next to the media of one connection, for what one side tells the other
 * about the media: the receiver how it shows the sender's camera (small, hidden, the speaker),
 * the sender whether it paused its video because of the link. Straight between the two, never
 * through the server. Messages are JSON; anything malformed is ignored (logged), so a peer
 * cannot break us with it. The last message of each kind is sent again when the channel opens.
 */
export class HintChannel {
  readonly #o: HintChannelOptions;
  #channel: RTCDataChannel | undefined;
  #lastView: string | undefined;
  #lastVideo: string | undefined;
  #closed = false;
  readonly #detach: (() => void)[] = [];

  constructor(options: HintChannelOptions) {
    this.#o = options;
    const pc = options.pc;
    if (typeof pc.createDataChannel !== 'function') return; // test fakes, very old browsers
    if (options.open) {
      this.#openChannel();
      return;
    }
    const onSignaling = (): void => {
      if (/^m=application /m.test(pc.remoteDescription?.sdp ?? '')) this.#openChannel();
    };
    pc.addEventListener('signalingstatechange', onSignaling);
    this.#detach.push(() => pc.removeEventListener('signalingstatechange', onSignaling));
    onSignaling();
  }

  /** Tell the sender how its camera is shown here (sent only when it changed). */
  sendView(hint: ViewHint): void {
    const text = JSON.stringify({ v: 1, view: hint } satisfies HintMessage);
    if (text === this.#lastView) return;
    this.#lastView = text;
    this.#send(text);
  }

  /** Tell the receiver whether we send it video (sent only when it changed). */
  sendVideo(sending: boolean): void {
    const text = JSON.stringify({ v: 1, video: sending } satisfies HintMessage);
    if (text === this.#lastVideo) return;
    this.#lastVideo = text;
    this.#send(text);
  }

  close(): void {
    this.#closed = true;
    for (const off of this.#detach.splice(0)) off();
    this.#channel?.close();
    this.#channel = undefined;
  }

  #openChannel(): void {
    if (this.#channel || this.#closed) return;
    const channel = this.#o.pc.createDataChannel(HINT_CHANNEL_LABEL, {
      negotiated: true,
      id: HINT_CHANNEL_ID,
      ordered: true,
    });
    this.#channel = channel;
    const onOpen = (): void => {
      if (this.#lastView) this.#send(this.#lastView);
      if (this.#lastVideo) this.#send(this.#lastVideo);
    };
    const onMessage = (e: MessageEvent): void => this.#receive(e.data);
    channel.addEventListener('open', onOpen);
    channel.addEventListener('message', onMessage);
    this.#detach.push(() => {
      channel.removeEventListener('open', onOpen);
      channel.removeEventListener('message', onMessage);
    });
  }

  #send(text: string): void {
    const channel = this.#channel;
    if (channel?.readyState !== 'open') return; // sent on open
    try {
      channel.send(text);
    } catch (err) {
      this.#o.logger.debug('hint not sent', err);
    }
  }

  #receive(data: unknown): void {
    const message = parseHint(data);
    if (!message) {
      this.#o.logger.warn('ignored a malformed message on the link channel');
      return;
    }
    if ('view' in message) this.#o.onView(message.view);
    else this.#o.onVideo(message.video);
  }
}

/** A valid {@link HintMessage} from raw channel data, or undefined. */
export function parseHint(data: unknown): HintMessage | undefined {
  if (typeof data !== 'string' || data.length > MAX_MESSAGE) return undefined;
  let m: unknown;
  try {
    m = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof m !== 'object' || m === null || (m as { v?: unknown }).v !== 1) return undefined;
  const o = m as Record<string, unknown>;
  if (typeof o.video === 'boolean') return { v: 1, video: o.video };
  const view = o.view as Record<string, unknown> | undefined;
  if (
    typeof view === 'object' &&
    view !== null &&
    typeof view.visible === 'boolean' &&
    typeof view.prominent === 'boolean' &&
    typeof view.height === 'number' &&
    Number.isFinite(view.height) &&
    view.height >= 0 &&
    view.height <= 10_000
  ) {
    return {
      v: 1,
      view: { visible: view.visible, height: Math.round(view.height), prominent: view.prominent },
    };
  }
  return undefined;
}
