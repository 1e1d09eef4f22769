/**
 * @packageDocumentation
 * Zvonok browser call SDK: signaling, a mesh of peer connections, local media and chat. No UI.
 * Whole-call recording is a package of its own, `@zvonok/recorder`.
 * The public surface is what this file exports, documented in ../README.md and listed in
 * ../api.md (`npm run api:sdk` regenerates it; `npm test` fails when they disagree).
 *
 * `SignalClient` (the WebSocket to the server) is not exported: an app talks to the server only
 * through `Call`, so the wire protocol can change without breaking apps. Tests import it from its
 * module.
 */
export { Call } from './Call.js';
export { CallEvent, LocalMediaEvent } from './events.js';
export type {
  CallEventCallbacks,
  LocalMediaEventCallbacks,
  MediaKind,
  DeviceChoice,
} from './events.js';
export { CallState, PeerLinkState } from './types.js';
export type {
  Participant,
  ChatEntry,
  CallOptions,
  JoinOptions,
  CallTimings,
  WebSocketConstructor,
  PeerConnectionConstructor,
} from './types.js';
export { CallError, CallErrorCode } from './errors.js';
// The server's limits an app's UI needs (README "Limits"): apps never import the wire protocol.
export {
  MAX_CHAT_TEXT_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  REACTIONS,
  REACTION_RATE,
  ROOM_NAME_PATTERN,
} from './limits.js';
export type { Reaction } from './limits.js';
export { LocalMedia } from './media/LocalMedia.js';
export type { TrackProcessor } from './media/TrackProcessor.js';
export type {
  LocalMediaOptions,
  LocalMediaStartOptions,
  MediaDevicesLike,
} from './media/LocalMedia.js';
export { ScreenShareResult, canShareScreen } from './media/ScreenShare.js';
export type { DisplayMediaLike } from './media/ScreenShare.js';
export type { ReconnectPolicy, ReconnectContext } from './signaling/ReconnectPolicy.js';
export { DefaultReconnectPolicy } from './signaling/DefaultReconnectPolicy.js';
export type { BackoffOptions } from './signaling/DefaultReconnectPolicy.js';
export { createConsoleLogger, getLogger, setLogger, silentLogger } from './utils/logger.js';
// The event base of every SDK object; companion packages (`@zvonok/recorder`) build on it too.
export { TypedEmitter } from './utils/TypedEmitter.js';
export type { EventMap } from './utils/TypedEmitter.js';
export type { Logger, LogLevel } from './utils/logger.js';
export { DEFAULT_AUDIO_CONSTRAINTS, DEFAULT_VIDEO_CONSTRAINTS } from './defaults.js';
export type { LocalState } from './Call.js';

// Link quality, statistics and adaptive sending (see README "Adaptive sending").
export { QualityLevel, QualityReason } from './quality/qualityTypes.js';
export type { LinkQuality } from './quality/qualityTypes.js';
export type { LinkSample, FlowSample } from './mesh/linkStats.js';
// LimitReason is an enum: exported as a value so that an app can compare with its members.
export { LimitReason } from './mesh/SendPolicy.js';
export type { ViewHint, SendDecision } from './mesh/SendPolicy.js';

// Lobby connectivity check (signaling, STUN, TURN) and the verification code's derivation.
export { checkConnectivity, ConnectivityReason } from './connectivity/checkConnectivity.js';
export type {
  CheckResult,
  CheckStatus,
  ConnectivityCheckOptions,
  ConnectivityReport,
} from './connectivity/checkConnectivity.js';
export { verificationCode, formatCode, type CodeInput } from './verification/verificationCode.js';
export {
  sdpFingerprints,
  mediaSectionFingerprints,
  hasConsistentFingerprints,
} from './verification/sdpFingerprints.js';
