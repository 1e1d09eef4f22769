/** One line of a {@link Sparkline}: its values, oldest first (undefined: no reading). */
export interface SparkSeries {
  /** `received` or `sent`: the CSS class that colours it, matching the legend. */
  kind: 'received' | 'sent';
  values: readonly (number | undefined)[];
}

/** Props of {@link Sparkline}. */
export interface SparklineProps {
  series: readonly SparkSeries[];
  /** How many readings the width stands for (the chart fills from the right as they come). */
  slots: number;
  /** What it shows, in words, with the latest values (the chart is an image to a screen reader). */
  label: string;
  /** The least top of the scale, so that a quiet line is not drawn as if it were large. */
  minTop?: number;
}

const WIDTH = 120;
const HEIGHT = 32;

/**
 * A small line chart in plain SVG: one or two series over the last readings, scaled to the
 * largest value shown. A few polylines re-drawn every 2 s need no chart library; the panel stays
 * a few kilobytes and draws with the page's own colours.
 */
export function Sparkline({ series, slots, label, minTop = 1 }: SparklineProps) {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== undefined));
  const top = Math.max(minTop, ...all) * 1.1;
  const step = WIDTH / Math.max(1, slots - 1);
  const line = (values: readonly (number | undefined)[]): string => {
    const start = slots - values.length;
    return values
      .map((v, i) =>
        v === undefined
          ? undefined
          : `${round((start + i) * step)},${round(HEIGHT - (v / top) * HEIGHT)}`,
      )
      .filter((p): p is string => p !== undefined)
      .join(' ');
  };
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <line class="sparkline__base" x1="0" y1={HEIGHT} x2={WIDTH} y2={HEIGHT} />
      {series.map((s) => (
        <polyline
          key={s.kind}
          class={`sparkline__line sparkline__line--${s.kind}`}
          points={line(s.values)}
          data-points={s.values.filter((v) => v !== undefined).length}
        />
      ))}
    </svg>
  );
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
