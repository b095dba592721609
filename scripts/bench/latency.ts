/**
 * Interaction latency in Chromium: from a click on an order button in the case player to its
 * result on screen, with the CPU throttled 4x (CDP Emulation.setCPUThrottlingRate). Plays each
 * case's best path; every ORDER is timed, the other steps only move the case on.
 *
 * Timed in the page: from the click event's timestamp (the order button's handler is a click
 * handler; INP likewise times each event of an interaction from its own timestamp) to the first task
 * after the next frame once `[data-result-for=<action>]` is in the DOM (requestAnimationFrame then
 * setTimeout: the frame that paints the result has been produced). Also reported: to the moment
 * the result enters the DOM.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { PlayEvent } from '../../src/schemas/events';
import { BUDGETS } from './budgets';
import { CHROME_FLAGS, chromiumPath, fmtMs, median, p95, projectRoot, type PageGroup, type Report } from './lib';

const SECTION = 'click → result (Chromium, 4x CPU throttle)';

interface Timing {
  click: number;
  dom: number;
  painted: number;
}

type Win = Window & { __calxPending?: Promise<Timing> };

/** Arms the in-page timer for one order before its click. */
async function arm(page: Page, action: string): Promise<void> {
  await page.evaluate((action) => {
    const w = window as Win;
    const selector = `[data-result-for="${CSS.escape(action)}"]`;
    const root = document.querySelector('.player')!;
    const before = root.querySelectorAll(selector).length;
    w.__calxPending = new Promise<Timing>((resolve, reject) => {
      let click = Number.NaN;
      document.addEventListener('click', (e) => (click = e.timeStamp), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (root.querySelectorAll(selector).length <= before) return;
        observer.disconnect();
        const dom = performance.now();
        requestAnimationFrame(() => setTimeout(() => resolve({ click, dom, painted: performance.now() }), 0));
      });
      observer.observe(root, { childList: true, subtree: true });
      setTimeout(() => reject(new Error(`no result for ${action} within 20 s`)), 20_000);
    });
  }, action);
}

async function waitReady(page: Page) {
  await page.locator('.player').scrollIntoViewIfNeeded();
  await page.locator('.player[data-ready="true"]').waitFor({ timeout: 30_000 });
}

async function send(page: Page, event: PlayEvent, timings: Timing[]): Promise<void> {
  const root = page.locator('.player');
  switch (event.type) {
    case 'ORDER': {
      const button = root.locator(`button[data-action="${event.action}"]`);
      await button.scrollIntoViewIfNeeded();
      await arm(page, event.action);
      await button.click();
      timings.push(await page.evaluate(() => (window as Win).__calxPending!));
      return;
    }
    case 'COMMIT': {
      // Drives the player's diagnosis form with the differential's leading entry.
      const lead = event.differential.reduce((a, b) => (b.probability > a.probability ? b : a));
      const pct = String(lead.probability);
      if (event.summary !== undefined) await root.locator('textarea[name="summary"]').fill(event.summary);
      await root.locator(`input[name="diagnosis"][value="${lead.diagnosis}"]`).check();
      await root.locator('select[name="confidence"]').selectOption(pct);
      await root.getByRole('button', { name: /(Commit|Revise) (working|final) diagnosis/ }).click();
      await root.getByTestId('working-diagnosis').filter({ hasText: `${pct}%` }).waitFor();
      return;
    }
    case 'ADVANCE': {
      const stage = await root.getAttribute('data-stage');
      await root.getByRole('button', { name: /^Move on to / }).click();
      await page.waitForFunction((s) => document.querySelector('.player')?.getAttribute('data-stage') !== s, stage);
      return;
    }
    case 'FINISH':
      await root.getByRole('button', { name: 'Finish and see the debrief' }).click();
      await page.locator('.player[data-finished="true"]').waitFor();
      return;
  }
}

export async function benchLatency(report: Report, origin: string, caseGroup: PageGroup | undefined, quick: boolean, log: (s: string) => void): Promise<void> {
  const pages = caseGroup?.pages ?? [];
  if (pages.length === 0) {
    report.add({ section: SECTION, figure: 'click → result', value: '—', budget: '', status: 'not built', note: 'no case page in the build' });
    return;
  }
  const slugs = pages.map((p) => p.split('/')[2]!).filter((slug) => existsSync(join(projectRoot, 'tests/fixtures/attempts', slug, 'best.json')));
  const plays = quick ? slugs.slice(0, 1) : [...slugs, ...slugs]; // the full run plays every best path twice
  const browser = await chromium.launch({ ...(chromiumPath ? { executablePath: chromiumPath } : {}), args: CHROME_FLAGS.filter((f) => f !== '--headless=new') });
  const timings: Timing[] = [];
  try {
    for (const slug of plays) {
      const events = (JSON.parse(readFileSync(join(projectRoot, 'tests/fixtures/attempts', slug, 'best.json'), 'utf8')) as { events: PlayEvent[] }).events;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(`${origin}/cases/${slug}/`);
        await waitReady(page);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        const before = timings.length;
        for (const e of events) await send(page, e, timings);
        log(`latency: ${slug}: ${timings.length - before} orders`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const painted = timings.map((t) => t.painted - t.click);
  const dom = timings.map((t) => t.dom - t.click);
  const bad = timings.filter((t) => Number.isNaN(t.click)).length;
  const cases = new Set(plays).size;
  const note = `${painted.length} clicks: the orders of the best path${cases === 1 ? ' of 1 case' : `s of ${cases} cases`}${plays.length > cases ? `, each played ${plays.length / cases} times` : ''}${bad ? `; ${bad} without a click timestamp` : ''}`;
  report.budgeted(SECTION, 'click → result painted, median', median(painted), BUDGETS.clickToResultMs, fmtMs, { note });
  report.budgeted(SECTION, 'click → result painted, p95', p95(painted), BUDGETS.clickToResultMs, fmtMs, { note: `max ${fmtMs(Math.max(...painted))}` });
  report.info(SECTION, 'click → result in the DOM, median · p95', `${fmtMs(median(dom))} · ${fmtMs(p95(dom))}`);
}
