/** Shapes of Janus' WebSocket API messages (only the fields the client reads). */

/** A session description as Janus passes it through (`jsep`). */
export interface Jsep {
  type: 'offer' | 'answer';
  sdp: string;
  /** Tells Janus the media is end-to-end encrypted, so it does not inspect payloads. */
  e2ee?: boolean;
}

/** An ICE candidate for `trickle`; `{ completed: true }` ends the trickle. */
export type TrickleCandidate =
  | { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null }
  | { completed: true };

/** Any message Janus sends. */
export interface JanusMessage {
  janus: string;
  transaction?: string;
  session_id?: number;
  /** The handle an event comes from. */
  sender?: number;
  data?: { id?: number } & Record<string, unknown>;
  error?: { code: number; reason: string };
  plugindata?: { plugin: string; data: Record<string, unknown> };
  jsep?: Jsep;
  /** `hangup` */
  reason?: string;
}

/** A plugin's answer to a message: its data and, for offers and answers, the jsep. */
export interface PluginReply {
  data: Record<string, unknown>;
  jsep?: Jsep;
}
