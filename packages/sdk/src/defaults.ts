/** Default settings of the SDK, in one place so they can be read and tuned. */

/**
 * Camera constraints: up to 1280x720 at 30 fps, preferring the most. No `min`, so that a modest
 * camera still works instead of failing with OverconstrainedError.
 */
export const DEFAULT_VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280, max: 1280 },
  height: { ideal: 720, max: 720 },
  frameRate: { ideal: 30, max: 30 },
};

/** Microphone constraints: the browser's voice processing on. */
export const DEFAULT_AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

/** `disconnected` ICE that lasts this long triggers an ICE restart. */
export const ICE_DISCONNECTED_RESTART_MS = 3_000;

/**
 * An ICE restart that has not reached `connected` after this long counts as failed and the next
 * one starts. Without it a restart made while the path was still down (e.g. the TURN server not
 * back yet, so no candidates) could wait forever: browsers do not always report `failed` again.
 */
export const ICE_RESTART_TIMEOUT_MS = 10_000;

/**
 * A `connected` connection on which nothing at all has arrived for this long (not even the STUN
 * checks a live path carries every few seconds) is shown as reconnecting. Longer than Chromium
 * takes to say `disconnected` itself (Firefox may take 30 s), and than the gap between two
 * consent checks (at most 6 s, RFC 7675) of a call without media.
 */
export const SILENCE_NOTICE_MS = 8_000;

/** How often a connected connection's statistics are read to notice such a silence. */
export const SILENCE_CHECK_INTERVAL_MS = 1_500;

/** ICE restarts in a row without reaching `connected` before a peer is reported unreachable. */
export const MAX_ICE_RESTARTS = 3;

/** A connected socket that brings no `joined` (nor error) within this time is retried. */
export const JOIN_TIMEOUT_MS = 10_000;

/** With nothing heard from the signaling server for this long, a `ping` asks for an answer. */
export const SIGNAL_PING_INTERVAL_MS = 10_000;

/**
 * Nothing at all heard this long after that `ping`: the connection is open but dead (a frozen
 * server, a socket left half-open by a Wi-Fi/cellular switch); it is dropped and resumed.
 */
export const SIGNAL_PING_TIMEOUT_MS = 8_000;

/** Connection attempts of the first `join` before it fails with ServerUnreachable. */
export const INITIAL_CONNECT_ATTEMPTS = 3;

/**
 * After a resumed join, a peer we still have a connection to but the server does not list gets
 * this long to come back before it is dropped (it may be resuming too, after a server restart).
 */
export const RESUME_GRACE_MS = 20_000;

/** Most relay messages held while signaling is down; older ones are dropped first. */
export const MAX_QUEUED_MESSAGES = 500;
