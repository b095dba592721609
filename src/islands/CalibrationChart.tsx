import { useId } from 'react';

/** One commitment on the chart. */
export interface CalibrationBar {
  /** When on the case clock, e.g. "POD 16". */
  when: string;
  /** The probability the differential gave to the answer, 0 to 1. */
  givenToAnswer: number;
  /** The Brier skill of that differential, 0 to 1. */
  skill: number;
}

const W = 320;
const H = 150;
const PAD = { left: 40, right: 8, top: 10, bottom: 34 };

/**
 * A small hand-drawn SVG bar chart (no chart library in the bundle): for each commitment, the probability the
 * learner's differential gave to the source's answer, with a dot for its calibration skill. It has a title and
 * a description, and the values follow as a table, so nothing is only in the picture.
 */
export function CalibrationChart({ bars }: { bars: readonly CalibrationBar[] }) {
  const id = useId().replace(/:/g, '');
  if (bars.length === 0) return null;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / bars.length;
  const barW = Math.min(36, step * 0.6);
  const y = (v: number) => PAD.top + plotH * (1 - v);
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const description = bars.map((b) => `${b.when}: ${pct(b.givenToAnswer)} on the answer, skill ${pct(b.skill)}`).join('; ');
  return (
    <figure className="calibration-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} width="100%" style={{ maxWidth: `${W * 1.4}px` }}>
        <title id={`${id}-t`}>Probability you gave the answer at each commitment</title>
        <desc id={`${id}-d`}>{description}.</desc>
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#c9d1d9" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill="#4a5561">
              {pct(v)}
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const cx = PAD.left + step * i + step / 2;
          return (
            <g key={i}>
              <rect x={cx - barW / 2} y={y(b.givenToAnswer)} width={barW} height={plotH * b.givenToAnswer} fill="#1d4f73" />
              <circle cx={cx} cy={y(b.skill)} r={4.5} fill="#ffffff" stroke="#b35900" strokeWidth={2.5} />
              <text x={cx} y={H - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill="#1b1f24">
                {b.when}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">
        Bars: the probability your differential gave the source&apos;s answer. Rings: the calibration skill of that differential (100% is a perfect forecast).
      </figcaption>
      <table className="data-table calibration-table">
        <caption className="visually-hidden">Calibration at each commitment</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">On the answer</th>
            <th scope="col">Skill</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b, i) => (
            <tr key={i}>
              <th scope="row">{b.when}</th>
              <td>{pct(b.givenToAnswer)}</td>
              <td>{pct(b.skill)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
