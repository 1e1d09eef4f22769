import { describe, expect, it } from 'vitest';
import {
  FrameDecryptor,
  FrameEncryptor,
  clearBytes,
  generateSenderKey,
  importSenderKey,
} from './frameCrypto.js';

function frame(length: number, seed = 1): ArrayBuffer {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes.buffer;
}

async function pair(keyId = 0): Promise<{ enc: FrameEncryptor; dec: FrameDecryptor }> {
  const key = await generateSenderKey();
  const raw = await crypto.subtle.exportKey('raw', key);
  const dec = new FrameDecryptor();
  dec.setKey(keyId, await importSenderKey(raw));
  return { enc: new FrameEncryptor(key, keyId), dec };
}

describe('frame encryption', () => {
  it('round-trips video key and delta frames and audio frames', async () => {
    const { enc, dec } = await pair();
    for (const [kind, keyFrame] of [
      ['video', true],
      ['video', false],
      ['audio', false],
    ] as const) {
      const plain = frame(500);
      const sealed = await enc.encrypt(plain, kind, keyFrame);
      expect(new Uint8Array((await dec.decrypt(sealed, kind, keyFrame))!)).toEqual(
        new Uint8Array(plain),
      );
    }
  });

  it('leaves only the codec header in the clear', async () => {
    const { enc } = await pair();
    const plain = new Uint8Array(frame(200));
    const sealed = new Uint8Array(await enc.encrypt(plain.buffer, 'video', true));
    const clear = clearBytes('video', true);
    expect(clear).toBe(10);
    expect(sealed.subarray(0, clear)).toEqual(plain.subarray(0, clear));
    // The rest differs from the picture in (almost) every byte.
    const body = sealed.subarray(clear, plain.length);
    const same = body.filter((b, i) => b === plain[clear + i]).length;
    expect(same).toBeLessThan(10);
    expect(sealed.length).toBe(plain.length + 16 + 13);
  });

  it('never reuses an IV', async () => {
    const { enc } = await pair();
    const ivs = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const sealed = new Uint8Array(await enc.encrypt(frame(50), 'audio', false));
      ivs.add(sealed.subarray(sealed.length - 13, sealed.length - 1).join(','));
    }
    expect(ivs.size).toBe(200);
  });

  it('drops frames it cannot read: another key, a changed header, a clear frame', async () => {
    const { enc } = await pair();
    const { dec: stranger } = await pair();
    const sealed = await enc.encrypt(frame(300), 'video', false);
    expect(await stranger.decrypt(sealed, 'video', false)).toBeNull();

    const { enc: enc2, dec: dec2 } = await pair();
    const tampered = new Uint8Array(await enc2.encrypt(frame(300), 'video', false));
    tampered[0] = tampered[0]! ^ 1; // the header is authenticated
    expect(await dec2.decrypt(tampered.buffer, 'video', false)).toBeNull();
    expect(await dec2.decrypt(frame(300), 'video', false)).toBeNull();
    expect(await dec2.decrypt(frame(5), 'video', false)).toBeNull();
  });

  it('reads frames of the previous key during a rotation, and not after it is dropped', async () => {
    const oldKey = await generateSenderKey();
    const newKey = await generateSenderKey();
    const dec = new FrameDecryptor();
    dec.setKey(1, oldKey);
    dec.setKey(2, newKey);
    const late = await new FrameEncryptor(oldKey, 1).encrypt(frame(100), 'audio', false);
    const fresh = await new FrameEncryptor(newKey, 2).encrypt(frame(100), 'audio', false);
    expect(await dec.decrypt(late, 'audio', false)).not.toBeNull();
    expect(await dec.decrypt(fresh, 'audio', false)).not.toBeNull();
    dec.dropKey(1);
    expect(await dec.decrypt(late, 'audio', false)).toBeNull();
    expect(() => new FrameEncryptor(newKey, 256)).toThrow(RangeError);
  });
});
