import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseClass, countOf, csvField, distribution, replayableCase, toCsv, unnamedLearner, type DroppedFile } from '../../src/faculty/class-results';
import { attemptFile as downloadedFile, attemptFileName, attemptIdOf } from '../../src/progress/attempt-file';
import { attemptReport } from '../../src/scoring/report';
import { buildExport } from '../../src/progress/export';
import { saveProgress, emptyProgress } from '../../src/progress/quiz-progress';
import type { AttemptRecord } from '../../src/engine/attempt';
import type { PlayEvent } from '../../src/schemas/events';
import type { CaseDefinition } from '../../src/schemas/case';
import { caseBySlug, course } from '../helpers/content';
import { MemoryStorage } from '../../src/progress/memory-storage';
import { quizResult } from '../helpers/quiz-results';

const SLUG = 'liver-transplant-calcification';
const def = caseBySlug(SLUG);
const cases = [...course.cases].sort((a, b) => a.order - b.order);
const events = (slug: string, name = 'best'): PlayEvent[] => JSON.parse(readFileSync(`tests/fixtures/attempts/${slug}/${name}.json`, 'utf8')).events;

/** An attempt file as the player's "Download this attempt" button writes it, with its cached result. */
function attemptFile(c: CaseDefinition, evs: PlayEvent[], start = '2026-03-02T09:00:00.000Z', minutes = 25): AttemptRecord {
  const report = attemptReport(c, evs);
  const updatedAt = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  return {
    format: 'calx-attempt',
    formatVersion: 1,
    case: c.slug,
    caseVersion: c.version,
    events: evs,
    startedAt: start,
    updatedAt,
    ...(report.finished
      ? { result: { total: report.score.total, diagnosis: report.diagnosis!, diagnosisLabel: report.diagnosis!, finishedAt: updatedAt } }
      : {}),
  };
}
const file = (name: string, value: unknown): DroppedFile => ({ name, text: typeof value === 'string' ? value : JSON.stringify(value) });

describe('re-scoring a class by replay', () => {
  const genuine = attemptFile(def, events(SLUG));
  const tampered: AttemptRecord = {
    ...attemptFile(def, events(SLUG, 'anchored-calciphylaxis'), '2026-03-02T10:00:00.000Z'),
    result: { total: 100, diagnosis: 'dystrophic', diagnosisLabel: 'x', finishedAt: '2026-03-02T10:30:00.000Z' },
  };
  const otherVersion: AttemptRecord = { ...attemptFile(def, events(SLUG), '2026-03-02T11:00:00.000Z'), caseVersion: '0123456789abcdef' };
  const results = analyseClass(
    [
      file('alice.json', { ...genuine, learner: 'alice' }),
      file('bob.json', { ...tampered, learner: 'bob' }),
      file('carol.json', { ...otherVersion, learner: 'carol' }),
    ],
    cases,
  );
  const row = (learner: string) => results.rows.find((r) => r.learner === learner)!;

  it('trusts nothing: every score comes from the replay, equal to the attempt report', () => {
    const report = attemptReport(def, genuine.events);
    expect(row('alice')).toMatchObject({ case: SLUG, status: 'finished', flags: [], counted: true, claimedTotal: report.score.total, minutes: 25 });
    expect(row('alice').score).toEqual(report.score);
    expect(row('alice').diagnosis).toMatchObject({ id: 'dystrophic', credit: 1 });
  });

  it('flags a file whose claimed score or diagnosis disagrees with its replay, and scores it by the replay', () => {
    const replayed = attemptReport(def, tampered.events).score.total;
    expect(replayed).toBeLessThan(50);
    expect(row('bob').flags).toEqual([
      { kind: 'score-mismatch', claimed: 100, replayed },
      {
        kind: 'diagnosis-mismatch',
        claimed: def.diagnoses.find((d) => d.id === 'dystrophic')!.label,
        replayed: def.diagnoses.find((d) => d.id === 'calciphylaxis')!.label,
      },
    ]);
    expect(row('bob').score!.total).toBe(replayed);
    expect(row('bob').counted).toBe(true);
  });

  it('flags a file made on another version of the case and leaves it out of the charts', () => {
    expect(row('carol').flags).toEqual([{ kind: 'other-version', fileVersion: '0123456789abcdef', currentVersion: def.version }]);
    expect(row('carol')).toMatchObject({ counted: false, notCounted: 'it was made on another version of the case' });
  });

  it('flags an attempt that does not replay on the current case', () => {
    const broken = { ...genuine, events: [{ type: 'ORDER', action: 'no-such-test' }] };
    const r = analyseClass([file('dan.json', broken)], cases).rows[0]!;
    expect(r.flags).toEqual([{ kind: 'does-not-replay', reason: 'event 1: unknown action "no-such-test"' }]);
    expect(r).toMatchObject({ score: null, counted: false });
  });

  it('summarises each case: distribution, wrong diagnoses, missed key findings, decision points', () => {
    const s = results.cases.find((c) => c.case === SLUG)!;
    expect(s).toMatchObject({ rows: 3, counted: 2 });
    expect(s.distribution.reduce((n, b) => n + b.count, 0)).toBe(2);
    expect(s.wrongDiagnoses).toEqual([{ id: 'calciphylaxis', label: 'Calciphylaxis (uraemic, in kidney failure)', credit: 0, count: 1 }]);
    expect(s.missedKeyFindings.length).toBeGreaterThan(0);
    expect(s.missedKeyFindings.every((k) => k.missed === 1 && k.of === 2)).toBe(true);
    expect(s.decisionPoints.map((p) => [p.stage, p.move, p.reached])).toEqual([
      ['pod16', 'ADVANCE', 2],
      ['pod21', 'ADVANCE', 2],
      ['pod40', 'FINISH', 2],
    ]);
    expect(s.decisionPoints[0]!.held.map((h) => [h.id, h.count]).sort()).toEqual([
      ['calciphylaxis', 1],
      ['dystrophic', 1],
    ]);
    expect(s.decisionPoints[0]!.teamHeld).toBe('Calciphylaxis (uraemic, in kidney failure)');
    expect(s.decisionPoints[2]!.teamHeld).toBe('Dystrophic calcification');
  });
});

describe('files that cannot be used are listed with a reason', () => {
  const genuine = attemptFile(def, events(SLUG));
  const problems = analyseClass(
    [
      file('notes.txt', 'these are my notes'),
      file('other.json', { hello: 'world' }),
      file('cli.json', { case: SLUG, events: events(SLUG) }),
      file('future.json', { ...genuine, formatVersion: 9 }),
      file('no-events.json', { ...genuine, events: 'none' }),
      file('unknown.json', { ...genuine, case: 'gout' }),
      file('bad-export.json', { format: 'calx-progress-export', version: 1, exportedAt: 'yesterday', attempts: [], quizResults: [], review: {} }),
    ],
    cases,
  ).problems;

  it('names the file and says why', () => {
    expect(problems.map((p) => p.file)).toEqual(['notes.txt', 'other.json', 'cli.json', 'future.json', 'no-events.json', 'unknown.json', 'bad-export.json']);
    expect(problems[0]!.reason).toMatch(/^it is not valid JSON \(/);
    expect(problems[1]!.reason).toBe(
      'it is not a Calx attempt or progress export (those start with "format": "calx-attempt" or "format": "calx-progress-export")',
    );
    expect(problems[2]!.reason).toMatch(/^it is an event list, not an exported attempt/);
    expect(problems[3]!.reason).toBe('it uses attempt format 9, which this version of Calx does not read');
    expect(problems[4]!.reason).toBe('it has no list of events');
    expect(problems[5]!.reason).toMatch(/^the case "gout" is not in this course \(known: liver-transplant-calcification, /);
    expect(problems[6]!.reason).toBe('`exportedAt` must be a date, found "yesterday"');
  });
});

describe('progress exports', () => {
  function exportOf(records: AttemptRecord[]): string {
    const s = new MemoryStorage();
    records.forEach((r, i) =>
      s.setItem(
        i === records.length - 1 ? `calx:v1:attempt:${r.case}` : `calx:v1:history:${r.case}`,
        i === records.length - 1 ? JSON.stringify(r) : JSON.stringify(records.slice(0, -1)),
      ),
    );
    saveProgress(s, { ...emptyProgress(), quizResults: [quizResult()] });
    return JSON.stringify(buildExport(s, new Date('2026-03-03T00:00:00.000Z')).file);
  }

  it('reads every attempt of a full export with the learner named in it, and counts the latest finished one', () => {
    const first = attemptFile(def, events(SLUG, 'anchored-calciphylaxis'), '2026-03-01T09:00:00.000Z');
    const second = attemptFile(def, events(SLUG), '2026-03-02T09:00:00.000Z');
    const res = analyseClass(
      [{ name: 'erin-calx-progress-2026-03-03.json', text: JSON.stringify({ ...JSON.parse(exportOf([first, second])), learner: 'erin' }) }],
      cases,
    );
    expect(res.problems).toEqual([]);
    expect(res.rows.map((r) => [r.learner, r.source, r.counted])).toEqual([
      ['erin', 'erin-calx-progress-2026-03-03.json, attempt 1', false],
      ['erin', 'erin-calx-progress-2026-03-03.json, attempt 2', true],
    ]);
    expect(res.rows[0]!.notCounted).toBe('a later finished attempt by the same learner is counted instead');
    expect(res.quizzes).toHaveLength(1);
    expect(res.quizzes[0]!.learner).toBe('erin');
  });

  it('flags the same attempt dropped twice (a single file and an export that holds it)', () => {
    const a = attemptFile(def, events(SLUG));
    const res = analyseClass(
      [
        file('frank.json', { ...a, learner: 'frank' }),
        { name: 'frank-progress.json', text: JSON.stringify({ ...JSON.parse(exportOf([a])), learner: 'frank' }) },
      ],
      cases,
    );
    const dup = res.rows.find((r) => r.flags.some((f) => f.kind === 'duplicate'))!;
    expect(dup.flags).toEqual([{ kind: 'duplicate', of: 'frank.json (frank)', attemptId: attemptIdOf(a) }]);
    expect(dup.counted).toBe(false);
    expect(res.cases[0]!.counted).toBe(1);
  });
});

describe('learner names and time', () => {
  it('tells learners apart by the name in the file, never by the file name', () => {
    const one = attemptFile(def, events(SLUG), '2026-03-02T09:00:00.000Z');
    const two = attemptFile(def, events(SLUG, 'anchored-calciphylaxis'), '2026-03-02T09:05:00.000Z');
    // Two students' files with the same default name and no name inside: two learners, both counted.
    const res = analyseClass([file('calx-attempt.json', one), file('calx-attempt.json', two)], cases);
    expect(res.rows.map((r) => r.learner)).toEqual([unnamedLearner('calx-attempt.json'), unnamedLearner('calx-attempt.json')]);
    expect(new Set(res.rows.map((r) => r.learnerKey)).size).toBe(2);
    expect(res.rows.every((r) => r.counted && r.flags.length === 0)).toBe(true);
    expect(res.cases[0]!.counted).toBe(2);
    // Named files: the same name (whatever the case or spacing) is one learner; their latest finished attempt counts.
    const named = analyseClass([file('a.json', { ...one, learner: 'Ann  Lee' }), file('b.json', { ...two, learner: 'ann lee' })], cases);
    expect(new Set(named.rows.map((r) => r.learnerKey)).size).toBe(1);
    expect(named.cases[0]!.counted).toBe(1);
  });

  it('reports a second file of the same attempt as a duplicate, and never lets a different attempt replace another', () => {
    const a = downloadedFile(attemptFile(def, events(SLUG), '2026-03-02T09:00:00.000Z'), 'Ann Lee');
    const b = downloadedFile(attemptFile(def, events(SLUG), '2026-03-02T09:30:00.000Z'), 'Ben Ode');
    const res = analyseClass([file(attemptFileName(a), a), file(attemptFileName(a), a), file(attemptFileName(a), b)], cases);
    expect(res.rows).toHaveLength(3);
    expect(res.rows.filter((r) => r.flags.some((f) => f.kind === 'duplicate'))).toHaveLength(1);
    expect(
      res.rows
        .filter((r) => r.counted)
        .map((r) => r.learner)
        .sort(),
    ).toEqual(['Ann Lee', 'Ben Ode']);
    expect(res.cases[0]!.counted).toBe(2);
  });

  it('writes the learner and a stable attempt id into the downloaded file and its name', () => {
    const record = attemptFile(def, events(SLUG), '2026-03-02T09:00:00.000Z');
    const f = downloadedFile(record, '  Zoë   Ng ');
    expect(f.learner).toBe('Zoë Ng');
    expect(f.attemptId).toBe(attemptIdOf(record));
    expect(attemptIdOf(record)).not.toBe(attemptIdOf({ ...record, startedAt: '2026-03-02T09:00:00.001Z' }));
    expect(attemptFileName(f)).toBe(`calx-${SLUG}-zoe-ng-${f.attemptId}.json`);
  });

  it('counts in correct English', () => {
    expect(countOf(1, 'attempt')).toBe('1 attempt');
    expect(countOf(2, 'attempt')).toBe('2 attempts');
    expect(countOf(1200, 'file')).toBe('1,200 files');
  });

  it('prefers a learner field in the file', () => {
    const a = { ...attemptFile(def, events(SLUG)), learner: 'Dr Grace Hopper' };
    expect(analyseClass([file('x.json', a)], cases).rows[0]!.learner).toBe('Dr Grace Hopper');
  });

  it('bins scores in tens with 100 in the last bin', () => {
    expect(distribution([0, 9.9, 10, 95, 100]).map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
  });
});

describe('CSV export', () => {
  it('writes a header and one line per attempt, every dimension and every flag in words', () => {
    const tampered = {
      ...attemptFile(def, events(SLUG)),
      result: { total: 12, diagnosis: 'dystrophic', diagnosisLabel: 'x', finishedAt: '2026-03-02T09:25:00.000Z' },
    };
    const res = analyseClass([file('=cmd|calc.json', { ...tampered, learner: '=cmd|calc' })], cases);
    const lines = toCsv(res.rows).split('\r\n');
    expect(lines[0]).toBe(
      'learner,file,case,case version,status,counted,total,diagnosis,keyFindings,stewardship,revision,calibration,summary,claimed ' +
        'total,final diagnosis,diagnosis credit,started,last change,minutes,flags',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const total = res.rows[0]!.score!.total;
    expect(lines[1]).toContain(`,${SLUG},${def.version},finished,yes,${total},`);
    expect(lines[1]!.startsWith("'=cmd|calc,'=cmd|calc.json,")).toBe(true);
    expect(lines[1]).toContain(`"claims a score of 12, but replaying its events scores ${total}"`);
  });

  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('-3 points')).toBe("'-3 points");
    expect(csvField(null)).toBe('');
  });
});

describe('the slim cases the class results page ships', () => {
  it('replay and score exactly as the full cases do', () => {
    for (const c of course.cases) {
      const slim = replayableCase(c);
      const evs = events(c.slug);
      expect(attemptReport(slim, evs)).toEqual(attemptReport(c, evs));
      expect(
        attemptReport(
          slim,
          c.teamPath.map((s) => s.event),
        ),
      ).toEqual(
        attemptReport(
          c,
          c.teamPath.map((s) => s.event),
        ),
      );
      expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(c).length / 2);
    }
  });
});
