/** The words of link quality (kept apart from the judging code, which loads with a call). */

/** How a link is doing, in three words a tile can show. */
export enum QualityLevel {
  Good = 'good',
  Fair = 'fair',
  Poor = 'poor',
}

/** Why a link is not good (the tile's short explanation). */
export enum QualityReason {
  /** Nothing wrong. */
  None = 'none',
  /** The connection is being re-established. */
  Reconnecting = 'reconnecting',
  /** Their camera is on, but no picture arrives. */
  NoVideo = 'noVideo',
  /** Their picture arrives at a low frame rate. */
  LowFrameRate = 'lowFrameRate',
  /** Packets from or to them are lost. */
  Loss = 'loss',
  /** A long round trip: what is said arrives late. */
  Latency = 'latency',
  /** Voice arrives unevenly. */
  Jitter = 'jitter',
  /** They send no video to us: their link to us is too poor (they said so). */
  TheirVideoPaused = 'theirVideoPaused',
  /** We send no video to them: our link to them is too poor. */
  OurVideoPaused = 'ourVideoPaused',
  /** Our upload holds our video back (own tile, or toward this person). */
  UploadLimited = 'uploadLimited',
  /** Our device is too busy to encode at full quality (own tile). */
  DeviceBusy = 'deviceBusy',
}

/** A link's quality: its level and the main reason when it is not good. */
export interface LinkQuality {
  readonly level: QualityLevel;
  readonly reason: QualityReason;
}
