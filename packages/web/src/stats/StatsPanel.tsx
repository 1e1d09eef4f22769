import { CallEvent, type Call, type LinkSample, type Participant } from '@zvonok/sdk';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { tse } from './entryMessages';
import { SidePanel } from '../ui/SidePanel';
import { bitrate, num, percent, tst } from './messages';
import { Sparkline, type SparkSeries } from './Sparkline';
import './Stats.css';

/** Readings a chart spans: a minute at one reading every 2 s (the SDK keeps as many). */
const SLOTS = 30;

/** Props of {@link StatsPanel}. */
export interface StatsPanelProps {
  call: Call;
  participants: readonly Participant[];
  /** Scroll to this person's statistics when the panel opens (from their tile's menu). */
  focus?: string | null | undefined;
  onClose: () => void;
}

/**
 * The call statistics panel: for each person, what flows each way (bit rate, frame rate,
 * resolution, loss), the round trip, the codec and whether the connection is direct or goes
 * through a relay, with small charts of the last minute. Live: it redraws at each reading of
 * the call's statistics (`CallEvent.LinkStats`, every 2 s). Loaded only when first opened.
 */
export function StatsPanel({ call, participants, focus, onClose }: StatsPanelProps) {
  // Each reading redraws the panel. The readings live in the call and are read at render; their
  // count goes down as a prop, since components with unchanged props are not drawn again.
  const [readings, setReadings] = useState(0);
  useEffect(() => call.on(CallEvent.LinkStats, () => setReadings((n) => n + 1)), [call]);
  useEffect(() => {
    if (!focus) return;
    const heading = document.getElementById(`stats-peer-${focus}`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  }, [focus]);
  return (
    <SidePanel id="stats-panel" label={tse('stats')} title={tse('stats')} onClose={onClose}>
      <div class="stats">
        {participants.length === 0 ? (
          <p class="stats__note">{tst('statsEmpty')}</p>
        ) : (
          <>
            <p class="stats__note">{tst('lastMinute')}</p>
            {participants.map((p) => (
              <PeerStats
                key={p.id}
                id={p.id}
                name={p.name ?? t('guest')}
                call={call}
                readings={readings}
              />
            ))}
          </>
        )}
      </div>
    </SidePanel>
  );
}

interface PeerStatsProps {
  id: string;
  name: string;
  call: Call;
  /** How many readings the panel has seen (changes at each one). */
  readings: number;
}

function PeerStats({ id, name, call }: PeerStatsProps) {
  // A copy: the call adds to its own array in place.
  const history = [...call.linkHistory(id)];
  const last = history.at(-1);
  const headingId = `stats-peer-${id}`;
  return (
    <section class="stats__peer" aria-labelledby={headingId} data-peer-id={id}>
      <h3 class="stats__name" id={headingId} tabIndex={-1}>
        {name}
      </h3>
      {!last ? (
        <p class="stats__note">{tst('measuring')}</p>
      ) : (
        <>
          <dl class="stats__facts">
            <Fact metric="path" label={tst('path')}>
              {last.path === 'relay'
                ? tst('relay')
                : last.path === 'direct'
                  ? tst('direct')
                  : tst('unknown')}
            </Fact>
            <Fact metric="codec" label={tst('codec')}>
              {last.in.codec ?? last.out.codec ?? tst('unknown')}
            </Fact>
            <Fact metric="resolution-in" label={`${tst('resolution')} · ${tst('received')}`}>
              {size(last.in)}
            </Fact>
            <Fact metric="resolution-out" label={`${tst('resolution')} · ${tst('sent')}`}>
              {size(last.out)}
            </Fact>
          </dl>
          <Chart
            metric="bitrate"
            title={tst('bitrate')}
            history={history}
            pick={(s) => [s.in.kbps, s.out.kbps]}
            show={bitrate}
            minTop={50}
          />
          <Chart
            metric="fps"
            title={tst('frameRate')}
            history={history}
            pick={(s) => [s.in.fps, s.out.fps]}
            show={(v) => tst('fps', { value: num(v) })}
            minTop={5}
          />
          <Chart
            metric="rtt"
            title={tst('roundTrip')}
            history={history}
            pick={(s) => [s.rttMs]}
            show={(v) => tst('ms', { value: num(v) })}
            minTop={20}
          />
          <Chart
            metric="loss"
            title={tst('packetLoss')}
            history={history}
            pick={(s) => [s.in.loss, s.out.loss]}
            show={percent}
            minTop={0.02}
          />
        </>
      )}
    </section>
  );
}

function Fact({ metric, label, children }: { metric: string; label: string; children: string }) {
  return (
    <div class="stats__fact">
      <dt>{label}</dt>
      <dd data-metric={metric}>{children}</dd>
    </div>
  );
}

function size(flow: { width: number; height: number }): string {
  return flow.width > 0 && flow.height > 0 ? `${flow.width}×${flow.height}` : '—';
}

/** Props of {@link Chart}. */
interface ChartProps {
  /** For tests and tools: `data-metric` of the values (`<metric>-in`, `<metric>-out`). */
  metric: string;
  title: string;
  history: readonly LinkSample[];
  /** The received and (if two) sent values of a reading. */
  pick: (s: LinkSample) => readonly (number | undefined)[];
  show: (value: number) => string;
  minTop: number;
}

/** A metric's latest values in words and its last minute as a small chart. */
function Chart({ metric, title, history, pick, show, minTop }: ChartProps) {
  const columns = history.map(pick);
  const count = columns[0]?.length ?? 0;
  const kinds: SparkSeries['kind'][] = count === 2 ? ['received', 'sent'] : ['received'];
  const series: SparkSeries[] = kinds.map((kind, i) => ({
    kind,
    values: columns.map((c) => c[i]),
  }));
  const latest = kinds.map((kind, i) => {
    const value = columns.at(-1)?.[i];
    return { kind, value, text: value === undefined ? '—' : show(value) };
  });
  const words = latest.map((l) => (count === 2 ? `${tst(l.kind)} ${l.text}` : l.text)).join(', ');
  return (
    <div class="stats__chart">
      <div class="stats__chart-head">
        <span class="stats__chart-title">{title}</span>
        <span class="stats__values">
          {latest.map((l) => (
            <span
              key={l.kind}
              class={count === 2 ? `stats__value stats__value--${l.kind}` : 'stats__value'}
              data-metric={
                count === 2 ? `${metric}-${l.kind === 'received' ? 'in' : 'out'}` : metric
              }
              data-value={l.value === undefined ? undefined : String(l.value)}
              title={count === 2 ? tst(l.kind) : undefined}
            >
              {count === 2 && <span class="visually-hidden">{tst(l.kind)} </span>}
              {l.text}
            </span>
          ))}
        </span>
      </div>
      <Sparkline
        series={series}
        slots={SLOTS}
        minTop={minTop}
        label={tst('chart', { metric: title, values: words })}
      />
    </div>
  );
}
