import {
  QualityFilter,
  peerQuality,
  uplinkQuality,
  type LinkQuality,
} from '../quality/linkQuality.js';
import type { Logger } from '../utils/logger.js';
import { SerialQueue } from '../utils/SerialQueue.js';
import { applySend } from './applySend.js';
import { HintChannel } from './HintChannel.js';
import { readLinkStats, type LinkCounters, type LinkSample } from './linkStats.js';
import type { Mesh } from './Mesh.js';
import type { PeerSession } from './PeerSession.js';
import { decideSend, fitUplink, sameSend, type SendDecision, type ViewHint } from './SendPolicy.js';
import { VideoRetry } from './VideoRetry.js';

/** How often every connection's statistics are read, ms. */
export const LINK_SAMPLE_MS = 2_000;
/** Readings kept per connection for charts: the last minute. */
export const LINK_HISTORY_SAMPLES = 30;
/** Once the encoder said it is held back by CPU, the policy stays gentle this long, ms. */
const CPU_MEMORY_MS = 20_000;

/** What the monitor needs to know about the call. */
export interface LinkMonitorOptions {
  mesh: Mesh;
  logger: Logger;
  /** Put the policy's limits on the senders (false: only measure, e.g. to compare in a bench). */
  adaptive: boolean;
  /** The own tracks being sent now. */
  tracks: () => {
    camera: MediaStreamTrack | null;
    mic: MediaStreamTrack | null;
    screen: MediaStreamTrack | null;
  };
  /** A participant's state as the room announced it. */
  peer: (id: string) => { connected: boolean; camera: boolean; screen: boolean } | undefined;
  /** Own id (the own tile's quality is reported under it). */
  localId: () => string | undefined;
  onQuality: (id: string, quality: LinkQuality) => void;
  onStats: (stats: ReadonlyMap<string, LinkSample>) => void;
  intervalMs?: number;
  now?: () => number;
}

interface PeerLink {
  session: PeerSession;
  channel: HintChannel;
  counters?: LinkCounters;
  sample?: LinkSample;
  loss: number;
  /** What the policy wants for this link alone (kept for its hysteresis). */
  decision?: SendDecision;
  /** When video paused for this link tries again. */
  retry: VideoRetry;
  /** What we send: the decision once the whole uplink is fitted (see fitUplink). */
  sent?: SendDecision;
  applied?: SendDecision;
  /** How the peer shows our camera. */
  view?: ViewHint;
  /** The peer paused its video to us because of the link. */
  theirVideoPaused: boolean;
  filter: QualityFilter;
}

/**
 * Watches every connection of the mesh every 2 s: reads its statistics ({@link readLinkStats}),
 * decides how much the camera may send to that peer ({@link decideSend}) and applies it
 * ({@link applySend}), judges the link's quality for its tile ({@link peerQuality}) and the own
 * uplink for the own tile, and carries the hints each side gives the other over a small data
 * channel ({@link HintChannel}). Recomputed as people come and go, as links change and as the
 * receivers' tiles change.
 */
export class LinkMonitor {
  readonly #o: LinkMonitorOptions;
  readonly #now: () => number;
  readonly #links = new Map<string, PeerLink>();
  readonly #qualities = new Map<string, LinkQuality>();
  readonly #ownFilter = new QualityFilter();
  #timer: ReturnType<typeof setInterval> | undefined;
  #reading = false;
  /** Stopped: a reading still under way when it stopped reports nothing. */
  #stopped = false;
  readonly #offSessionAdded: () => void;
  #cpuUntil = -Infinity;
  #stats: ReadonlyMap<string, LinkSample> = new Map();
  /** Decisions are applied one round at a time (setParameters calls must not overlap). */
  readonly #applying = new SerialQueue();
  /** The last {@link LINK_HISTORY_SAMPLES} readings of each connection, oldest first. */
  readonly #history = new Map<string, LinkSample[]>();

  constructor(options: LinkMonitorOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => performance.now());
    this.#offSessionAdded = options.mesh.on('sessionAdded', (id, session, initiator) =>
      this.#add(id, session, initiator),
    );
  }

  get #intervalMs(): number {
    return this.#o.intervalMs ?? LINK_SAMPLE_MS;
  }

  /** The last quality reported for a peer (or, under the own id, for the own uplink). */
  quality(id: string): LinkQuality | undefined {
    return this.#qualities.get(id);
  }

  /** The last samples, by peer id. */
  get stats(): ReadonlyMap<string, LinkSample> {
    return this.#stats;
  }

  /** The readings of the last minute with a peer, oldest first (empty for an unknown id). */
  history(id: string): readonly LinkSample[] {
    return this.#history.get(id) ?? [];
  }

  /** What we send a peer now (undefined before the first reading). */
  decision(id: string): SendDecision | undefined {
    return this.#links.get(id)?.sent;
  }

  /** Tell a peer how its camera is shown here (the app calls this as tiles change). */
  setView(id: string, hint: ViewHint): void {
    this.#links.get(id)?.channel.sendView(hint);
  }

  start(): void {
    if (this.#stopped) return;
    this.#timer ??= setInterval(() => void this.#tick(), this.#intervalMs);
  }

  /** Stops for good: no more readings, reports or hints; the mesh is no longer listened to. */
  stop(): void {
    this.#stopped = true;
    this.#offSessionAdded();
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    for (const link of this.#links.values()) link.channel.close();
    this.#links.clear();
    this.#history.clear();
  }

  #add(id: string, session: PeerSession, initiator: boolean): void {
    this.#links.get(id)?.channel.close();
    const link: PeerLink = {
      session,
      loss: 0,
      retry: new VideoRetry(),
      theirVideoPaused: false,
      filter: new QualityFilter(),
      channel: new HintChannel({
        pc: session.pc,
        open: initiator,
        logger: this.#o.logger,
        onView: (hint) => {
          link.view = hint;
          void this.#adapt();
        },
        onVideo: (sending) => {
          link.theirVideoPaused = !sending;
          this.#judge(id, link);
        },
      }),
    };
    this.#links.set(id, link);
  }

  async #tick(): Promise<void> {
    if (this.#reading) return;
    this.#reading = true;
    try {
      await this.#read();
    } catch (err) {
      // A reading that failed is skipped: the next one comes in 2 s.
      this.#o.logger.warn('reading the link statistics failed', err);
    } finally {
      this.#reading = false;
    }
  }

  async #read(): Promise<void> {
    const mesh = this.#o.mesh;
    for (const [id, link] of this.#links) {
      if (mesh.get(id) !== link.session) {
        link.channel.close();
        this.#links.delete(id);
        this.#qualities.delete(id);
        this.#history.delete(id);
      }
    }
    const stats = new Map<string, LinkSample>();
    for (const [id, link] of this.#links) {
      // Two readings close together (a tick delayed behind a busy page, then the next one on
      // time) give rates over a few packets: keep the last reading for this round instead.
      if (link.counters && link.sample && this.#now() - link.counters.at < this.#intervalMs / 2) {
        stats.set(id, link.sample);
        continue;
      }
      let report: RTCStatsReport;
      try {
        report = await link.session.pc.getStats();
      } catch {
        continue; // closed meanwhile
      }
      if (this.#stopped) return; // left the call (or the mesh) while the statistics came
      const now = this.#now();
      const read = readLinkStats(report, now, link.counters);
      link.counters = read.counters;
      link.sample = read.sample;
      link.loss = link.loss * 0.5 + read.sample.out.loss * 0.5;
      if (read.cpuShare > 0.3) this.#cpuUntil = now + CPU_MEMORY_MS;
      stats.set(id, read.sample);
      const history = this.#history.get(id) ?? [];
      history.push(read.sample);
      if (history.length > LINK_HISTORY_SAMPLES) history.shift();
      this.#history.set(id, history);
    }
    this.#stats = stats;
    await this.#adapt();
    if (this.#stopped) return;
    for (const [id, link] of this.#links) this.#judge(id, link);
    this.#judgeOwn();
    this.#o.onStats(stats);
  }

  /** Decides every link anew and applies what changed (after the round before, if running). */
  #adapt(): Promise<void> {
    // The queue goes on after a failed round; the failure is a bug to see, not to hide.
    return this.#applying
      .run(() => this.#applyAll())
      .catch((err: unknown) => {
        this.#o.logger.warn('deciding what to send failed', err);
      });
  }

  async #applyAll(): Promise<void> {
    if (this.#stopped) return;
    const tracks = this.#o.tracks();
    const settings = tracks.camera?.getSettings();
    const sourceHeight = settings?.height ?? 720;
    const screenShared = [...this.#links.keys()].some((p) => this.#o.peer(p)?.screen === true);
    const cpuLimited = this.#now() < this.#cpuUntil;
    const links = [...this.#links.entries()];
    const now = this.#now();
    for (const [, link] of links) {
      const s = link.sample;
      const retry = link.retry.state(now);
      link.decision = decideSend({
        peers: links.length,
        link: {
          availableKbps: s?.availableOutgoingKbps,
          loss: link.loss,
          rttMs: s?.rttMs,
          cpuLimited,
        },
        source: { height: sourceHeight, frameRate: settings?.frameRate ?? 30 },
        screen: tracks.screen ? 'own' : screenShared ? 'other' : 'none',
        hint: link.view,
        previous: link.decision,
        retryVideo: retry.retry,
        estimateRamping: retry.ramping,
      });
      link.retry.decided(link.decision.video, retry.retry, now);
    }
    const fitted = fitUplink(
      links.map(([, l]) => l.decision!),
      sourceHeight,
    );
    for (const [i, [id, link]] of links.entries()) {
      if (this.#stopped) return; // the connections closed while an earlier one was applied
      const decision = fitted[i]!;
      link.sent = decision;
      if (!this.#o.adaptive) continue;
      // Tell the peer about a pause before it wonders why the picture stopped.
      if (tracks.camera) link.channel.sendVideo(decision.video);
      if (sameSend(link.applied, decision)) continue;
      try {
        // Not yet on a sender (the connection is being set up): tried again next round.
        if (await applySend(link.session.pc, tracks, decision)) link.applied = decision;
      } catch (err) {
        this.#o.logger.debug(`setParameters for ${id} failed`, err);
      }
    }
  }

  #judge(id: string, link: PeerLink): void {
    const peer = this.#o.peer(id);
    const quality = link.filter.push(
      peerQuality({
        sample: link.sample,
        connected: peer?.connected ?? false,
        expectVideo: peer?.camera ?? false,
        theirVideoPaused: link.theirVideoPaused,
        ours: this.#o.adaptive && this.#o.tracks().camera ? link.sent : undefined,
      }),
    );
    this.#report(id, quality);
  }

  #judgeOwn(): void {
    const own = this.#o.localId();
    if (own === undefined) return;
    const decisions =
      this.#o.adaptive && this.#o.tracks().camera
        ? [...this.#links.values()].flatMap((l) => (l.sent ? [l.sent] : []))
        : [];
    const quality = this.#ownFilter.push(uplinkQuality(decisions, this.#now() < this.#cpuUntil));
    this.#report(own, quality);
  }

  #report(id: string, quality: LinkQuality): void {
    const old = this.#qualities.get(id);
    if (old?.level === quality.level && old.reason === quality.reason) return;
    this.#qualities.set(id, quality);
    this.#o.onQuality(id, quality);
  }
}
