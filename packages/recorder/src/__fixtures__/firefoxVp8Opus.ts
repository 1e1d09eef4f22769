/**
 * The first 313 bytes of a real Firefox 153 ESR MediaRecorder file (`video/webm;codecs=vp8,opus`,
 * 1280x720): EBML header, a Segment of unknown size, an EMPTY SeekHead, an Info whose sizes are
 * written 8 bytes wide with `Duration` 0, and Tracks; the first Cluster starts right after.
 */
export const FIREFOX_VP8_OPUS_MIME = 'video/webm;codecs=vp8,opus';

const HEX =
  '1a45dfa3010000000000001f4286810142f7810142f2810442f381084282847765626d428781024285810218' +
  '53806701ffffffffffffff114d9b7401000000000000001549a96601000000000000492ad7b1830f42404489' +
  '8800000000000000004d809851546d7578696e674170704c69625765624d2d302e302e315741995154777269' +
  '74696e674170704c69625765624d2d302e302e311654ae6b0100000000000095ae010000000000002cd78101' +
  '73c584561e1f39258688835650388381018685565f565038e00100000000000008b0820500ba8202d0ae0100' +
  '000000000057d7810273c584f8bbcef483810256aa8400632ea056bb8404c4b4008686415f4f50555363a293' +
  '4f707573486561640102380144ac0000000000258688844f505553e1010000000000000db58840e588800000' +
  '00009f8102';

/** A fresh copy of the Firefox file's header (up to the first Cluster). */
export function firefoxVp8OpusHead(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(HEX.match(/../g)!.map((h) => parseInt(h, 16)));
}
