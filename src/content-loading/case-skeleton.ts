/**
 * The skeleton `npm run new-case <slug>` writes: every file a case needs, commented, with `TODO` where
 * the author has something to write. Each placeholder is a value the schema accepts, so that
 * `npm run check:content` reports the TODOs themselves (file:line:column) rather than a cascade of
 * schema errors, and passes once they are written. Pure: returns file texts; the script writes them.
 */

/** Lower-case words joined by hyphens: the case's URL. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why a slug cannot be a new case's, or null when it can. */
export function slugProblem(slug: string, existing: ReadonlySet<string>): string | null {
  if (!SLUG_PATTERN.test(slug)) return `"${slug}" is not a case slug: use lower-case words joined by hyphens (kebab-case), e.g. hard-legs-haemodialysis`;
  if (existing.has(slug)) return `there is already a case "${slug}" (content/cases/${slug}/): choose another slug, or edit that case`;
  return null;
}

/** One file of the skeleton: where it goes (relative to the content folder) and its text. */
export interface SkeletonFile {
  path: string;
  text: string;
}

/** Where the generated JSON Schemas are, relative to the content folder, for the `yaml-language-server` line. */
export interface SchemaLinks {
  case?: string;
  source?: string;
  instructor?: string;
}

const schemaLine = (rel: string | undefined, depth: number) => (rel ? `# yaml-language-server: $schema=${'../'.repeat(depth)}${rel}\n` : '');

/** The files of a new case. `sourceId` names the paper's record; `writeSource` is false when it exists already. */
export function caseSkeleton(slug: string, options: { sourceId: string; writeSource: boolean; schemas?: SchemaLinks }): SkeletonFile[] {
  const { sourceId, schemas = {} } = options;
  const files: SkeletonFile[] = [];
  if (options.writeSource)
    files.push({
      path: `sources/${sourceId}.yaml`,
      text: `${schemaLine(schemas.source, 1)}# The paper case "${slug}" retells. Every field is described in the authoring guide (/authoring/).
# Its text, for the provenance checks: content/sources/${sourceId}.txt where the licence allows the project to
# carry it; otherwise put the file in the folder SOURCES_DIR names (default ../shared/seeds) and name it in \`seed\`.
authors:
  - TODO Surname AB    # as printed, in order
title: "TODO: the article's exact title"
journal: "TODO: the journal; delete this line if it is not known (pages then say 'journal not recorded')"
year: 2000 # TODO: the year of publication
# doi: 10.xxxx/xxxx     # if the paper has one
# url: https://…        # a stable address when there is no DOI
licence: "TODO: the licence, e.g. CC BY 4.0; delete this line if it is not known"
# seed: the-paper.txt   # only when the text is in SOURCES_DIR rather than content/sources/${sourceId}.txt
`,
    });

  files.push({
    path: `cases/${slug}/case.yaml`,
    text: `${schemaLine(schemas.case, 2)}# A case simulation. Every field is described in the authoring guide (/authoring/); an editor with the
# YAML extension completes them from the schema named on the first line. Write every clinical fact from the
# paper only, in your own words, each with its evidence: a verbatim quote of fewer than 12 words, and the
# section, as one line: evidence: "the quote @ Section" (the case's own source), or { source, quote, section }.
# Write over each placeholder; npm run check:content lists those left, with their lines.

title: "TODO: a neutral title that does not name the diagnosis (it is shown before the debrief)"
summary: >-
  TODO: two or three sentences on who the patient is and what the learner must decide, naming no diagnosis.
source: ${sourceId}
estimatedMinutes: 15 # TODO: about how long a learner needs
order: 100 # place in the course: cases are listed by this number
clock:
  label: Hospital day # TODO: the case's clock, e.g. Postoperative day, Clinic visit
  short: Day

patient:
  age: 50 # TODO: the age the paper gives
  sex: female # TODO: female or male, as the paper gives
  oneLiner: "TODO: one line on the patient at presentation"
  evidence: "TODO: a verbatim quote of fewer than 12 words @ Case report"

# The stages, in clock order. A stage presents what the learner sees on arriving there; \`presentsIf\` shows
# findings only after an earlier action (a result that comes back later).
stages:
  - id: first-visit
    day: 1 # TODO: the day on the case's clock
    title: "TODO: what happens at this point"
    presentation: |-
      TODO: the presentation in your own words: what the patient says, why they came. Name no diagnosis.
    presents: [presenting-complaint]
  - id: results
    day: 2 # TODO
    title: "TODO: e.g. The biopsy report"
    presentation: |-
      TODO: what has changed; what the learner decides now.
    presentsIf:
      - after: biopsy
        presents: [biopsy-result]

# Findings a stage presents, or that several actions reveal. A finding only one action reveals can be written
# under that action instead (see \`actions\`).
findings:
  - id: presenting-complaint
    label: Presenting complaint
    from: first-visit
    report: "TODO: the complaint in your own words"
    evidence: "TODO: a verbatim quote of fewer than 12 words @ Case report"
  - id: biopsy-result
    label: Skin biopsy
    from: results
    report: "TODO: what the pathology showed, in your own words"
    evidence: "TODO: a verbatim quote of fewer than 12 words @ Case report"

# What the learner can do. Each action reveals findings, or says the paper does not report it
# (\`notReported: true\` writes the standard sentence). Never invent a value.
actions:
  - id: history
    kind: history
    label: Take the history
    reveals:
      - id: history-finding
        label: History
        from: first-visit
        report: "TODO: what the history showed"
        evidence: "TODO: a verbatim quote of fewer than 12 words @ Case report"
  - id: examine
    kind: exam
    label: Examine the skin
    reveals:
      - id: exam-finding
        label: Examination
        from: first-visit
        report: "TODO: what the examination showed"
        evidence: "TODO: a verbatim quote of fewer than 12 words @ Case report"
  - id: serum-calcium
    kind: lab
    label: Serum calcium
    reveals:
      - id: calcium
        label: Serum calcium
        from: first-visit
        # The reference range comes from content/analytes.yaml when the paper prints none.
        lab: { value: 9.5, unit: mg/dL, analyte: calcium } # TODO: the value and unit the paper gives; add flag: high or low if it says so
        evidence: "TODO: a verbatim quote of fewer than 12 words @ Case report"
  - id: imaging
    kind: imaging
    label: "TODO: the imaging the team did, e.g. Plain radiograph of the legs"
    reveals:
      - id: imaging-finding
        label: Imaging
        from: first-visit
        report: "TODO: what the imaging showed"
        evidence: "TODO: a verbatim quote of fewer than 12 words @ Case report"
  - id: biopsy
    kind: pathology
    label: Skin biopsy
    reveals: [biopsy-result]
  - id: unreported-test
    kind: lab
    label: "TODO: a test a learner may reasonably ask for that the paper does not report"
    notReported: true
  - id: low-value-test
    kind: imaging
    label: "TODO: a test that adds nothing here (give it a stewardship penalty below)"
    notReported: true
  - id: harmful-treatment
    kind: treatment
    label: "TODO: a treatment the sources warn against (give it a stewardship penalty below)"
    notReported: true # the paper does not report giving it: the learner sees its consequence below
    consequence:
      text: "TODO: what the sources say follows from it"
      evidence: "TODO: a verbatim quote of fewer than 12 words @ Discussion"
  - id: helpful-treatment
    kind: treatment
    label: "TODO: the treatment the team gave"
    reveals:
      - id: treatment-course
        label: Course after treatment
        from: first-visit
        report: "TODO: what followed"
        evidence: "TODO: a verbatim quote of fewer than 12 words @ Case report"

# The answer key (never shown before the debrief). Diagnoses are ids from content/diagnoses.yaml.
scoring:
  weights: { diagnosis: 30, keyFindings: 20, stewardship: 15, revision: 10, calibration: 15, summary: 10 }
  answer:
    - diagnosis: something-else # TODO: the list entry (content/diagnoses.yaml) the paper documents as the diagnosis
      share: 1
      feedback: "TODO: why this is the diagnosis, in your own words"
      evidence: "TODO: a verbatim quote of fewer than 12 words @ Discussion"
  # credits: positions a source supports (partial credit) or tempting wrong calls, each with feedback and evidence.
  # documentedMisdiagnosis: the team's first, abandoned diagnosis, if the paper documents one.
  keyFindings:
    - finding: biopsy-result
      weight: 3
      why: "TODO: why this finding settles the question"
    - finding: exam-finding
      weight: 1
      why: "TODO: why it discriminates"
    - finding: imaging-finding
      weight: 1
      why: "TODO: why it discriminates"
  stewardship:
    - action: low-value-test
      penalty: 0.5
      severity: low-value
      reason: "TODO: why it adds nothing here"
      evidence: "TODO: a verbatim quote of fewer than 12 words @ Discussion"
    - action: harmful-treatment
      penalty: 0.6
      severity: harmful
      # critical: true   # only for a harmful treatment a source names: it caps the total at 40
      reason: "TODO: the harm the sources name"
      evidence: "TODO: a verbatim quote of fewer than 12 words @ Discussion"
  problemRepresentation:
    expertSummary: "TODO: one sentence an expert would write about the patient, with every qualifier below"
    evidence: "TODO: a verbatim quote of fewer than 12 words @ Case report"
    qualifiers:
      - id: first-qualifier
        label: "TODO: a semantic qualifier, e.g. dialysis-dependent"
        synonyms: ["TODO: words a learner may use for it"]
      - id: second-qualifier
        label: "TODO: another qualifier"
        synonyms: ["TODO: words a learner may use for it"]

# What the treating team did, in the player's words, each step with a note (and evidence where the paper says so).
teamPath:
  - order: history
    note: "TODO: what the team did first"
  - commit: { something-else: 100 } # TODO: the team's working diagnosis (content/diagnoses.yaml ids and percents)
    summary: "TODO: the team's one-sentence summary of the patient"
    note: "TODO: what the team thought"
  - advance: true
    note: "TODO: what happened next"
  - finish: true
    note: "TODO: how the case ended"

teachingPoints:
  - text: "TODO: a point to take away, in your own words"
    evidence: "TODO: a verbatim quote of fewer than 12 words @ Discussion"
`,
  });

  files.push({
    path: `cases/${slug}/lesson.mdx`,
    text: `---
title: "TODO: the lesson's title (neutral, as the case's)"
objectives:
  - "TODO: what the learner will be able to do afterwards"
---

## Introduction

TODO: two or three paragraphs that set the scene in your own words, naming no diagnosis.

<Objectives />

## The case

<Simulation />

## After the debrief

<AfterDebrief>

<TeachingPoints />

TODO: the discussion, in your own words: what the case teaches, where the sources disagree.

</AfterDebrief>
`,
  });

  files.push({
    path: `instructor/${slug}.yaml`,
    text: `${schemaLine(schemas.instructor, 1)}# Instructor notes for "${slug}": discussion questions and the best path (the one place it is written;
# the tests, the decision map and npm run check:content all read it). Every field: the authoring guide (/authoring/).

discussionQuestions:
  - question: "TODO: a question for a class discussion, in your own words"
    evidence: { source: ${sourceId}, quote: "TODO: a verbatim quote of fewer than 12 words", section: Discussion }
  - question: "TODO: a second question"
    evidence: { source: ${sourceId}, quote: "TODO: a verbatim quote of fewer than 12 words", section: Discussion }
  - question: "TODO: a third question"
    evidence: { source: ${sourceId}, quote: "TODO: a verbatim quote of fewer than 12 words", section: Discussion }

# The best path: what an expert would do. It must play to the end and score at least 95 with no flag;
# npm run check:content prints its score and every validity figure with its margin.
bestPath:
  - order: history
  - order: examine
  - order: serum-calcium
  - order: imaging
  - order: biopsy
  - commit: { something-else: 100 } # TODO: the answer's id, with the probability the evidence then allows
    summary: "TODO: the expert's one-sentence summary"
  - advance
  # Revise here (- commit: {…}) if the last stage changes what the evidence allows; a differential in force carries on.
  - finish
`,
  });
  return files;
}
