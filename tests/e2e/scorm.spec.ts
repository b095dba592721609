import { test, expect, type Frame, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildPackages, EDITIONS, type BuiltPackage } from '../../src/scorm/packaging/package';
import { decodeSnapshot } from '../../src/scorm/suspend';
import { loadCourseContent } from '../../src/content-loading/load-content';
import { attemptReport } from '../../src/scoring/report';
import YAML from 'yaml';
import { fixtureEvents, Player, type PlayEvent } from './player';
import type { CommitEvent } from '../../src/schemas/events';
import { leadingLine } from '../../src/schemas/differential';

/**
 * The SCORM packages end to end. beforeAll builds every module's packages from the site that
 * `npm run build` made (dist/, or CALX_OUT_DIR), and serves them unzipped under a deep path from a
 * loopback server, beside a test LMS page (tests/e2e/scorm-harness/) where scorm-again provides
 * window.API (SCORM 1.2) and window.API_1484_11 (SCORM 2004).
 */

const root = process.cwd();
const distDir = resolve(root, process.env.CALX_OUT_DIR ?? 'dist');
const contentDir = resolve(root, process.env.CALX_CONTENT_DIR ?? 'content');
const MODULE = 'liver-cases';
const CASE = 'liver-transplant-calcification';
const OTHER_CASE = 'calcified-liver-new-dialysis';
const QUIZ = 'laboratory';
const best: PlayEvent[] = fixtureEvents(CASE);
const otherBest: PlayEvent[] = fixtureEvents(OTHER_CASE);

/** The deep path each package is served under; nothing may be requested outside it. */
const deepPath = (module: string, edition: string) => `/lms/content/${module}-${edition === '1.2' ? 'scorm12' : 'scorm2004'}/123/`;

const TYPES: Record<string, string> = {
  html: 'text/html',
  js: 'text/javascript',
  css: 'text/css',
  svg: 'image/svg+xml',
  xml: 'application/xml',
  xsd: 'application/xml',
  dtd: 'application/xml-dtd',
  json: 'application/json',
};

let server: Server;
let origin = '';
let packages: (BuiltPackage & { contents: Map<string, Uint8Array> })[] = [];
const served: { url: string; status: number }[] = [];

test.describe.configure({ mode: 'default' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  packages = await buildPackages({ distDir, contentDir });
  const harnessDir = join(root, 'tests/e2e/scorm-harness');
  const files = new Map<string, Uint8Array>();
  for (const p of packages) for (const [name, bytes] of p.contents) files.set(deepPath(p.module, p.edition) + name, bytes);
  files.set('/harness/index.html', readFileSync(join(harnessDir, 'index.html')));
  files.set('/harness/harness.js', readFileSync(join(harnessDir, 'harness.js')));
  files.set('/harness/scorm-again.js', readFileSync(join(root, 'node_modules/scorm-again/dist/scorm-again.js')));
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const body = files.get(path.endsWith('/') ? `${path}index.html` : path);
    served.push({ url: path, status: body ? 200 : 404 });
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.split('.').pop()!] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(Number(process.env.CALX_SCORM_PORT ?? 0), '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
});

/** Every request a page makes, and every response that was not found. */
function watch(page: Page) {
  const requests: string[] = [];
  const notFound: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) notFound.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => notFound.push(`failed ${r.url()}`));
  return {
    /** No 404, and nothing requested outside the package's path (but the LMS's own files). */
    expectContained(base: string) {
      expect(notFound).toEqual([]);
      const outside = requests.filter(
        (u) => !u.startsWith(origin + base) && !u.startsWith(`${origin}/harness/`) && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:blank',
      );
      expect(outside).toEqual([]);
      expect(requests.filter((u) => u.startsWith(origin + base)).length).toBeGreaterThan(5);
    },
  };
}

interface Lms {
  commits: Record<string, unknown>[];
  failedCommits: number;
}

const lmsState = (page: Page) => page.evaluate(() => (window as unknown as { lms: Lms }).lms as Lms);
const lastCommit = async (page: Page) => (await lmsState(page)).commits.at(-1) as { cmi: Record<string, unknown> } | undefined;

async function launch(page: Page, edition: string, cmi?: unknown) {
  const base = deepPath(MODULE, edition);
  const q = new URLSearchParams({ edition, package: `${base}index.html` });
  if (cmi) q.set('cmi', JSON.stringify(cmi));
  await page.goto(`${origin}/harness/index.html?${q}`);
  const entry = page.frameLocator('#sco');
  return { base, entry, status: entry.locator('#calx-scorm-status') };
}

/** The frame showing a step, found by its URL. */
async function stepFrame(page: Page, path: string): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes(path))).toBe(true);
  return page.frames().find((f) => f.url().includes(path))!;
}

/**
 * Waits until a step's page has made every request it makes by itself: the document and its subresources have loaded,
 * and each island that hydrates on load has fetched its code and hydrated (islands that wait to be scrolled to are not
 * loaded until then). Playwright's 'networkidle' stood in for this until it once never came in CI (a two-minute
 * timeout after the page, its stylesheet and its script had loaded), and its documentation advises against it in tests.
 */
async function pageLoaded(frame: Frame): Promise<void> {
  // Retried rather than polled: right after the frame's navigation commits, evaluating in it can still throw.
  await expect(async () => expect(await frame.evaluate(() => document.readyState)).toBe('complete')).toPass();
  await expect(frame.locator('astro-island[ssr]:not([client="visible"])')).toHaveCount(0);
}

/** Reads a 1.2 or 2004 value from what the LMS persisted at its last successful commit. */
function cmiValue(commit: { cmi: Record<string, unknown> } | undefined, path: string): unknown {
  let v: unknown = commit;
  for (const k of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[k];
  return v;
}

let course: ReturnType<typeof loadCourseContent> | undefined;
const scoreOf = (slug: string, events: PlayEvent[]) => {
  course ??= loadCourseContent(contentDir, root);
  return attemptReport(course.cases.find((c) => c.slug === slug)!, events).score.total;
};

/** Writes a finished attempt of the second case and a sitting of the quiz into the package's storage, as the player and the quiz would. */
async function seedRest(frame: Frame, quizCredit: number) {
  course ??= loadCourseContent(contentDir, root);
  const def = course.cases.find((c) => c.slug === OTHER_CASE)!;
  const total = scoreOf(OTHER_CASE, otherBest);
  const final = { diagnosis: leadingLine(([...otherBest].reverse().find((e) => e.type === 'COMMIT') as CommitEvent).differential).diagnosis };
  const at = new Date().toISOString();
  const attempt = {
    format: 'calx-attempt',
    formatVersion: 1,
    case: OTHER_CASE,
    caseVersion: def.version,
    events: otherBest,
    startedAt: at,
    updatedAt: at,
    result: { total, diagnosis: final.diagnosis, diagnosisLabel: def.diagnoses.find((d) => d.id === final.diagnosis)!.label, finishedAt: at },
  };
  const items = ['a', 'b', 'c', 'd'];
  const sitting = {
    quiz: QUIZ,
    title: 'Laboratory',
    mode: 'practice',
    seed: 's1',
    startedAt: at,
    updatedAt: at,
    finishedAt: at,
    itemCount: items.length,
    answers: items.map((item) => ({ item, answer: { type: 'numeric', value: 1 }, credit: quizCredit, at })),
    timeLimitMinutes: null,
    overTime: false,
  };
  await frame.evaluate(
    ([key, a, s]) => {
      localStorage.setItem(key as string, JSON.stringify(a));
      const p = JSON.parse(localStorage.getItem('calx:v1:progress') ?? 'null') ?? { format: 'calx-progress', version: 1, quizResults: [], review: {} };
      p.quizResults.push(s);
      localStorage.setItem('calx:v1:progress', JSON.stringify(p));
    },
    [`calx:v1:attempt:${OTHER_CASE}`, attempt, sitting] as const,
  );
  return total;
}

test('every package passes the schema, file and relative-URL checks', () => {
  expect(packages.map((p) => `${p.module} ${p.edition}`).sort()).toEqual(
    [...new Set(packages.map((p) => p.module))].flatMap((m) => EDITIONS.map((e) => `${m} ${e}`)).sort(),
  );
  for (const p of packages) expect(p.problems, `${p.file}`).toEqual([]);
});

for (const edition of EDITIONS) {
  test(`SCORM ${edition}: case 1 played in the package reports score, status, time and suspend data; the rest of the module completes it`, async ({ page }) => {
    const requests = watch(page);
    const { base, entry, status } = await launch(page, edition);
    await expect(status).toHaveAttribute('data-lms', edition);
    await expect(status).toHaveAttribute('data-state', /idle|saved/);

    await entry.getByRole('link', { name: /^1\. / }).click();
    const frame = await stepFrame(page, `${base}cases/${CASE}/`);
    // The module plays its cases in its own mode (content/modules/<slug>.yaml `caseMode`), fixed in the package's case pages.
    const caseMode = YAML.parse(readFileSync(join(contentDir, `modules/${MODULE}.yaml`), 'utf8')).caseMode ?? 'practice';
    const framePlayer = new Player(frame as unknown as Page, 'mouse');
    await framePlayer.waitReadyAfterReload();
    await expect(frame.getByTestId('play-mode')).toContainText(caseMode === 'test' ? 'Test mode' : 'Practice mode');
    await framePlayer.play(best);
    const total = scoreOf(CASE, best);
    expect(total).toBeGreaterThanOrEqual(95);

    // The LMS has the case's events, the module score so far (a third of the case, the other steps counting 0) and "not yet complete".
    const third = Math.round((total / 3) * 100) / 100;
    await expect.poll(async () => cmiValue(await lastCommit(page), edition === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw')).toBe(String(third));
    let commit = await lastCommit(page);
    const suspend = decodeSnapshot(String(cmiValue(commit, 'cmi.suspend_data')));
    expect(suspend.attempts[CASE]!.events).toEqual(best);
    expect(suspend.attempts[CASE]!.result?.total).toBe(total);
    if (edition === '1.2') {
      expect(cmiValue(commit, 'cmi.core.lesson_status')).toBe('incomplete');
      expect(cmiValue(commit, 'cmi.core.score.min')).toBe('0');
      expect(cmiValue(commit, 'cmi.core.score.max')).toBe('100');
      expect(cmiValue(commit, 'cmi.core.lesson_location')).toBe(`cases/${CASE}/index.html`);
      expect(await page.evaluate(() => (window as unknown as { API: { LMSGetValue(k: string): string } }).API.LMSGetValue('cmi.core.lesson_status'))).toBe(
        'incomplete',
      );
    } else {
      expect(cmiValue(commit, 'cmi.completion_status')).toBe('incomplete');
      expect(cmiValue(commit, 'cmi.success_status')).toBe('unknown');
      expect(cmiValue(commit, 'cmi.score.scaled') ?? '').toBe(''); // only once complete
      expect(cmiValue(commit, 'cmi.progress_measure')).toBe(String(Math.round((1 / 3) * 1000) / 1000));
      expect(cmiValue(commit, 'cmi.location')).toBe(`cases/${CASE}/index.html`);
    }
    await expect(entry.locator(`[data-step="case:${CASE}"]`)).toHaveAttribute('data-state', 'done');

    // The second case and the quiz, written as the player and the quiz write them: 1.2 fails the quiz (mean below 70), 2004 passes it.
    const quizCredit = edition === '1.2' ? 0 : 1;
    const other = await seedRest(frame, quizCredit);
    const mean = Math.round(((total + other + quizCredit * 100) / 3) * 100) / 100;
    await expect.poll(async () => cmiValue(await lastCommit(page), edition === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw')).toBe(String(mean));
    commit = await lastCommit(page);
    if (edition === '1.2') {
      expect(mean).toBeLessThan(70);
      expect(cmiValue(commit, 'cmi.core.lesson_status')).toBe('failed');
    } else {
      expect(mean).toBeGreaterThanOrEqual(70);
      expect(cmiValue(commit, 'cmi.completion_status')).toBe('completed');
      expect(cmiValue(commit, 'cmi.success_status')).toBe('passed');
      expect(cmiValue(commit, 'cmi.score.scaled')).toBe(String(Math.round(mean * 100) / 10000));
    }

    // Leaving the module finishes the session, with the session time.
    await page.evaluate(() => (document.getElementById('sco') as HTMLIFrameElement).contentWindow!.dispatchEvent(new Event('pagehide')));
    await expect(status).toHaveAttribute('data-state', 'finished');
    commit = await lastCommit(page);
    const time = String(cmiValue(commit, edition === '1.2' ? 'cmi.core.session_time' : 'cmi.session_time'));
    expect(time).toMatch(edition === '1.2' ? /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/ : /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/);
    expect(time).not.toMatch(/^(00:00:00(\.0+)?|PT0S)$/);
    requests.expectContained(base);
  });
}

test('SCORM 1.2: a learner resumes in the LMS on a fresh browser from the suspend data', async ({ page, browser }) => {
  // First session: a few steps of case 1.
  const first = await launch(page, '1.2');
  await first.entry.getByRole('link', { name: /^1\. / }).click();
  const frame = await stepFrame(page, `cases/${CASE}/`);
  await new Player(frame as unknown as Page, 'mouse').play(best.slice(0, 6));
  await expect.poll(async () => decodeSnapshot(String(cmiValue(await lastCommit(page), 'cmi.suspend_data') ?? 'CX1:')).attempts[CASE]?.events.length).toBe(6);
  const saved = (await lastCommit(page))!;

  // Second session: another browser profile (empty local storage), the LMS hands back what it kept.
  const context = await browser.newContext();
  const page2 = await context.newPage();
  const requests = watch(page2);
  const second = await launch(page2, '1.2', {
    suspend_data: cmiValue(saved, 'cmi.suspend_data'),
    core: { lesson_location: cmiValue(saved, 'cmi.core.lesson_location'), entry: 'resume' },
  });
  const frame2 = await stepFrame(page2, `cases/${CASE}/`); // reopens where the learner was
  const player = frame2.locator('.player');
  await player.scrollIntoViewIfNeeded();
  await expect(frame2.getByTestId('save-notice')).toContainText('Welcome back: your attempt is restored (6 steps)');
  await new Player(frame2 as unknown as Page, 'mouse').play(best.slice(6, 9));
  await expect.poll(async () => decodeSnapshot(String(cmiValue(await lastCommit(page2), 'cmi.suspend_data'))).attempts[CASE]?.events).toEqual(best.slice(0, 9));
  await expect(second.status).toHaveAttribute('data-state', 'saved');
  requests.expectContained(second.base);
  await context.close();
});

for (const [edition, failMode] of [
  ['1.2', 'error'],
  ['2004', 'throw'],
] as const) {
  test(
    `SCORM ${edition}: when the LMS ${failMode === 'error' ? 'answers commits with an error' : 'throws on commit'}, nothing is ` +
      `lost and the data arrives once it recovers`,
    async ({ page }) => {
      const { base, entry, status } = await launch(page, edition);
      await expect(status).toHaveAttribute('data-lms', edition);
      await entry.getByRole('link', { name: /^1\. / }).click();
      const frame = await stepFrame(page, `${base}cases/${CASE}/`);
      const player = new Player(frame as unknown as Page, 'mouse');
      await player.play(best.slice(0, 3));
      await expect
        .poll(async () => decodeSnapshot(String(cmiValue(await lastCommit(page), 'cmi.suspend_data') ?? 'CX1:')).attempts[CASE]?.events.length)
        .toBe(3);
      const before = (await lmsState(page)).commits.length;

      // The LMS starts failing: the learner plays on to the end.
      await page.evaluate((mode) => ((window as unknown as { lms: { failMode: string } }).lms.failMode = mode), failMode);
      await player.play(best.slice(3));
      await expect(status).toHaveAttribute('data-state', 'pending');
      await expect(status).toContainText('Nothing is lost');
      const failing = await lmsState(page);
      expect(failing.commits.length).toBe(before);
      expect(failing.failedCommits).toBeGreaterThan(0);
      // The player still has everything locally.
      const local = await frame.evaluate((k) => JSON.parse(localStorage.getItem(k)!).events.length, `calx:v1:attempt:${CASE}`);
      expect(local).toBe(best.length);

      // The LMS recovers: the retry delivers the whole attempt, the score and the status.
      await page.evaluate(() => ((window as unknown as { lms: { failMode: null } }).lms.failMode = null));
      await expect(status).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
      const commit = await lastCommit(page);
      const snap = decodeSnapshot(String(cmiValue(commit, 'cmi.suspend_data')));
      expect(snap.attempts[CASE]!.events).toEqual(best);
      const third = Math.round((scoreOf(CASE, best) / 3) * 100) / 100;
      expect(cmiValue(commit, edition === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw')).toBe(String(third));
      expect(cmiValue(commit, edition === '1.2' ? 'cmi.core.lesson_status' : 'cmi.completion_status')).toBe('incomplete');
    },
  );
}

test('opened outside an LMS, the package works on local storage and says so', async ({ page }) => {
  // It loads five pages of the package one after another; on a loaded two-core machine that can pass a minute.
  test.setTimeout(120_000);
  const requests = watch(page);
  const base = deepPath(MODULE, '2004');
  await page.goto(`${origin}${base}index.html`);
  const status = page.locator('#calx-scorm-status');
  await expect(status).toHaveAttribute('data-lms', 'none');
  await expect(status).toHaveAttribute('data-state', 'local');
  await expect(status).toContainText('Not connected to an LMS');
  await expect(status).toContainText('in this browser only');
  // The overview opens first; its links lead to the steps, inside the package.
  const overview = await stepFrame(page, `${base}module/`);
  await expect(overview.getByRole('heading', { level: 1 })).toBeVisible();
  // The entry page and the overview in its frame pass axe (WCAG 2.2 AA), as every page of the site does.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  await overview
    .getByRole('link', { name: /after a liver transplant|liver transplant/i })
    .first()
    .click();
  const frame = await stepFrame(page, `${base}cases/${CASE}/`);
  await new Player(frame as unknown as Page, 'mouse').play(best.slice(0, 2));
  await expect(page.locator(`[data-step="case:${CASE}"]`)).toHaveAttribute('data-state', 'in-progress');
  // Every other page of the package loads from inside it too.
  for (const path of ['about/index.html', `quizzes/${QUIZ}/index.html`, `cases/${OTHER_CASE}/index.html`, 'review/index.html']) {
    await page.locator('#calx-step').evaluate((f, src) => ((f as HTMLIFrameElement).src = src), path);
    await pageLoaded(await stepFrame(page, `${base}${path.replace('index.html', '')}`));
  }
  requests.expectContained(base);
});
