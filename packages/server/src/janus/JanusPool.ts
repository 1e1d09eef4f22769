/**
 * The Janus instances of JANUS_URL: one connection to each, reopened by itself after an outage
 * (every second at first, backing off to five), and the choice of an instance for a new room
 * (the reachable one carrying the fewest rooms).
 */
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { JanusConfig } from '../config.js';
import { JanusConnection } from './JanusConnection.js';
import { JanusError } from './errors.js';

/** One Janus instance as the pool sees it. */
export interface JanusInstance {
  readonly url: string;
  /** The live connection, or null while the instance is out of reach. */
  readonly connection: JanusConnection | null;
  /** Rooms the server placed on it. */
  rooms: number;
}

/** Events of the pool. */
export interface JanusPoolEvents {
  /** The instance became unreachable: its sessions, rooms and handles are gone. */
  down: [url: string, reason: string];
  /** The instance is reachable (again). */
  up: [url: string];
}

interface Slot extends JanusInstance {
  connection: JanusConnection | null;
  retryMs: number;
  timer: NodeJS.Timeout | null;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 5000;

/** Connections to every configured Janus. Call {@link JanusPool.start} once. */
export class JanusPool extends EventEmitter<JanusPoolEvents> {
  private readonly slots: Slot[];
  private closed = false;

  constructor(
    private readonly config: Pick<JanusConfig, 'urls' | 'apiSecret'>,
    private readonly log: FastifyBaseLogger,
    private readonly pingIntervalMs = 2000,
  ) {
    super();
    this.slots = config.urls.map((url) => ({
      url,
      connection: null,
      rooms: 0,
      retryMs: FIRST_RETRY_MS,
      timer: null,
    }));
  }

  /** Opens every connection; resolves when each has either answered or failed once. */
  async start(): Promise<void> {
    await Promise.all(this.slots.map((slot) => this.connect(slot)));
  }

  /** The instances and their state (for health and metrics). */
  get instances(): readonly JanusInstance[] {
    return this.slots;
  }

  /**
   * The reachable instance with the fewest rooms, counted as carrying one more.
   * @throws JanusError `janus-down` when none is reachable.
   */
  place(): JanusInstance & { connection: JanusConnection } {
    let best: Slot | null = null;
    for (const slot of this.slots) {
      if (slot.connection === null || !slot.connection.up) continue;
      if (best === null || slot.rooms < best.rooms) best = slot;
    }
    if (best === null || best.connection === null) {
      throw new JanusError('janus-down', 'no Janus instance is reachable');
    }
    best.rooms++;
    return best as Slot & { connection: JanusConnection };
  }

  /** A room placed with {@link place} left its instance. */
  release(url: string): void {
    const slot = this.slots.find((s) => s.url === url);
    if (slot !== undefined && slot.rooms > 0) slot.rooms--;
  }

  /** Closes every connection and stops reconnecting. */
  close(): void {
    this.closed = true;
    for (const slot of this.slots) {
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.connection?.close();
      slot.connection = null;
    }
  }

  private async connect(slot: Slot): Promise<void> {
    slot.timer = null;
    if (this.closed) return;
    try {
      const connection = await JanusConnection.open(slot.url, {
        apiSecret: this.config.apiSecret,
        pingIntervalMs: this.pingIntervalMs,
      });
      if (this.closed) {
        connection.close();
        return;
      }
      slot.connection = connection;
      slot.retryMs = FIRST_RETRY_MS;
      slot.rooms = 0;
      connection.once('down', (reason) => {
        slot.connection = null;
        slot.rooms = 0;
        this.log.warn({ janus: slot.url, reason }, 'Janus is out of reach');
        this.emit('down', slot.url, reason);
        this.retry(slot);
      });
      this.log.info({ janus: slot.url }, 'Janus connected');
      this.emit('up', slot.url);
    } catch (err) {
      this.log.warn({ janus: slot.url, err: (err as Error).message }, 'cannot reach Janus');
      this.retry(slot);
    }
  }

  private retry(slot: Slot): void {
    if (this.closed || slot.timer !== null) return;
    slot.timer = setTimeout(() => void this.connect(slot), slot.retryMs);
    slot.timer.unref();
    slot.retryMs = Math.min(MAX_RETRY_MS, slot.retryMs * 2);
  }
}
