import type { ReactNode } from 'react';
/**
 * Small hand-built SVG charts for the class results page: no charting library in the browser bundle.
 * Each chart is an <svg role="img"> named by its title and described by a text alternative that lists
 * every value, so that a screen reader gets the same data as the picture.
 */

export interface Bar {
  label: string;
  value: number;
  /** A note after the value, e.g. "(full credit)". */
  note?: string;
}

const INK = '#1b1f24';
const MUTED = '#4a5561';
const FILL = '#1d4f73';
const ALT_FILL = '#b45309';

/** Horizontal bars, each with its label above: long labels (diagnoses, findings) stay readable. */
export function BarChart({
  id,
  title,
  bars,
  max,
  unit = '',
  format,
  highlight,
}: {
  id: string;
  title: string;
  bars: Bar[];
  max?: number;
  unit?: string;
  format?: (n: number) => string;
  highlight?: (b: Bar) => boolean;
}) {
  const show = format ?? ((n: number) => `${n}${unit}`);
  const width = 560;
  const rowH = 40;
  const top = 6;
  const height = top + bars.length * rowH + 4;
  const scaleMax = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const barMax = width - 70;
  const desc = bars.map((b) => `${b.label}: ${show(b.value)}${b.note ? ` ${b.note}` : ''}`).join('; ') || 'No data.';
  return (
    <ChartFrame id={id} title={title} desc={desc} width={width} height={height}>
      {bars.map((b, i) => {
        const y = top + i * rowH;
        const w = Math.max(b.value > 0 ? 2 : 0, (b.value / scaleMax) * barMax);
        const hi = highlight?.(b) ?? false;
        return (
          <g key={`${b.label}-${i}`} data-bar={b.label} data-value={b.value}>
            <text x="0" y={y + 12} fontSize="13" fill={INK}>
              {b.label}
              {b.note ? <tspan fill={MUTED}> {b.note}</tspan> : null}
            </text>
            <rect x="0" y={y + 17} width={w} height="14" fill={hi ? ALT_FILL : FILL} />
            <text x={w + 6} y={y + 29} fontSize="13" fill={INK}>
              {show(b.value)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

/** Vertical columns over ordered categories, e.g. a score distribution in bins of ten. */
export function ColumnChart({
  id,
  title,
  columns,
  xLabel,
  yLabel,
}: {
  id: string;
  title: string;
  columns: { label: string; value: number }[];
  xLabel: string;
  yLabel: string;
}) {
  const width = 560;
  const height = 220;
  const left = 36;
  const bottom = 44;
  const top = 18;
  const plotH = height - top - bottom;
  const step = (width - left - 8) / Math.max(1, columns.length);
  const max = Math.max(1, ...columns.map((c) => c.value));
  const desc = `${yLabel} by ${xLabel.toLowerCase()}: ${columns.map((c) => `${c.label}: ${c.value}`).join('; ')}.`;
  return (
    <ChartFrame id={id} title={title} desc={desc} width={width} height={height}>
      <line x1={left} y1={top + plotH} x2={width - 4} y2={top + plotH} stroke={MUTED} />
      <line x1={left} y1={top} x2={left} y2={top + plotH} stroke={MUTED} />
      <text x={left - 6} y={top + 4} fontSize="12" textAnchor="end" fill={INK}>
        {max}
      </text>
      <text x={left - 6} y={top + plotH} fontSize="12" textAnchor="end" fill={INK}>
        0
      </text>
      {columns.map((c, i) => {
        const h = (c.value / max) * plotH;
        const x = left + i * step + 4;
        return (
          <g key={c.label} data-column={c.label} data-value={c.value}>
            <rect x={x} y={top + plotH - h} width={step - 8} height={h} fill={FILL} />
            {c.value > 0 && (
              <text x={x + (step - 8) / 2} y={top + plotH - h - 4} fontSize="12" textAnchor="middle" fill={INK}>
                {c.value}
              </text>
            )}
            <text x={x + (step - 8) / 2} y={top + plotH + 16} fontSize="11" textAnchor="middle" fill={INK}>
              {c.label}
            </text>
          </g>
        );
      })}
      <text x={(left + width) / 2} y={height - 6} fontSize="12" textAnchor="middle" fill={MUTED}>
        {xLabel}
      </text>
    </ChartFrame>
  );
}

/** A chart as a figure: its caption, and an SVG labelled by the caption and a text description of every value. */
function ChartFrame({
  id,
  title,
  desc,
  width,
  height,
  children,
}: {
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  children: ReactNode;
}) {
  return (
    <figure className="fac-chart" data-chart={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: `${width}px` }}
        preserveAspectRatio="xMinYMin meet"
      >
        <desc id={`${id}-desc`}>{desc}</desc>
        {children}
      </svg>
    </figure>
  );
}
