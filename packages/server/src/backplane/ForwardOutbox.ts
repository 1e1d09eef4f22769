import { encodeBatch, encodeForward } from './envelope.js';

/**
 * Relay frames on their way to members held by other instances. Forwards of one event-loop turn
 * leave together: one message per instance, however many relays a busy turn produced for it (the
 * cost of a publish is mostly per message, not per byte).
 */
export class ForwardOutbox {
  /** Forwards waiting for the end of this event-loop turn, by instance. */
  private readonly pending = new Map<string, Buffer[]>();
  private scheduled = false;

  /** @param publish - sends one message to an instance's channel (fire and forget) */
  constructor(private readonly publish: (instance: string, message: Buffer) => void) {}

  /** Queues a relay frame for member `to` of `room` on `instance`. */
  add(instance: string, room: string, to: string, frame: Buffer): void {
    let batch = this.pending.get(instance);
    if (batch === undefined) this.pending.set(instance, (batch = []));
    batch.push(encodeForward(room, to, frame));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    for (const [instance, forwards] of this.pending) {
      this.publish(instance, forwards.length === 1 ? forwards[0]! : encodeBatch(forwards));
    }
    this.pending.clear();
  };
}
