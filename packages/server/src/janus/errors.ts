/**
 * Errors of the Janus client. Every failure carries a code so that callers decide by code, not by
 * message text: the media server is unreachable or died (`janus-down`), it did not answer in time
 * (`janus-timeout`), or it refused a request (`janus-refused`, with Janus' own numeric code).
 */

/** Why a Janus request failed. */
export type JanusErrorCode = 'janus-down' | 'janus-timeout' | 'janus-refused';

/** A Janus request failed; `janusCode` is Janus' or the plugin's error number when it refused. */
export class JanusError extends Error {
  readonly code: JanusErrorCode;
  readonly janusCode: number | null;
  constructor(code: JanusErrorCode, message: string, janusCode: number | null = null) {
    super(message);
    this.name = 'JanusError';
    this.code = code;
    this.janusCode = janusCode;
  }
}

/** VideoRoom error numbers the server reacts to (janus_videoroom.c). */
export const VIDEOROOM_ERROR = {
  noSuchRoom: 426,
  roomExists: 427,
  noSuchFeed: 428,
  unauthorized: 433,
} as const;
