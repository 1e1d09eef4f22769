/**
 * The camera's three simulcast layers for the SFU, highest first: the order Janus expects by
 * default (`rid_order` "hml"), so its substream 2 is `h`, 1 is `m`, 0 is `l`.
 */
export const SIMULCAST_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: 'h', active: true, maxBitrate: 900_000 },
  { rid: 'm', active: true, maxBitrate: 300_000, scaleResolutionDownBy: 2 },
  { rid: 'l', active: true, maxBitrate: 100_000, scaleResolutionDownBy: 4 },
];

/**
 * Whether to send the camera in simulcast layers: Chromium-based browsers. Firefox sends rid
 * layers in the opposite order and its layer switching through Janus is less proven, so it
 * sends one layer (Janus forwards that one to everyone).
 */
export function supportsSimulcast(): boolean {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  return /Chrom(e|ium)\//.test(ua) && !/Firefox\//.test(ua);
}
