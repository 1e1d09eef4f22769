/** One person's media (or one shared screen) to put in the recording. */
export interface RecordingSource {
  /** Stable id: a peer id, or e.g. `<peerId>:screen` for a screen. */
  id: string;
  /** Name written on the tile. */
  name: string;
  /** Camera and/or microphone (or screen) tracks; tracks may come and go inside it. */
  stream: MediaStream;
  /** A shared screen: drawn large, whole (letterboxed), never cropped. */
  isScreen?: boolean;
  /** This person is the one recording (their own mic is mixed in like everyone else's). */
  isLocal?: boolean;
  /**
   * `false` draws the name badge instead of the video, e.g. when the person turned the camera
   * off and the last frame would otherwise freeze. Default: show video whenever a frame exists.
   */
  videoEnabled?: boolean;
}

/** What `start()` needs to name and store the recording. */
export interface RecordingMeta {
  /** Room name, used in the file name. */
  room: string;
}

/** A finished (or recovered) recording, ready for download. */
export interface RecordingResult {
  /** The WebM file, with its duration written in the header. */
  blob: Blob;
  /** Length of the recording, ms. */
  durationMs: number;
  /** Suggested download name, `zvonok-<room>-<YYYY-MM-DD-HHmm>.webm`. */
  fileName: string;
  /** The MediaRecorder type, e.g. `video/webm;codecs=vp9,opus`. */
  mimeType: string;
  /**
   * The duration is written in the header, so players can seek. `false` only when the header
   * could not be patched: the file still plays, without a length.
   */
  seekable: boolean;
}

/** What the store keeps about one recording besides its chunks. */
export interface StoredRecording {
  /** Unique id of the recording. */
  id: string;
  room: string;
  fileName: string;
  mimeType: string;
  /** Wall-clock start, ms since the epoch. */
  startedAt: number;
  /** Recorded time covered by the chunks stored so far, ms. */
  durationMs: number;
  /** Bytes stored so far. */
  bytes: number;
  /** Chunks stored so far. */
  chunks: number;
}
