import { isTurnRefusal } from './TurnCredentials.js';
import type { PeerConnectionConstructor } from '../types.js';

/** What one gathering run produced. */
export interface Gathering {
  /** A candidate of the wanted type came. */
  readonly found: boolean;
  /** Gathering ended by itself (every server answered or failed) before the deadline. */
  readonly complete: boolean;
  /** `icecandidateerror`s: `<code> <text> (<url>)`. */
  readonly errors: readonly string[];
  /** One of the errors was a TURN refusal (the server answered and said no). */
  readonly refused: boolean;
  readonly durationMs: number;
}

/**
 * Gathers ICE candidates on a throwaway connection (one data channel, never connected to
 * anyone) until one of type `wanted` comes, gathering completes, or `timeoutMs` passes.
 */
export async function gatherCandidates(
  PeerConnection: PeerConnectionConstructor,
  config: RTCConfiguration,
  timeoutMs: number,
  wanted: 'srflx' | 'relay',
): Promise<Gathering> {
  const started = Date.now();
  const errors: string[] = [];
  let refused = false;
  let found = false;
  let complete = false;
  let pc: RTCPeerConnection | undefined;
  try {
    pc = new PeerConnection(config);
    const connection = pc;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      connection.addEventListener('icecandidate', (e) => {
        if (e.candidate === null) {
          complete = true;
          done();
        } else if (new RegExp(` typ ${wanted}( |$)`).test(e.candidate.candidate)) {
          found = true;
          done();
        }
      });
      connection.addEventListener('icegatheringstatechange', () => {
        if (connection.iceGatheringState === 'complete') {
          complete = true;
          done();
        }
      });
      connection.addEventListener('icecandidateerror', (e) => {
        if (isTurnRefusal(e.errorCode) && wanted === 'relay') refused = true;
        errors.push(`${e.errorCode} ${e.errorText} (${e.url})`);
      });
      connection.createDataChannel('connectivity-check');
      connection
        .createOffer()
        .then((offer) => connection.setLocalDescription(offer))
        .catch((err: unknown) => {
          errors.push(`offer failed: ${String(err)}`);
          done();
        });
    });
  } catch (err) {
    errors.push(`no peer connection: ${String(err)}`);
  } finally {
    pc?.close();
  }
  return { found, complete, errors, refused, durationMs: Date.now() - started };
}
