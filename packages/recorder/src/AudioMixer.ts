/**
 * Mixes every voice of the call into one audio track: one MediaStreamAudioSourceNode per audio
 * track, all into one MediaStreamAudioDestinationNode. Nothing is connected to the speakers, so
 * mixing the local microphone in causes no echo.
 *
 * Sources are per track, not per stream: a node made from a stream keeps the track the stream
 * had then, and our streams gain and lose tracks (camera on/off, device switch, late remote
 * tracks).
 *
 * HACK: Chromium delivers a remote WebRTC track's audio to WebAudio only while the stream also
 * plays in a media element (crbug.com/933677); {@link CompositeCanvas} plays every source in a
 * muted `<video>`, which covers that.
 */
export class AudioMixer {
  readonly #context: AudioContext;
  readonly #destination: MediaStreamAudioDestinationNode;
  /** Source nodes by track id. */
  readonly #inputs = new Map<string, MediaStreamAudioSourceNode>();

  constructor(context: AudioContext = new AudioContext()) {
    this.#context = context;
    this.#destination = context.createMediaStreamDestination();
  }

  /** The mixed audio. Silent (but present) while nobody has a microphone. */
  get track(): MediaStreamTrack {
    return this.#destination.stream.getAudioTracks()[0]!;
  }

  /** Ids of the tracks being mixed (for tests and diagnostics). */
  get trackIds(): string[] {
    return [...this.#inputs.keys()];
  }

  /**
   * Mixes exactly the live audio tracks of `streams`: adds new ones, drops those that ended or
   * whose stream is gone. Cheap when nothing changed, so it can run on every frame.
   */
  setStreams(streams: Iterable<MediaStream>): void {
    const wanted = new Map<string, MediaStreamTrack>();
    for (const stream of streams) {
      for (const track of stream.getAudioTracks()) {
        if (track.readyState === 'live') wanted.set(track.id, track);
      }
    }
    for (const [id, node] of this.#inputs) {
      if (!wanted.has(id)) {
        node.disconnect();
        this.#inputs.delete(id);
      }
    }
    for (const [id, track] of wanted) {
      if (this.#inputs.has(id)) continue;
      const node = this.#context.createMediaStreamSource(new MediaStream([track]));
      node.connect(this.#destination);
      this.#inputs.set(id, node);
    }
  }

  /**
   * Lets the context run: one made outside a click may start suspended under autoplay rules.
   * Resolves at once if it runs already.
   */
  async resume(): Promise<void> {
    if (this.#context.state === 'suspended') await this.#context.resume();
  }

  /** Disconnects everything and closes the context; the track ends. */
  async close(): Promise<void> {
    for (const node of this.#inputs.values()) node.disconnect();
    this.#inputs.clear();
    this.track.stop();
    if (this.#context.state !== 'closed') await this.#context.close();
  }
}
