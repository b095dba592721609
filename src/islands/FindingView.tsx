import type { Finding, LabResult } from '../schemas/case';

const FLAG_TEXT = { high: 'High', low: 'Low', normal: 'Normal' } as const;

function formatNumber(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

export function labValueText(lab: LabResult): string {
  const unit = lab.unit ? ` ${lab.unit}` : '';
  if (lab.value !== undefined) return `${formatNumber(lab.value)}${unit}`;
  if (lab.range) return `${formatNumber(lab.range[0])} to ${formatNumber(lab.range[1])}${unit}`;
  return lab.qualitative ?? '';
}

export function referenceText(lab: LabResult): string | null {
  const r = lab.reference;
  if (!r) return null;
  const unit = lab.unit ? ` ${lab.unit}` : '';
  if (r.low !== undefined && r.high !== undefined) return `${formatNumber(r.low)} to ${formatNumber(r.high)}${unit}`;
  if (r.low !== undefined) return `at least ${formatNumber(r.low)}${unit}`;
  return `up to ${formatNumber(r.high!)}${unit}`;
}

/** One documented result: a lab with value, range and flag, or a report in words; its source one click away. */
export function FindingView({ finding, heading, when }: { finding: Finding; heading?: string; when?: string }) {
  const lab = finding.lab;
  const ref = lab ? referenceText(lab) : null;
  return (
    <div className="finding" data-finding={finding.id}>
      {/* The result's heading already names the order and the day; repeat them only where the finding differs. */}
      {(finding.label !== heading || (finding.day && finding.day !== when)) && (
        <p className="finding-label">
          <strong>{finding.label}</strong>
          {finding.day && finding.day !== when && <span className="finding-day"> · {finding.day}</span>}
        </p>
      )}
      {lab && (
        <p className="lab-line">
          <span className="lab-value">{labValueText(lab)}</span>
          {lab.qualitative && lab.value === undefined && lab.range === undefined ? null : lab.qualitative ? <span> ({lab.qualitative})</span> : null}
          {lab.flag && <span className={`flag flag-${lab.flag}`}>{FLAG_TEXT[lab.flag]}</span>}
          {ref && (
            <span className="lab-ref">
              {' '}
              Reference: {ref}
              {lab.reference?.note && <span className="ref-note"> ({lab.reference.note})</span>}
            </span>
          )}
        </p>
      )}
      {finding.report && <p className="report">{finding.report}</p>}
      <details className="evidence">
        <summary>Source{finding.evidence.section ? `: ${finding.evidence.section}` : ''}</summary>
        {finding.evidence.quote ? <q>{finding.evidence.quote}</q> : <span>See the paper{finding.evidence.section ? `, ${finding.evidence.section}` : ''}.</span>}
      </details>
    </div>
  );
}
