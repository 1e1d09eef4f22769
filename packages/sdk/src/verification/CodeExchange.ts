import { sha256, verificationCode } from './verificationCode.js';

/**
 * Which end commits first. Both ends pick the same way from what they see (the end whose own
 * fingerprint sorts first commits), so honest ends never both wait.
 */
export type ExchangeRole = 'committer' | 'responder';

/** Why an exchange gave up: the code is then never shown. */
export type ExchangeFailure = 'bad-message' | 'out-of-order' | 'commitment-mismatch' | 'no-crypto';

/** Options of `new CodeExchange(...)`. */
export interface CodeExchangeOptions {
  role: ExchangeRole;
  /** This end's and the other end's DTLS fingerprints (normalized). */
  fingerprints: readonly [string, string];
  /** Sends a text on the connection's data channel. */
  send: (text: string) => void;
  onCode: (code: string) => void;
  onFailure: (reason: ExchangeFailure, detail: string) => void;
}

/** Larger texts are not a message of this exchange. */
const MAX_MESSAGE_LENGTH = 256;
const HEX_256 = /^[0-9a-f]{64}$/;
const COMMIT_CONTEXT = 'zvonok verification commitment v1\n';

type Step = 'commit' | 'nonce' | 'reveal';

/** The two moves the exchange waits for, per role. */
type State =
  | 'idle'
  | 'awaiting-commit' // responder
  | 'awaiting-nonce' // committer, after sending its commitment
  | 'awaiting-reveal' // responder, after sending its nonce
  | 'done'
  | 'failed';

function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function hexDigest(text: string): Promise<string | undefined> {
  const digest = await sha256(text);
  return digest && [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The commit-then-reveal exchange of nonces behind a verification code, over the connection's
 * encrypted data channel:
 *
 * 1. the committer sends `commit`: SHA-256 of its random nonce;
 * 2. the responder, having the commitment, sends its own random `nonce`;
 * 3. the committer sends `reveal`: its nonce, which the responder checks against the commitment.
 *
 * Each end's code then hashes both fingerprints and both nonces. Someone in the middle has to fix
 * its value towards each end before it learns that end's nonce (a responder's nonce comes after
 * the commitment it answers; a committer's nonce is bound before the answer), so it cannot steer
 * either code. Every message is checked; anything else ends the exchange without a code.
 */
export class CodeExchange {
  readonly #o: CodeExchangeOptions;
  #state: State = 'idle';
  #ownNonce = '';
  #commitment = '';

  constructor(options: CodeExchangeOptions) {
    this.#o = options;
  }

  /** Starts: the committer sends its commitment, the responder waits for one. */
  async start(): Promise<void> {
    if (this.#state !== 'idle') return;
    this.#ownNonce = randomHex();
    if (this.#o.role === 'responder') {
      this.#state = 'awaiting-commit';
      return;
    }
    const commitment = await hexDigest(COMMIT_CONTEXT + this.#ownNonce);
    if (commitment === undefined) return this.#fail('no-crypto', 'no WebCrypto');
    this.#state = 'awaiting-nonce';
    this.#send('commit', commitment);
  }

  /** A text from the other end's data channel. */
  async receive(text: unknown): Promise<void> {
    if (this.#state === 'done' || this.#state === 'failed') return;
    const message = parse(text);
    if (!message) return this.#fail('bad-message', 'not a message of the exchange');
    const expected: Record<State, Step | undefined> = {
      idle: undefined,
      'awaiting-commit': 'commit',
      'awaiting-nonce': 'nonce',
      'awaiting-reveal': 'reveal',
      done: undefined,
      failed: undefined,
    };
    if (expected[this.#state] !== message.t) {
      return this.#fail('out-of-order', `"${message.t}" while ${this.#state}`);
    }
    switch (message.t) {
      case 'commit':
        this.#commitment = message.v;
        this.#state = 'awaiting-reveal';
        this.#send('nonce', this.#ownNonce);
        return;
      case 'nonce':
        this.#state = 'done';
        this.#send('reveal', this.#ownNonce);
        return this.#finish(this.#ownNonce, message.v);
      case 'reveal': {
        this.#state = 'done';
        const opened = await hexDigest(COMMIT_CONTEXT + message.v);
        if (opened !== this.#commitment) {
          return this.#fail('commitment-mismatch', 'the revealed nonce is not the committed one');
        }
        return this.#finish(message.v, this.#ownNonce);
      }
    }
  }

  #send(t: Step, v: string): void {
    this.#o.send(JSON.stringify({ t, v }));
  }

  async #finish(committerNonce: string, responderNonce: string): Promise<void> {
    const code = await verificationCode({
      fingerprints: this.#o.fingerprints,
      committerNonce,
      responderNonce,
    });
    if (code === undefined) return this.#fail('no-crypto', 'no WebCrypto');
    this.#o.onCode(code);
  }

  #fail(reason: ExchangeFailure, detail: string): void {
    this.#state = 'failed';
    this.#o.onFailure(reason, detail);
  }
}

function parse(text: unknown): { t: Step; v: string } | undefined {
  if (typeof text !== 'string' || text.length > MAX_MESSAGE_LENGTH) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { t, v } = data as { t?: unknown; v?: unknown };
  if (t !== 'commit' && t !== 'nonce' && t !== 'reveal') return undefined;
  if (typeof v !== 'string' || !HEX_256.test(v)) return undefined;
  return { t, v };
}
