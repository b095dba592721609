import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { loadCourseContent } from '../../src/content-loading/load-content';
import { attemptReport } from '../../src/scoring/report';
import { modulesIn } from '../../src/scorm/packaging/package';
import { readInstructorNotes } from '../../src/content-loading/load-instructor';
import type { AttemptRecord } from '../../src/engine/attempt';
import { Player, type PlayEvent } from './player';

const SLUG = 'liver-transplant-calcification';
const course = loadCourseContent('content', process.cwd());
const def = course.cases.find((c) => c.slug === SLUG)!;
const mainModule = modulesIn('content', process.cwd()).find((m) => m.slug === 'calciphylaxis-and-its-mimics')!;
const notes = readInstructorNotes('content', course.cases, new Set(course.sources.map((s) => s.id)), process.cwd()).notes.find((n) => n.case === SLUG)!;
const fixture = (name: string): PlayEvent[] => JSON.parse(readFileSync(`tests/fixtures/attempts/${SLUG}/${name}.json`, 'utf8')).events;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Opens the class results page once its island has hydrated. */
async function openClassResults(page: Page) {
  await page.goto('/class-results/');
  await expect(page.locator('.class-results')).toHaveAttribute('data-ready', 'true');
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** An attempt file as the player's "Download this attempt" button writes it, made with the engine. */
function attemptFile(events: PlayEvent[], start: string, over: Partial<AttemptRecord> = {}): AttemptRecord {
  const report = attemptReport(def, events);
  const updatedAt = new Date(Date.parse(start) + 20 * 60_000).toISOString();
  return {
    format: 'calx-attempt',
    formatVersion: 1,
    case: SLUG,
    caseVersion: def.version,
    events,
    startedAt: start,
    updatedAt,
    result: { total: report.score.total, diagnosis: report.diagnosis!, diagnosisLabel: report.diagnosis!, finishedAt: updatedAt },
    ...over,
  };
}

const genuine = attemptFile(fixture('best'), '2026-03-02T09:00:00.000Z');
const anchored = attemptFile(fixture('anchored-calciphylaxis'), '2026-03-02T10:00:00.000Z');
const tampered: AttemptRecord = { ...anchored, result: { ...anchored.result!, total: 99 } };
const otherVersion: AttemptRecord = { ...attemptFile(fixture('best'), '2026-03-02T11:00:00.000Z'), caseVersion: '0123456789abcdef' };
const files = [
  { name: 'alice.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...genuine, learner: 'alice' })) },
  { name: 'bob.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...tampered, learner: 'bob' })) },
  { name: 'carol.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...otherVersion, learner: 'carol' })) },
];

test.describe('modules', () => {
  test('the module page lists the steps, and shows a finished case and the result against the pass mark', async ({ page }) => {
    // Arrange: play case 1's best path in the player.
    const player = new Player(page, 'mouse');
    await player.open(`/cases/${SLUG}/`);
    await player.play(fixture('best'));
    const total = Number((await page.getByTestId('score-total').locator('strong').textContent())!.trim());
    // Act
    await page.goto('/modules/calciphylaxis-and-its-mimics/');
    // Assert
    // The module's steps as the loader expands them (every case by rule, then the lesson and the quiz).
    const items = mainModule.items;
    const lesson = items.findIndex((i) => i.kind === 'lesson');
    const quiz = items.findIndex((i) => i.kind === 'quiz');
    const steps = page.getByTestId('module-steps').locator('li');
    await expect(steps).toHaveCount(items.length);
    await expect(steps.nth(0).getByRole('link')).toHaveAttribute('href', `/cases/${SLUG}/`);
    await expect(steps.nth(lesson)).toContainText('Telling them apart');
    await expect(steps.nth(quiz).getByRole('link')).toHaveAttribute('href', '/quizzes/processes/');
    await expect(page.locator('[data-step-status="0"]')).toHaveText(`Done, score ${total} of 100`);
    await expect(page.locator('[data-step-status="1"]')).toHaveText('Not started');
    await expect(page.locator(`[data-step-status="${lesson}"]`)).toHaveText('Not scored');
    await expect(page.getByTestId('module-outcome')).toHaveAttribute('data-outcome', 'in-progress');
    await expect(page.getByTestId('module-outcome')).toHaveText(`In progress: 1 of 6 scored steps done, mean score so far ${total} (pass mark 70).`);
    await expect(page.getByLabel('Link to this module')).toHaveValue(new URL('/modules/calciphylaxis-and-its-mimics/', page.url()).href);
  });

  test('a module is passed when every case and quiz is done above the pass mark', async ({ page }) => {
    await page.goto('/modules/');
    const liver = course.cases.find((c) => c.slug === 'calcified-liver-new-dialysis')!;
    await page.evaluate(
      ({ records, progress }) => {
        for (const r of records) localStorage.setItem(`calx:v1:attempt:${r.case}`, JSON.stringify(r));
        localStorage.setItem('calx:v1:progress', JSON.stringify(progress));
      },
      {
        records: [
          { ...genuine, result: { ...genuine.result!, total: 90 } },
          { ...genuine, case: liver.slug, caseVersion: liver.version, events: [{ type: 'FINISH' }], result: { ...genuine.result!, total: 60 } },
        ],
        progress: {
          format: 'calx-progress',
          version: 1,
          review: {},
          quizResults: [
            {
              quiz: 'laboratory',
              title: 'Reading the mineral numbers',
              mode: 'test',
              seed: 's',
              startedAt: '2026-03-02T09:00:00.000Z',
              updatedAt: '2026-03-02T09:10:00.000Z',
              finishedAt: '2026-03-02T09:10:00.000Z',
              itemCount: 2,
              answers: [
                { item: 'a', answer: { type: 'single', choice: 'x' }, credit: 1, at: '2026-03-02T09:05:00.000Z' },
                { item: 'b', answer: { type: 'single', choice: 'y' }, credit: 0.5, at: '2026-03-02T09:06:00.000Z' },
              ],
              timeLimitMinutes: null,
              overTime: false,
            },
          ],
        },
      },
    );
    await page.goto('/modules/liver-cases/');
    await expect(page.locator('[data-step-status="2"]')).toHaveText('Done, best score 75%');
    await expect(page.getByTestId('module-outcome')).toHaveAttribute('data-outcome', 'passed');
    await expect(page.getByTestId('module-outcome')).toHaveText('Passed: all 3 scored steps done, with a mean score of 75 against a pass mark of 70.');
  });

  test('the copy button copies the link or says how to', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/modules/liver-cases/');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.locator('[data-copy-status]')).toHaveText(/^(Link copied\.|Copying is blocked here)/);
  });
});

test.describe('instructor view', () => {
  test("a case's instructor page shows the answer key, the questions and the decision map drawn from the machine", async ({ page }) => {
    await page.goto(`/instructor/cases/${SLUG}/`);
    const credit = page.getByTestId('credit-table');
    // The whole answer (for case 1, two processes documented together) earns full credit.
    await expect(credit.locator(`tr[data-diagnosis="${def.scoring.answer.map((x) => x.diagnosis).join('+')}"] td`).first()).toHaveText('1');
    await expect(credit.locator('tr[data-diagnosis="calciphylaxis"]')).toContainText("the team's first call");
    await expect(page.getByTestId('key-findings').locator('tbody tr')).toHaveCount(def.scoring.keyFindings.length);
    await expect(page.getByTestId('stewardship')).toContainText('sodium thiosulfate');
    await expect(page.getByTestId('documented-misdiagnosis')).toContainText('Calciphylaxis');
    await expect(page.getByTestId('discussion-questions').locator('li')).toHaveCount(notes.discussionQuestions.length);

    const svg = page.getByTestId('decision-map-svg');
    await expect(svg).toBeVisible();
    await expect(svg).toHaveAttribute('role', 'img');
    await expect(svg.locator('title')).toHaveText(`Decision map of the case: ${def.title}`);
    await expect(svg.locator('.dm-node')).toHaveCount(def.stages.length + 1);
    await expect(svg.locator('.dm-edge[data-event="ADVANCE"]')).toHaveCount(def.stages.length - 1);
    await expect(svg.locator('.dm-edge[data-event="FINISH"]')).toHaveCount(1);
    await expect(svg.locator('.dm-edge[data-event="ADVANCE"][data-team="true"][data-best="true"]')).toHaveCount(def.stages.length - 1);
    await expect(page.getByTestId('decision-map-list').locator(':scope > li')).toHaveCount(def.stages.length + 1);
    await expect(page.getByTestId('team-path').locator('li')).toHaveCount(def.teamPath.length);
  });

  test("a module's instructor page links to each case's instructor page and names the pass mark", async ({ page }) => {
    await page.goto('/instructor/modules/liver-cases/');
    await expect(page.getByTestId('pass-mark')).toContainText('70');
    await page.getByRole('link', { name: /^Answer key and decision map\s+for Calcium deposits after a liver transplant$/ }).click();
    await expect(page).toHaveURL(`/instructor/cases/${SLUG}/`);
  });
});

test.describe('class results', () => {
  test('three dropped attempt files are re-scored in the browser, flagged, charted and exported to CSV, with nothing sent anywhere', async ({ page }) => {
    await openClassResults(page);
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' || !r.url().startsWith(new URL(page.url()).origin) || r.postData()) sent.push(`${r.method()} ${r.url()}`);
    });
    // Act: choose the files with the file input.
    await page.getByLabel('Choose attempt files').setInputFiles(files);
    // Assert: the table.
    const table = page.getByTestId('class-table');
    await expect(table.locator('tbody tr')).toHaveCount(3);
    const bob = table.locator('tr[data-learner="bob"]');
    const replayed = attemptReport(def, tampered.events).score.total;
    await expect(bob).toHaveAttribute('data-flagged', 'true');
    await expect(bob.locator('[data-flag="score-mismatch"]')).toHaveText(`Flagged: claims a score of 99, but replaying its events scores ${replayed}`);
    await expect(bob.locator('[data-total]')).toHaveText(String(replayed));
    const carol = table.locator('tr[data-learner="carol"]');
    await expect(carol.locator('[data-flag="other-version"]')).toContainText('made on another version of the case');
    await expect(carol).toHaveAttribute('data-counted', 'false');
    const alice = table.locator('tr[data-learner="alice"]');
    await expect(alice).toHaveAttribute('data-flagged', 'false');
    await expect(alice.locator('[data-total]')).toHaveText(String(genuine.result!.total));
    await expect(alice).toContainText('20 min');
    // The charts: accessible SVG with a text alternative.
    const section = page.getByTestId('class-case');
    await expect(section).toHaveCount(1);
    await expect(section.locator('svg[role="img"]').first()).toBeVisible();
    await expect(section.locator('[data-chart$="-dist"] desc')).toContainText('90–100: 1');
    await expect(section.locator('[data-chart$="-wrong"]')).toContainText('Calciphylaxis');
    await expect(section.locator('[data-chart$="-missed"] svg')).toBeVisible();
    await expect(section.locator('.decision-point')).toHaveCount(def.stages.length);
    await expect(page.getByTestId('class-live')).toContainText('3 files read. 3 attempts in the table, 2 flagged, 0 file problems.');

    // A malformed file, dropped on the drop zone, is listed with its reason.
    await page.getByTestId('dropzone').evaluate((zone) => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{ not json'], 'dan.json', { type: 'application/json' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect(page.getByTestId('file-problems')).toContainText('dan.json: it is not valid JSON');
    await expect(table.locator('tbody tr')).toHaveCount(3);

    // CSV download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^calx-class-results-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^learner,file,case,/);
    expect(csv.filter((l) => l.startsWith('bob,'))[0]).toContain('claims a score of 99');
    expect(csv).toHaveLength(5);

    expect(sent).toEqual([]);
  });

  test('the class results page with data loaded has no accessibility violations', async ({ page }) => {
    await openClassResults(page);
    await page.getByLabel('Choose attempt files').setInputFiles([...files, { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('nope') }]);
    await expect(page.getByTestId('class-table').locator('tbody tr')).toHaveCount(3);
    await expectNoViolations(page);
  });
});
