import { describe, expect, it } from 'vitest';
import { commitmentOf } from '../../src/engine/machine';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decisionMap, describeMap } from '../../src/faculty/decision-map';
import { layoutDecisionMap } from '../../src/faculty/decision-map-layout';
import { answerKey, pathWithScore } from '../../src/faculty/answer-key';
import { readInstructorNotes } from '../../src/content-loading/load-instructor';
import { actionsAt, indexCase } from '../../src/engine/case-index';
import { attemptReport } from '../../src/scoring/report';
import { contentDir, course, projectRoot } from '../helpers/content';
import { normalise } from '../helpers/seeds';
import { SourceTexts, sourcesDirOf } from '../../src/content-loading/source-texts';

const { notes, problems } = readInstructorNotes(contentDir, course.cases, new Set(course.sources.map((s) => s.id)), projectRoot);
const notesOf = new Map(notes.map((n) => [n.case, n]));

describe('instructor notes', () => {
  it('load without problems, one file per case', () => {
    expect(problems).toEqual([]);
    expect(readdirSync(join(contentDir, 'instructor')).sort()).toEqual(course.cases.map((c) => `${c.slug}.yaml`).sort());
  });

  for (const n of notes) {
    it(`${n.case}: every discussion question quotes its seed verbatim, in fewer than 12 words`, (ctx) => {
      // The paper's text from content/sources/<id>.txt or SOURCES_DIR, as npm run check:content reads it.
      const texts = new SourceTexts(course.sources, contentDir, sourcesDirOf(projectRoot));
      const missing = n.discussionQuestions.map((q) => texts.lookup(q.evidence.source)).find((l) => !l.found);
      if (missing && !missing.found) return ctx.skip(missing.reason);
      const bad = n.discussionQuestions.flatMap((q, i) => {
        const quote = q.evidence.quote ?? '';
        const words = quote.split(/\s+/).filter(Boolean).length;
        const out: string[] = [];
        if (!quote) out.push(`[${i}]: no quote`);
        if (words >= 12) out.push(`[${i}]: ${words} words`);
        if (quote && !texts.normalisedText(q.evidence.source)!.includes(normalise(quote))) out.push(`[${i}]: not in the seed: "${quote}"`);
        return out;
      });
      expect(bad).toEqual([]);
    });
  }
});

describe('best paths', () => {
  for (const def of course.cases) {
    it(`${def.slug}: the authored best path replays to the end, scores at least 95 and raises no flag`, () => {
      const best = notesOf.get(def.slug);
      expect(best, `content/instructor/${def.slug}.yaml`).toBeDefined();
      const report = attemptReport(
        def,
        best!.bestPath.map((s) => s.event),
      );
      expect(report.finished).toBe(true);
      expect(report.score.total).toBeGreaterThanOrEqual(95);
      expect(report.flags).toEqual([]);
    });
  }
});

describe('decision map extraction from the compiled machine', () => {
  for (const def of course.cases) {
    const best = notesOf.get(def.slug)!.bestPath.map((s) => s.event);
    const map = decisionMap(def, best);
    const ix = indexCase(def);

    it(`${def.slug}: one node per stage in clock order, then the debrief`, () => {
      expect(map.nodes.map((n) => [n.id, n.kind])).toEqual([...def.stages.map((s) => [s.id, 'stage']), ['debrief', 'final']]);
      map.nodes
        .filter((n) => n.kind === 'stage')
        .forEach((n, i) => {
          expect(n.heading).toBe(`${def.clock.short} ${def.stages[i]!.day}`);
          expect(n.orderable.map((a) => a.id)).toEqual(actionsAt(ix, i).map((a) => a.id));
        });
    });

    it(`${def.slug}: every ADVANCE and FINISH edge, and ORDER and COMMIT loops on every stage`, () => {
      const between = map.edges.filter((e) => !e.loop).map((e) => `${e.source} ${e.event} ${e.target}`);
      const expected = def.stages.map((s, i) => (i < def.stages.length - 1 ? `${s.id} ADVANCE ${def.stages[i + 1]!.id}` : `${s.id} FINISH debrief`));
      expect(between).toEqual(expected);
      for (const s of def.stages) {
        expect(
          map.edges
            .filter((e) => e.loop && e.source === s.id)
            .map((e) => e.event)
            .sort(),
        ).toEqual(['COMMIT', 'ORDER']);
      }
    });

    it(`${def.slug}: the treating team's path and the best path are highlighted`, () => {
      // Both paths play to the end, so they take every move between states.
      for (const e of map.edges.filter((x) => !x.loop)) {
        expect(e.team, e.id).toBe(1);
        expect(e.best, e.id).toBe(1);
      }
      // The ORDER and COMMIT loops count the team's documented steps at each stage.
      let stage = 0;
      const orders = new Map<string, number>();
      const commits = new Map<string, number>();
      for (const step of def.teamPath) {
        const id = def.stages[stage]!.id;
        if (step.event.type === 'ADVANCE') stage++;
        if (step.event.type === 'ORDER') orders.set(id, (orders.get(id) ?? 0) + 1);
        if (step.event.type === 'COMMIT') commits.set(id, (commits.get(id) ?? 0) + 1);
      }
      for (const s of def.stages) {
        expect(map.edges.find((e) => e.source === s.id && e.event === 'ORDER')!.team, s.id).toBe(orders.get(s.id) ?? 0);
        expect(map.edges.find((e) => e.source === s.id && e.event === 'COMMIT')!.team, s.id).toBe(commits.get(s.id) ?? 0);
      }
      const finalTeam = [...def.teamPath].reverse().find((s) => s.event.type === 'COMMIT')!.event;
      expect(finalTeam.type).toBe('COMMIT');
      if (finalTeam.type === 'COMMIT') expect(map.nodes.at(-1)!.team!.leavesWith!.diagnosis).toBe(commitmentOf(finalTeam).diagnosis);
      expect(describeMap(map)).toContain("The treating team's documented path orders");
    });

    it(`${def.slug}: every key finding can be had at some stage, and each is new at exactly one stage`, () => {
      for (const k of def.scoring.keyFindings) {
        const at = map.nodes.flatMap((n) => n.keyFindings.filter((f) => f.id === k.finding));
        expect(at.length, k.finding).toBeGreaterThan(0);
        expect(at.filter((f) => f.newHere).length, k.finding).toBeGreaterThanOrEqual(1);
      }
    });

    it(`${def.slug}: elkjs lays out every node and edge without overlapping nodes`, async () => {
      const layout = await layoutDecisionMap(map);
      expect(layout.nodes.map((n) => n.id)).toEqual(map.nodes.map((n) => n.id));
      expect(layout.edges.map((e) => e.id).sort()).toEqual(map.edges.map((e) => e.id).sort());
      for (const n of layout.nodes) {
        expect(n.width).toBeGreaterThan(0);
        expect(n.x).toBeGreaterThanOrEqual(0);
        expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
        expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
      }
      for (let i = 1; i < layout.nodes.length; i++) expect(layout.nodes[i]!.y).toBeGreaterThanOrEqual(layout.nodes[i - 1]!.y + layout.nodes[i - 1]!.height);
      for (const e of layout.edges) {
        expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
        expect(e.label, e.id).not.toBeNull();
      }
    });
  }
});

describe('answer key view', () => {
  it('resolves every id to its label and sorts the credit table from full credit down', () => {
    const def = course.cases.find((c) => c.slug === 'liver-transplant-calcification')!;
    const key = answerKey(def);
    expect(key.credits[0]).toMatchObject({ diagnosis: 'dystrophic+metastatic', label: 'Dystrophic calcification with Metastatic calcification', credit: 1 });
    expect(key.credits.find((c) => c.diagnosis === 'dystrophic')!.credit).toBe(0.5);
    expect(key.credits.find((c) => c.diagnosis === 'calciphylaxis')!.documentedMisdiagnosis).toBe(true);
    expect(key.documentedMisdiagnosis!.label).toMatch(/^Calciphylaxis/);
    expect(key.stewardship.map((s) => s.action)).toContain('sodium-thiosulfate');
    expect(key.keyFindings.reduce((s, k) => s + k.share, 0)).toBeCloseTo(1);
    expect(key.weights.reduce((s, w) => s + w.points, 0)).toBe(100);
  });

  it("describes the team's path step by step with its notes and score", () => {
    const def = course.cases.find((c) => c.slug === 'liver-transplant-calcification')!;
    const team = pathWithScore(def, def.teamPath);
    expect(team.steps).toHaveLength(def.teamPath.length);
    expect(team.steps[0]!.note).toBe(def.teamPath[0]!.note);
    expect(team.report.finished).toBe(true);
  });
});

describe('the instructor YAML is the only place the best paths live at build time', () => {
  it('no page or faculty module reads the test fixtures', () => {
    const files = [
      'src/pages/instructor/cases/[slug].astro',
      'src/components/faculty/DecisionMap.astro',
      'src/faculty/decision-map.ts',
      'src/faculty/answer-key.ts',
    ];
    for (const f of files) expect(readFileSync(join(projectRoot, f), 'utf8'), f).not.toMatch(/fixtures/);
  });
});
