import type { Socket } from 'node:net';

/** The batcher's turn in which a socket was last written to (a property on the socket). */
const LAST_TURN = Symbol('zvonok.lastWriteTurn');

type MarkedSocket = Socket & { [LAST_TURN]?: number };

/**
 * Coalesces writes per socket within one turn of the event loop. The first frame for a socket in
 * a turn is written at once: a relayed offer or a lone chat message leaves without waiting for
 * the rest of the turn (under load a turn handles many sockets' messages, and holding every write
 * until its end added milliseconds to each one). A second frame for the same socket in the same
 * turn corks it, and the rest of the turn's frames for it leave in a single writev system call
 * right after the current I/O phase (setImmediate): under load (many chat messages arriving
 * together) this divides the cost of a broadcast, which is dominated by the write system call per
 * recipient. When idle it adds nothing but one setImmediate per busy turn.
 */
export class WriteBatcher {
  private pending: Socket[] = [];
  private scheduled = false;
  /** Counts turns (flushes), so that "first write of this turn" is one comparison. */
  private turn = 0;
  private readonly flush = (): void => {
    const sockets = this.pending;
    this.pending = [];
    this.scheduled = false;
    this.turn++;
    for (const socket of sockets) socket.uncork();
  };

  /** Writes `frame` to `socket`, as part of this turn's batch. */
  write(socket: Socket, frame: Buffer): void {
    const marked = socket as MarkedSocket;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
    if (marked[LAST_TURN] !== this.turn) {
      marked[LAST_TURN] = this.turn;
    } else if (socket.writableCorked === 0) {
      socket.cork();
      this.pending.push(socket);
    }
    socket.write(frame);
  }
}
