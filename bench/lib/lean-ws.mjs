// A minimal WebSocket client (RFC 6455) for load generation.
//
// Why not the `ws` client: at the broadcast rates the signaling benchmark must reach (> 160,000
// deliveries/s) a `ws` client spends ~7 µs per received message on one core, so the load
// generator, not the server, would be measured. This client hands each text frame to the caller
// as a region of the socket's chunk (no copy, no event per frame, no UTF-8 validation) and costs
// well under 1 µs per frame. What the server sees is ordinary, valid WebSocket traffic.
//
// Frames are masked with the all-zero key: masking exists so that scripts in browsers cannot
// craft bytes that confuse proxies; a load generator gains nothing from it, servers unmask any
// key alike (the work is the same for every key), and it spares the client an XOR pass.
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const HEADER_END = Buffer.from('\r\n\r\n');
const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/**
 * One read buffer for every connection of the process. Node hands each read to `onread`
 * synchronously, so a shared buffer is safe as long as nothing keeps a view of it past the call
 * (partial frames are copied out); it spares an allocation and a stream event per read, which
 * at one frame per read is most of the client's cost.
 */
const READ_BUFFER = Buffer.alloc(256 * 1024);

/**
 * @typedef {object} LeanHandlers
 * @property {() => void} [onOpen] the upgrade succeeded
 * @property {(buf: Buffer, start: number, end: number) => void} onText a text frame's payload is
 *   `buf[start, end)`; the buffer is reused afterwards, so copy what must outlive the call
 * @property {(code: number, error?: Error) => void} [onClose] the connection is gone (1006 when
 *   it ended without a close frame)
 */

/** A WebSocket connection with the least per-frame work the protocol allows. */
export class LeanWebSocket {
  /** @type {'connecting' | 'open' | 'closing' | 'closed'} */
  state = 'connecting';
  /** @type {import('node:net').Socket} */
  #socket;
  #handlers;
  /** Bytes of an unfinished handshake response or frame, kept until the rest arrives. */
  /** @type {Buffer | null} */
  #pending = null;
  /** Payloads of a fragmented text message (servers rarely fragment; handled for correctness). */
  /** @type {Buffer[] | null} */
  #fragments = null;
  #key = randomBytes(16).toString('base64');
  #closeCode = 1006;

  /**
   * Connect to a `ws://` URL.
   * @param {string} url
   * @param {LeanHandlers} handlers
   */
  constructor(url, handlers) {
    const target = new URL(url);
    this.#handlers = handlers;
    const port = Number(target.port || 80);
    this.#socket = connect({
      host: target.hostname,
      port,
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (size) => {
          const chunk = READ_BUFFER.subarray(0, size);
          if (this.state === 'connecting') this.#onHandshakeData(chunk);
          else this.#onFrameData(chunk);
          return true;
        },
      },
    });
    this.#socket.on('connect', () => {
      this.#socket.write(
        `GET ${target.pathname}${target.search} HTTP/1.1\r\n` +
          `Host: ${target.host}\r\n` +
          'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Key: ${this.#key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    this.#socket.on('error', (error) => this.#finish(error));
    this.#socket.on('close', () => this.#finish());
  }

  /**
   * Send a text frame. Returns false when the socket is not open (the frame is dropped).
   * @param {string} text
   */
  send(text) {
    if (this.state !== 'open') return false;
    const length = Buffer.byteLength(text);
    const frame = this.#frame(OP_TEXT, length);
    frame.write(text, frame.length - length);
    this.#socket.write(frame);
    return true;
  }

  /** Start the closing handshake (code 1000); the server answers and ends the TCP connection. */
  close() {
    if (this.state !== 'open') {
      if (this.state === 'connecting') this.destroy();
      return;
    }
    this.state = 'closing';
    const frame = this.#frame(OP_CLOSE, 2);
    frame.writeUInt16BE(1000, frame.length - 2);
    this.#socket.end(frame);
  }

  /** Drop the connection at once, without a closing handshake. */
  destroy() {
    this.#socket.destroy();
  }

  /** Bytes queued in user space because the kernel's send buffer is full. */
  get bufferedAmount() {
    return this.#socket.writableLength;
  }

  /**
   * A client frame with its header and zero mask written, payload bytes left to fill.
   * @param {number} opcode
   * @param {number} length payload length
   */
  #frame(opcode, length) {
    const lengthBytes = length < 126 ? 0 : length < 65536 ? 2 : 8;
    const header = 2 + lengthBytes + 4;
    const frame = Buffer.allocUnsafe(header + length);
    frame[0] = 0x80 | opcode;
    if (lengthBytes === 0) frame[1] = 0x80 | length;
    else if (lengthBytes === 2) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    frame.writeUInt32BE(0, header - 4);
    return frame;
  }

  /**
   * Send a control frame (pong, close reply) with a payload.
   * @param {number} opcode
   * @param {Buffer} payload
   */
  #control(opcode, payload) {
    const frame = this.#frame(opcode, payload.length);
    payload.copy(frame, frame.length - payload.length);
    this.#socket.write(frame);
  }

  /** @param {Buffer} chunk */
  #onHandshakeData(chunk) {
    const data = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    const end = data.indexOf(HEADER_END);
    if (end < 0) {
      this.#pending = Buffer.from(data);
      return;
    }
    this.#pending = null;
    const head = data.toString('latin1', 0, end);
    const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
    const accept = /\r\nsec-websocket-accept:\s*(\S+)/i.exec(head)?.[1];
    const expected = createHash('sha1')
      .update(this.#key + GUID)
      .digest('base64');
    if (status !== '101' || accept !== expected) {
      this.#finish(new Error(`upgrade refused: ${head.split('\r\n')[0] ?? 'no status line'}`));
      this.#socket.destroy();
      return;
    }
    this.state = 'open';
    this.#handlers.onOpen?.();
    if (data.length > end + 4) this.#onFrameData(data.subarray(end + 4));
  }

  /** @param {Buffer} chunk */
  #onFrameData(chunk) {
    const buf = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = null;
    let offset = 0;
    while (buf.length - offset >= 2 && this.state !== 'closed') {
      const b0 = /** @type {number} */ (buf[offset]);
      const b1 = /** @type {number} */ (buf[offset + 1]);
      let length = b1 & 0x7f;
      let header = 2;
      if (length === 126) {
        if (buf.length - offset < 4) break;
        length = buf.readUInt16BE(offset + 2);
        header = 4;
      } else if (length === 127) {
        if (buf.length - offset < 10) break;
        length = Number(buf.readBigUInt64BE(offset + 2));
        header = 10;
      }
      if (b1 & 0x80) {
        this.#finish(new Error('the server sent a masked frame'));
        this.#socket.destroy();
        return;
      }
      const start = offset + header;
      const end = start + length;
      if (end > buf.length) break;
      this.#onFrame(b0 & 0x0f, (b0 & 0x80) !== 0, buf, start, end);
      offset = end;
    }
    // A copy: `buf` may be the shared read buffer, overwritten by the next read.
    if (offset < buf.length) this.#pending = Buffer.from(buf.subarray(offset));
  }

  /**
   * @param {number} opcode
   * @param {boolean} fin
   * @param {Buffer} buf
   * @param {number} start
   * @param {number} end
   */
  #onFrame(opcode, fin, buf, start, end) {
    if (opcode === OP_TEXT && fin) {
      this.#handlers.onText(buf, start, end);
    } else if (opcode === OP_TEXT || opcode === OP_CONTINUATION) {
      if (opcode === OP_TEXT) this.#fragments = [];
      this.#fragments?.push(Buffer.from(buf.subarray(start, end)));
      if (fin && this.#fragments) {
        const whole = Buffer.concat(this.#fragments);
        this.#fragments = null;
        this.#handlers.onText(whole, 0, whole.length);
      }
    } else if (opcode === OP_PING) {
      // Heartbeats: a server that pings terminates clients that do not answer.
      this.#control(OP_PONG, buf.subarray(start, end));
    } else if (opcode === OP_CLOSE) {
      this.#closeCode = end - start >= 2 ? buf.readUInt16BE(start) : 1005;
      if (this.state === 'open') {
        this.state = 'closing';
        this.#control(OP_CLOSE, buf.subarray(start, Math.min(end, start + 2)));
        this.#socket.end();
      }
    }
    // Binary frames and pongs are not part of the signaling protocol: ignored.
  }

  /** @param {Error} [error] */
  #finish(error) {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.#handlers.onClose?.(this.#closeCode, error);
  }
}
