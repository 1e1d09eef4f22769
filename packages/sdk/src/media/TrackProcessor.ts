/**
 * An effect between a camera or microphone and what is sent: noise suppression, background blur.
 * Given to `LocalMedia.setProcessor`; the SDK knows nothing of how it works, only that it turns
 * one device track into one output track.
 *
 * Loading (wasm, models, worklets) happens before a processor is handed over, so `connect` is
 * synchronous: a device switch never leaves a moment with nothing, or the raw device, sent.
 */
export interface TrackProcessor {
  /**
   * Process `input` (replacing any previous input) and return the track to send. May return the
   * same output track for a new input. Never stops `input`. Throws when it cannot process it.
   */
  connect(input: MediaStreamTrack): MediaStreamTrack;
  /** Stop processing and stop the output track. `connect` may be called again afterwards. */
  disconnect(): void;
}
