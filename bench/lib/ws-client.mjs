// The load's other kind of client: the standard `ws` package behind the same small interface as
// LeanWebSocket (lean-ws.mjs), so that the signaling benchmark can load the servers the way an
// independent harness does. A `ws` client spends several microseconds per received message
// (events, a Buffer per message), so the load core saturates sooner: each step reports the
// load's own CPU beside the server's figures.
import WebSocket from 'ws';

/** @import { LeanHandlers } from './lean-ws.mjs' */

/** A `ws` WebSocket client with the interface of LeanWebSocket. */
export class WsClient {
  /** @type {'connecting' | 'open' | 'closing' | 'closed'} */
  state = 'connecting';
  #ws;

  /**
   * Connect to a `ws://` URL.
   * @param {string} url
   * @param {LeanHandlers} handlers
   */
  constructor(url, handlers) {
    // No compression: neither server negotiates it, and it would only add work on both sides.
    this.#ws = new WebSocket(url, { perMessageDeflate: false });
    let closed = false;
    /** @param {number} code @param {Error} [error] */
    const finish = (code, error) => {
      if (closed) return;
      closed = true;
      this.state = 'closed';
      handlers.onClose?.(code, error);
    };
    this.#ws.on('open', () => {
      this.state = 'open';
      handlers.onOpen?.();
    });
    this.#ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const buf = /** @type {Buffer} */ (data);
      handlers.onText(buf, 0, buf.length);
    });
    this.#ws.on('error', (error) => finish(1006, error));
    this.#ws.on('close', (code) => finish(code));
  }

  /**
   * Send a text frame. Returns false when the socket is not open (the frame is dropped).
   * @param {string} text
   */
  send(text) {
    if (this.state !== 'open') return false;
    this.#ws.send(text);
    return true;
  }

  /** Start the closing handshake (code 1000). */
  close() {
    if (this.state === 'connecting') return this.destroy();
    if (this.state !== 'open') return;
    this.state = 'closing';
    this.#ws.close(1000);
  }

  /** Drop the connection at once, without a closing handshake. */
  destroy() {
    this.#ws.terminate();
  }

  /** Bytes queued because the kernel's send buffer is full. */
  get bufferedAmount() {
    return this.#ws.bufferedAmount;
  }
}
