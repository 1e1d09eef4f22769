import type { Socket } from 'node:net';

/**
 * Coalesces writes per socket within one turn of the event loop. The first frame for a socket
 * corks it; the batch is flushed right after the current I/O phase (setImmediate), so all frames
 * a busy turn produced for one recipient leave in a single writev system call. Under load (many
 * chat messages arriving together) this divides the cost of a broadcast, which is dominated by
 * the write system call per recipient; when idle it adds nothing but one cork/uncork pair.
 */
export class WriteBatcher {
  private pending: Socket[] = [];
  private scheduled = false;
  private readonly flush = (): void => {
    const sockets = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (const socket of sockets) socket.uncork();
  };

  /** Writes `frame` to `socket`, as part of this turn's batch. */
  write(socket: Socket, frame: Buffer): void {
    if (socket.writableCorked === 0) {
      socket.cork();
      this.pending.push(socket);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    }
    socket.write(frame);
  }
}
