/**
 * End-to-end encryption of media frames for calls carried by an SFU: every sender encrypts each
 * encoded frame with its own key (AES-GCM) before it leaves the browser, so the SFU forwards what
 * it cannot read. Used from an encoded transform (RTCRtpScriptTransform, or Chromium's encoded
 * insertable streams). The first bytes of a frame stay in the clear, authenticated but not
 * encrypted, because the receiving depacketizer reads them (VP8's payload header: 10 bytes of a
 * key frame, 3 of a delta frame; Opus' TOC byte).
 *
 * Frame on the wire: clear header | ciphertext and 16-byte tag | 12-byte IV | 1-byte key id.
 * The key id lets a receiver hold the sender's previous key while a rotation takes effect.
 */

/** Bytes after the ciphertext: the IV and the key id. */
const TRAILER = 12 + 1;
const TAG = 16;

/** How many leading bytes of a frame stay in the clear. */
export function clearBytes(kind: 'audio' | 'video', keyFrame: boolean): number {
  if (kind === 'audio') return 1;
  return keyFrame ? 10 : 3;
}

/** A new random sender key (AES-GCM, 128 bits), exportable so it can be handed to the others. */
export function generateSenderKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt', 'decrypt']);
}

/** Imports a sender key received from its owner (16 raw bytes). */
export function importSenderKey(raw: BufferSource): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['decrypt']);
}

/** Encrypts one sender's frames with its current key. */
export class FrameEncryptor {
  /** Random per encryptor: two encryptors never share an IV even with the same key. */
  readonly #salt = crypto.getRandomValues(new Uint8Array(4));
  #counter = 0n;
  readonly #key: CryptoKey;

  /** @param keyId 0-255, carried in each frame so that receivers pick the right key. */
  constructor(
    key: CryptoKey,
    readonly keyId: number,
  ) {
    this.#key = key;
    if (!Number.isInteger(keyId) || keyId < 0 || keyId > 255) {
      throw new RangeError(`keyId must be 0-255, got ${keyId}`);
    }
  }

  /** The encrypted frame for `data` (an encoded frame's payload). */
  async encrypt(
    data: ArrayBuffer,
    kind: 'audio' | 'video',
    keyFrame: boolean,
  ): Promise<ArrayBuffer> {
    const bytes = new Uint8Array(data);
    const clear = Math.min(clearBytes(kind, keyFrame), bytes.length);
    const iv = new Uint8Array(12);
    iv.set(this.#salt, 0);
    new DataView(iv.buffer).setBigUint64(4, this.#counter++);
    const header = bytes.subarray(0, clear);
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: header },
        this.#key,
        bytes.subarray(clear),
      ),
    );
    const out = new Uint8Array(clear + sealed.length + TRAILER);
    out.set(header, 0);
    out.set(sealed, clear);
    out.set(iv, clear + sealed.length);
    out[out.length - 1] = this.keyId;
    return out.buffer;
  }
}

/** Decrypts the frames of one sender, with whichever of its keys a frame names. */
export class FrameDecryptor {
  readonly #keys = new Map<number, CryptoKey>();

  /** Adds (or replaces) the sender's key `keyId`. */
  setKey(keyId: number, key: CryptoKey): void {
    this.#keys.set(keyId, key);
  }

  /** Forgets a key the sender no longer uses (after a rotation). */
  dropKey(keyId: number): void {
    this.#keys.delete(keyId);
  }

  /**
   * The clear frame, or null when it cannot be read (no such key, tampered, not encrypted):
   * such a frame must be dropped, never passed to the decoder.
   */
  async decrypt(
    data: ArrayBuffer,
    kind: 'audio' | 'video',
    keyFrame: boolean,
  ): Promise<ArrayBuffer | null> {
    const bytes = new Uint8Array(data);
    const clear = clearBytes(kind, keyFrame);
    if (bytes.length < clear + TAG + TRAILER) return null;
    const key = this.#keys.get(bytes[bytes.length - 1]!);
    if (key === undefined) return null;
    const ivAt = bytes.length - TRAILER;
    const header = bytes.subarray(0, clear);
    try {
      const plain = new Uint8Array(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(ivAt, ivAt + 12), additionalData: header },
          key,
          bytes.subarray(clear, ivAt),
        ),
      );
      const out = new Uint8Array(clear + plain.length);
      out.set(header, 0);
      out.set(plain, clear);
      return out.buffer;
    } catch {
      return null;
    }
  }
}
