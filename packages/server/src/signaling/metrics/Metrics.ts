import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Live figures the metrics read at scrape time. */
export interface MetricsSource {
  readonly connectionCount: number;
  readonly roomCount: number;
  readonly peerCount: number;
}

/**
 * Prometheus metrics of the signaling server, in a registry of its own (several servers in one
 * process, as in tests, do not collide). Hot paths bump plain numbers; prom-client objects are
 * filled from them at scrape time, so counting a message costs one property increment.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly messages: Record<string, number> = Object.create(null) as Record<string, number>;
  private readonly errors: Record<string, number> = Object.create(null) as Record<string, number>;
  private readonly refused: Record<string, number> = Object.create(null) as Record<string, number>;
  private readonly totals = { connections: 0, deliveries: 0 };
  private readonly relayLatency: Histogram;

  constructor(source: MetricsSource) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'zvonok_' });
    const counts = (name: string, help: string, label: string, data: Record<string, number>) =>
      new Counter({
        name,
        help,
        labelNames: [label],
        registers,
        collect() {
          this.reset();
          for (const key in data) this.inc({ [label]: key }, data[key]);
        },
      });
    counts('zvonok_messages_total', 'Client messages accepted, by type.', 'type', this.messages);
    counts('zvonok_errors_total', 'Error messages sent to clients, by code.', 'code', this.errors);
    counts(
      'zvonok_upgrades_refused_total',
      'WebSocket upgrades refused, by reason.',
      'reason',
      this.refused,
    );
    const totals = this.totals;
    new Counter({
      name: 'zvonok_connections_total',
      help: 'WebSocket connections accepted since start.',
      registers,
      collect() {
        this.reset();
        this.inc(totals.connections);
      },
    });
    new Counter({
      name: 'zvonok_deliveries_total',
      help: 'Frames handed to sockets for delivery (relays and broadcasts).',
      registers,
      collect() {
        this.reset();
        this.inc(totals.deliveries);
      },
    });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge('zvonok_connections', 'Open WebSocket connections.', () => source.connectionCount);
    gauge('zvonok_rooms', 'Rooms with at least one member.', () => source.roomCount);
    gauge(
      'zvonok_peers',
      'Room members, including those awaiting a resume.',
      () => source.peerCount,
    );
    this.relayLatency = new Histogram({
      name: 'zvonok_relay_latency_seconds',
      help: 'Time from receiving an offer/answer/candidate to handing it to the recipient socket.',
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers,
    });
  }

  /**
   * Adds the figures of the Redis backplane: `zvonok_backplane_up` (1 while Redis answers),
   * failed commands, resyncs after outages, outages, and members reaped from dead instances.
   */
  addBackplane(plane: {
    readonly healthy: boolean;
    readonly counters: Readonly<Record<'errors' | 'resyncs' | 'reaped' | 'outages', number>>;
  }): void {
    const registers = [this.registry];
    new Gauge({
      name: 'zvonok_backplane_up',
      help: '1 while the Redis backplane answers, 0 while it does not (see /healthz).',
      registers,
      collect() {
        this.set(plane.healthy ? 1 : 0);
      },
    });
    const counter = (name: string, help: string, key: keyof typeof plane.counters) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(plane.counters[key]);
        },
      });
    counter(
      'zvonok_backplane_errors_total',
      'Redis commands of the backplane that failed.',
      'errors',
    );
    counter(
      'zvonok_backplane_outages_total',
      'Times the Redis backplane became unavailable.',
      'outages',
    );
    counter(
      'zvonok_backplane_resyncs_total',
      'Resyncs of the shared rooms after Redis (or the subscription) came back.',
      'resyncs',
    );
    counter(
      'zvonok_backplane_reaped_total',
      'Members of instances that stopped heartbeating, removed from their rooms.',
      'reaped',
    );
  }

  /** A client message of `type` was accepted. */
  message(type: string): void {
    this.messages[type] = (this.messages[type] ?? 0) + 1;
  }

  /** An error with `code` was sent. */
  error(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }

  /** An upgrade was refused for `reason`. */
  refusedUpgrade(reason: string): void {
    this.refused[reason] = (this.refused[reason] ?? 0) + 1;
  }

  connectionOpened(): void {
    this.totals.connections++;
  }

  delivered(count: number): void {
    this.totals.deliveries += count;
  }

  /** A relay took `ms` milliseconds inside the server. */
  relayed(ms: number): void {
    this.relayLatency.observe(ms / 1000);
  }
}
