/**
 * Noise suppression with RNNoise (WebAssembly) in an AudioWorklet. Only the microphone goes
 * through this graph: the browser's echo cancellation has already run on the device track
 * (getUserMedia `echoCancellation: true`), and the voices played out never enter it.
 *
 * This module is a lazy chunk: the worklet and the wasm are separate files of this origin,
 * fetched the first time someone turns noise suppression on (then cached by the service worker).
 */
import { RnnoiseWorkletNode, loadRnnoise } from '@sapphi-red/web-noise-suppressor';
import workletUrl from '@sapphi-red/web-noise-suppressor/rnnoiseWorklet.js?url';
import wasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise.wasm?url';
import simdWasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise_simd.wasm?url';
import type { TrackProcessor } from '@zvonok/sdk';

/** RNNoise works on 48 kHz audio in 10 ms frames. */
const SAMPLE_RATE = 48_000;

/** A microphone track in, the same voice without the steady noise out. */
export class RnnoiseProcessor implements TrackProcessor {
  readonly #context: AudioContext;
  readonly #wasm: ArrayBuffer;
  #source: MediaStreamAudioSourceNode | undefined;
  #node: RnnoiseWorkletNode | undefined;
  #destination: MediaStreamAudioDestinationNode | undefined;
  /**
   * Called when the worklet breaks (its wasm failed to start, or it threw while processing):
   * its output is then silence, so the caller must stop sending it.
   */
  onFailure: ((reason: string) => void) | undefined;

  private constructor(context: AudioContext, wasm: ArrayBuffer) {
    this.#context = context;
    this.#wasm = wasm;
  }

  /** Loads the worklet and the wasm (SIMD where the browser has it). */
  static async load(): Promise<RnnoiseProcessor> {
    const context = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' });
    try {
      const [wasm] = await Promise.all([
        loadRnnoise({ url: wasmUrl, simdUrl: simdWasmUrl }),
        context.audioWorklet.addModule(workletUrl),
      ]);
      return new RnnoiseProcessor(context, wasm);
    } catch (error) {
      void context.close();
      throw error;
    }
  }

  /** The audio context runs (browsers suspend one made without a click until there is one). */
  get running(): boolean {
    return this.#context.state === 'running';
  }

  /** Starts the audio context; call it from a click or key press. */
  resume(): Promise<void> {
    return this.#context.resume();
  }

  connect(input: MediaStreamTrack): MediaStreamTrack {
    this.#source?.disconnect();
    if (!this.#node || !this.#destination) {
      this.#node = new RnnoiseWorkletNode(this.#context, {
        wasmBinary: this.#wasm,
        maxChannels: 1,
      });
      this.#node.addEventListener('processorerror', () =>
        this.onFailure?.('the noise suppression worklet stopped'),
      );
      this.#destination = this.#context.createMediaStreamDestination();
      // The worklet writes the voice to its first output channel and may leave a second one
      // silent: a "speakers" down-mix would average them (-6 dB); take the first channel as is.
      this.#destination.channelCount = 1;
      this.#destination.channelInterpretation = 'discrete';
      this.#node.connect(this.#destination);
    }
    this.#source = this.#context.createMediaStreamSource(new MediaStream([input]));
    this.#source.connect(this.#node);
    const output = this.#destination.stream.getAudioTracks()[0];
    if (!output) throw new Error('no output track');
    return output;
  }

  disconnect(): void {
    this.#source?.disconnect();
    this.#source = undefined;
    if (this.#node) {
      this.#node.destroy();
      this.#node.disconnect();
      this.#node = undefined;
    }
    this.#destination?.stream.getTracks().forEach((t) => t.stop());
    this.#destination = undefined;
  }

  /** Lets go of the audio context; this processor cannot be used afterwards. */
  close(): Promise<void> {
    this.disconnect();
    return this.#context.close();
  }
}
