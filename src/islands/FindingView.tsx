import { memo } from 'react';
import type { DisplayLab, Finding, LabResult, LabUnits } from '../schemas/case';
import type { UnitSystem } from '../progress/preferences';
import type { EditorialNote } from '../schemas/provenance';

const FLAG_TEXT = { high: 'High', low: 'Low', normal: 'Normal' } as const;

// One formatter for every value: constructing one per call was the player's main cost per click.
const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function formatNumber(n: number): string {
  return Number.isInteger(n) ? INTEGER.format(n) : String(n);
}

/** The lab in the chosen unit system (the paper's own unit when it names no analyte). */
export function displayLab(lab: LabResult, units: LabUnits | undefined, system: UnitSystem): DisplayLab & { qualitative?: string } {
  const converted = units?.[system];
  // A bound restated in the chosen system (e.g. "< 0.5 pmol/L") replaces the paper's wording in another unit.
  if (converted) return { ...converted, ...(lab.qualitative ? { qualitative: converted.qualitative ?? lab.qualitative } : {}) };
  const own: DisplayLab & { qualitative?: string } = { unit: lab.unit ?? '' };
  if (lab.value !== undefined) own.value = lab.value;
  if (lab.range) own.range = lab.range;
  if (lab.reference) own.reference = lab.reference;
  if (lab.qualitative) own.qualitative = lab.qualitative;
  return own;
}

export function labValueText(lab: DisplayLab & { qualitative?: string }): string {
  const unit = lab.unit ? ` ${lab.unit}` : '';
  if (lab.value !== undefined) return `${formatNumber(lab.value)}${unit}`;
  if (lab.range) return `${formatNumber(lab.range[0])} to ${formatNumber(lab.range[1])}${unit}`;
  return lab.qualitative ?? '';
}

export function referenceText(lab: DisplayLab): string | null {
  const r = lab.reference;
  if (!r) return null;
  const unit = lab.unit ? ` ${lab.unit}` : '';
  if (r.low !== undefined && r.high !== undefined) return `${formatNumber(r.low)} to ${formatNumber(r.high)}${unit}`;
  if (r.low !== undefined) return `at least ${formatNumber(r.low)}${unit}`;
  return `up to ${formatNumber(r.high!)}${unit}`;
}

/**
 * A fact from outside the paper beside a finding or an action (a probable misprint, a current target):
 * boxed and headed so that nobody takes it for the paper's data. Scoring never reads it.
 */
export function EditorialNoteView({ note }: { note: EditorialNote }) {
  return (
    <div className="editorial-note" role="note">
      <p>
        <strong>Editorial note, not from the paper:</strong> {note.text} <span className="editorial-basis">(Basis: {note.basis}.)</span>
      </p>
    </div>
  );
}

/** One documented result: a lab with value, range and flag, or a report in words; its source one click away. */
export const FindingView = memo(function FindingView({
  finding,
  heading,
  when,
  units,
  system = 'conventional',
  showSource = true,
}: {
  finding: Finding;
  heading?: string;
  when?: string;
  units?: LabUnits | undefined;
  system?: UnitSystem /** False where the same finding is also shown with its source (the latest result under its button). */;
  showSource?: boolean;
}) {
  const lab = finding.lab ? displayLab(finding.lab, units, system) : undefined;
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
          {finding.lab?.flag && <span className={`flag flag-${finding.lab.flag}`}>{FLAG_TEXT[finding.lab.flag]}</span>}
          {ref && (
            <span className="lab-ref">
              {' '}
              Reference: {ref}
              {finding.lab?.reference?.note && <span className="ref-note"> ({finding.lab.reference.note})</span>}
            </span>
          )}
        </p>
      )}
      {finding.report && <p className="report">{finding.report}</p>}
      {finding.editorialNote && <EditorialNoteView note={finding.editorialNote} />}
      {showSource && (
        <details className="evidence">
          <summary>Source{finding.evidence.section ? `: ${finding.evidence.section}` : ''}</summary>
          {finding.evidence.quote ? (
            <q>{finding.evidence.quote}</q>
          ) : (
            <span>See the paper{finding.evidence.section ? `, ${finding.evidence.section}` : ''}.</span>
          )}
        </details>
      )}
    </div>
  );
});
