import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Chart } from '../schemas/case';

/**
 * Charts rendered at build time as SVG with Observable Plot, using linkedom as the document, so the
 * page ships no charting JavaScript. The caller wraps the SVG with a title, a text alternative and
 * the data as a table.
 */

/** Colour-blind-safe palette (Okabe-Ito), dark enough for 3:1 contrast on white. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8c6d00', '#56B4E9', '#000000'];

interface Row {
  series: string;
  x: number | string;
  y: number;
}

export function chartRows(chart: Chart): Row[] {
  return chart.series.flatMap((s) => s.points.map(([x, y]) => ({ series: s.label, x, y })));
}

/** The chart as an SVG string (no legend: the caller lists the series in text). */
export function renderChartSvg(chart: Chart, options: { width?: number; height?: number } = {}): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const rows = chartRows(chart);
  const categorical = rows.some((r) => typeof r.x === 'string');
  const seriesNames = chart.series.map((s) => s.label);
  const channels = { x: 'x', y: 'y', stroke: 'series', fill: 'series' } as const;
  const marks: Plot.Markish[] = [Plot.ruleY([chart.y.log ? 1 : 0].filter(() => !chart.y.log))];
  if (chart.mark === 'bar') {
    marks.push(
      seriesNames.length > 1 ? Plot.barY(rows, { x: 'series', fx: 'x', y: 'y', fill: 'series' }) : Plot.barY(rows, { x: 'x', y: 'y', fill: 'series' }),
    );
  } else {
    if (chart.mark === 'line') marks.push(Plot.line(rows, { ...channels, fill: undefined, strokeWidth: 2 }));
    marks.push(Plot.dot(rows, { ...channels, r: 4 }));
    marks.push(
      Plot.text(
        rows.filter((_, i, all) => i === all.length - 1 || all[i + 1]!.series !== all[i]!.series),
        { x: 'x', y: 'y', text: 'series', dx: 8, textAnchor: 'start', fill: 'series' },
      ),
    );
  }
  const svg = Plot.plot({
    document,
    width: options.width ?? 640,
    height: options.height ?? 320,
    marginRight: chart.mark === 'bar' ? 20 : 110,
    style: { fontSize: '13px', color: '#1b1f24', background: 'transparent' },
    x: { label: chart.x.label, ...(categorical ? { type: 'band' } : {}) },
    y: { label: chart.y.label, grid: true, ...(chart.y.log ? { type: 'log' } : {}) },
    color: { domain: seriesNames, range: PALETTE },
    marks,
  });
  // The figure's text alternative is given by the wrapper; the SVG itself is decoration for AT.
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  return svg.outerHTML;
}
