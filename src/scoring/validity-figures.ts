import type { CaseDefinition, Dimension } from '../schemas/case';
import type { PlayEvent } from '../schemas/events';
import { AttemptError } from '../engine/attempt';
import type { FlagId } from './score';
import { teamEvents } from './team-path';
import { blindGuess, describeScore, halfCreditEntry, hedge, randomPlay, scoreOf, searchCommitments, seeded, shotgun, type PolicyResult } from './validity';

/**
 * The validity figures of one case as an author reads them: each policy's score beside its limit, the
 * margin (how far inside the limit it is; negative when it fails) and, for a failure, what an author can
 * change in the case data. `npm run check:content` prints them, `npm run validity` tabulates them and
 * `tests/unit/validity.test.ts` asserts them, so all three show the same numbers and hold every case, an
 * author's new one included, to the same limits.
 */

/** How many seeded random plays the random-play figure averages, unless told otherwise. */
export const DEFAULT_WALKS = 500;

/** The seed of the random plays, so that the figure repeats run to run and report to report. */
const RANDOM_SEED = 20261201;

/** The limits (README "Validity"). */
export const VALIDITY_LIMITS = {
  /** The best path scores at least this, with no flag. */
  best: 95,
  /** No commitment pattern on the best path's orders beats it by more than this. */
  searchGain: 0.5,
  /** A blind guess scores at most this. */
  blind: 35,
  /** Shotgun play scores at most this. */
  shotgun: 50,
  /** The mean of uniformly random plays is at most this. */
  random: 30,
} as const;

/** One validity figure of a case. */
export interface ValidityFigure {
  /** A stable id: best, search, blind, shotgun, hedge, random, team. */
  id: 'best' | 'search' | 'blind' | 'shotgun' | 'hedge' | 'random' | 'team';
  /** What was played, in words. */
  label: string;
  /** The score it reached (for the team path, its total). */
  value: number;
  /** The rule, in words: "at least 95, no flag", "at most 35". */
  rule: string;
  /** How far inside the limit the value is, in points (negative: outside); null where the rule is a flag. */
  margin: number | null;
  pass: boolean;
  /** What drove the figure: the flags, the dimension that gave or cost the most. */
  detail: string;
  /** The flags the play raised, for the figures that are one play (not search or random play). */
  flags?: readonly FlagId[];
  /** For a failure: what an author can change. */
  advice?: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

const DIMENSION_WORDS: Record<Dimension, string> = {
  diagnosis: 'diagnosis',
  keyFindings: 'key findings',
  stewardship: 'stewardship',
  revision: 'revision',
  calibration: 'calibration',
  summary: 'summary',
};

/** The dimension that gave the most points. */
function mostFrom(p: PolicyResult): Dimension {
  return (Object.entries(p.dimensions) as [Dimension, number][]).sort((a, b) => b[1] - a[1])[0]![0];
}

/** What to change when the best path raises a flag. */
const FLAG_ADVICE: Record<string, string> = {
  'premature-closure': 'the best path commits its final diagnosis with under half the key findings in hand: order what reveals them before the last commitment',
  'critical-error': 'the best path gives a treatment marked critical: take that step out',
  overtreatment: 'the best path takes low-value or harmful actions worth more than the whole stewardship dimension: take them out',
  'documented-misdiagnosis': "the best path leads with the treating team's documented misdiagnosis: commit the answer instead",
  anchoring: 'the best path keeps a wrong working diagnosis after the evidence turned: revise it there',
};

const flagsOf = (p: PolicyResult) => (p.flags.length ? `flags: ${p.flags.join(', ')}` : 'no flag');

/** What to change when the best path loses most in a dimension. */
const BEST_PATH_ADVICE: Record<Dimension, string> = {
  diagnosis:
    'commit the answer leading at the last commitment, after the orders that reveal the key findings (a diagnosis committed with ' +
    'little evidence in hand keeps only part of its credit)',
  keyFindings:
    'order what reveals every key finding before the final commitment (content/instructor/<slug>.yaml), or list in ' +
    '`scoring.keyFindings` only findings the case can reveal',
  stewardship: 'drop orders beyond what the key findings need and any action with a stewardship penalty from the best path',
  revision: 'when the best path holds a wrong working diagnosis, revise it as soon as the evidence turns',
  calibration: 'put more probability on the answer at each commitment, as far as the evidence in hand allows',
  summary: "write the first commitment's summary with every qualifier of `scoring.problemRepresentation`",
};

/** What to change when a policy that should score little earns too much from a dimension. */
const TOO_MUCH_ADVICE: Record<Dimension, string> = {
  diagnosis:
    'lower `scoring.weights.diagnosis`, or make sure no key finding is presented for free at the first stage (the evidence gate ' +
    'then keeps a blind diagnosis at a quarter)',
  keyFindings: 'move key findings out of what stages present for free (`presents`) into what actions reveal, or lower `scoring.weights.keyFindings`',
  stewardship: 'add penalties for low-value and harmful actions (`scoring.stewardship`), or lower `scoring.weights.stewardship`',
  revision: 'lower `scoring.weights.revision`: a path with nothing to revise earns it in proportion to the evidence in hand',
  calibration:
    'lower `scoring.weights.calibration`, or weigh the key findings so that little can be known early (calibration counts a stage ' +
    'by the key-finding weight that exists by then)',
  summary: 'lower `scoring.weights.summary`, or give `scoring.problemRepresentation` more specific qualifiers',
};

/** Every validity figure of one case. `walks` random plays (seeded, so the figures repeat run to run). */
export function validityFigures(def: CaseDefinition, bestPath: readonly PlayEvent[], options: { walks?: number; seed?: number } = {}): ValidityFigure[] {
  try {
    return figuresOf(def, bestPath, options);
  } catch (e) {
    // A policy the case refuses (an answer that is not a list entry a policy can commit, say) is a finding, not a crash.
    if (!(e instanceof AttemptError)) throw e;
    return [
      {
        id: 'best',
        label: 'the validity policies',
        value: 0,
        rule: 'every policy plays to the end',
        margin: null,
        pass: false,
        detail: `a policy could not be played: ${e.message}`,
        advice: 'check that `scoring.answer` names list entries other than `something-else`, and that the best path plays',
      },
    ];
  }
}

function figuresOf(def: CaseDefinition, bestPath: readonly PlayEvent[], options: { walks?: number; seed?: number }): ValidityFigure[] {
  const walks = options.walks ?? DEFAULT_WALKS;
  const best = describeScore(scoreOf(def, bestPath));
  const figures: ValidityFigure[] = [];

  const bestPass = best.total >= VALIDITY_LIMITS.best && best.flags.length === 0;
  figures.push({
    id: 'best',
    label: 'best path (the instructor notes)',
    value: best.total,
    rule: `at least ${VALIDITY_LIMITS.best}, no flag`,
    margin: round1(best.total - VALIDITY_LIMITS.best),
    pass: bestPass,
    flags: best.flags,
    detail: `lost most in ${DIMENSION_WORDS[best.weakest.dimension]} (${best.weakest.lost} points); ${flagsOf(best)}`,
    ...(bestPass
      ? {}
      : {
          advice: best.flags.length
            ? best.flags.map((f) => FLAG_ADVICE[f] ?? `the best path is flagged ${f}`).join('; ')
            : BEST_PATH_ADVICE[best.weakest.dimension],
        }),
  });

  const search = searchCommitments(def, bestPath);
  const gain = round1(search.total - best.total);
  const searchPass = gain <= VALIDITY_LIMITS.searchGain;
  figures.push({
    id: 'search',
    label: "search: the best path's orders with every commitment on a 10% grid",
    value: search.total,
    rule: `at most ${VALIDITY_LIMITS.searchGain} above the best path (${best.total})`,
    margin: round1(VALIDITY_LIMITS.searchGain - gain),
    pass: searchPass,
    detail: `gain over the best path ${gain >= 0 ? '+' : ''}${gain}`,
    ...(searchPass
      ? {}
      : {
          advice: `the best path's commitments are not the best ones: commit as the search did (${search.events
            .filter((e) => e.type === 'COMMIT')
            .map((e) => (e.type === 'COMMIT' ? e.differential.map((d) => `${d.diagnosis} ${d.probability}%`).join(' + ') : ''))
            .join('; then ')})`,
        }),
  });

  const tooMuch = (id: 'blind' | 'shotgun', label: string, p: PolicyResult, limit: number, advice: string): ValidityFigure => ({
    id,
    label,
    value: p.total,
    rule: `at most ${limit}`,
    margin: round1(limit - p.total),
    pass: p.total <= limit,
    flags: p.flags,
    detail: `most points from ${DIMENSION_WORDS[mostFrom(p)]} (${p.dimensions[mostFrom(p)]}); ${flagsOf(p)}`,
    ...(p.total <= limit ? {} : { advice }),
  });
  const blind = describeScore(scoreOf(def, blindGuess(def)));
  figures.push(tooMuch('blind', 'blind guess: the answer at 90% at once, nothing ordered', blind, VALIDITY_LIMITS.blind, TOO_MUCH_ADVICE[mostFrom(blind)]));
  const gun = describeScore(scoreOf(def, shotgun(def)));
  figures.push(
    tooMuch(
      'shotgun',
      'shotgun: every test and treatment at every stage, the answer at 90%',
      gun,
      VALIDITY_LIMITS.shotgun,
      'add penalties for low-value and harmful actions (`scoring.stewardship`) and mark a harmful treatment a source names ' +
        '`critical: true` (it caps the total at 40); over-ordering then caps the total at 50',
    ),
  );

  const hedged = describeScore(scoreOf(def, hedge(def, bestPath)));
  const half = halfCreditEntry(def);
  figures.push({
    id: 'hedge',
    label: `hedge: the best path with its first commitment on ${half} at 50%`,
    value: hedged.total,
    rule: `at most the best path (${best.total})`,
    margin: round1(best.total - hedged.total),
    pass: hedged.total <= best.total,
    flags: hedged.flags,
    detail: flagsOf(hedged),
    ...(hedged.total <= best.total
      ? {}
      : {
          advice:
            `a half-right first call on "${half}" should not beat the best path: lower its credit in \`scoring.credits\`, ` +
            `or raise \`scoring.weights.calibration\``,
        }),
  });

  const random = seeded(options.seed ?? RANDOM_SEED);
  const totals: number[] = [];
  const dimSums = new Map<Dimension, number>();
  for (let i = 0; i < walks; i++) {
    const s = describeScore(scoreOf(def, randomPlay(def, random)));
    totals.push(s.total);
    for (const [d, v] of Object.entries(s.dimensions) as [Dimension, number][]) dimSums.set(d, (dimSums.get(d) ?? 0) + v);
  }
  const mean = round1(totals.reduce((a, b) => a + b, 0) / Math.max(1, walks));
  const [randomDim, randomPts] = [...dimSums].sort((a, b) => b[1] - a[1])[0] ?? ['diagnosis', 0];
  figures.push({
    id: 'random',
    label: `random play: the mean of ${walks} seeded uniformly random plays`,
    value: mean,
    rule: `at most ${VALIDITY_LIMITS.random}`,
    margin: round1(VALIDITY_LIMITS.random - mean),
    pass: mean <= VALIDITY_LIMITS.random,
    detail: `most points from ${DIMENSION_WORDS[randomDim]} (mean ${round1(randomPts / Math.max(1, walks))})`,
    ...(mean <= VALIDITY_LIMITS.random ? {} : { advice: TOO_MUCH_ADVICE[randomDim] }),
  });

  const team = describeScore(scoreOf(def, teamEvents(def)));
  const mis = def.scoring.documentedMisdiagnosis;
  const flagged = team.flags.includes('documented-misdiagnosis');
  const teamPass = mis ? flagged : !flagged;
  figures.push({
    id: 'team',
    label: "the treating team's documented path",
    value: team.total,
    rule: mis ? `flagged: the source documents the misdiagnosis "${mis.diagnosis}"` : 'not flagged as a documented misdiagnosis',
    margin: null,
    pass: teamPass,
    flags: team.flags,
    detail: flagsOf(team),
    ...(teamPass
      ? {}
      : {
          advice: mis
            ? `the team path never leads with "${mis.diagnosis}": commit it as the team did before revising (\`teamPath\`)`
            : 'the team path is flagged without a documented misdiagnosis: check `scoring.documentedMisdiagnosis`',
        }),
  });
  return figures;
}

/** One figure as a line: `✓ blind guess …: 24.7 (at most 35; margin 10.3) — most points from …`. */
export function formatFigure(f: ValidityFigure): string {
  const margin = f.margin === null ? '' : `; margin ${f.margin >= 0 ? '+' : ''}${f.margin}`;
  const head = `${f.pass ? 'ok  ' : 'FAIL'} ${f.label}: ${f.value} (${f.rule}${margin}); ${f.detail}`;
  return f.advice ? `${head}\n       what to change: ${f.advice}` : head;
}
