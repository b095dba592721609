import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot, course } from '../helpers/content';
import { MAX_EVENTS_PER_ATTEMPT } from '../../src/progress/limits';
import { terminalSafe } from '../../src/utils/terminal-text';

const tsx = join(projectRoot, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'calx-attempt-hostile-'));
function runFile(file: string) {
  return spawnSync(tsx, ['scripts/attempt.ts', file], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
function run(content: string | Buffer) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, content);
  return runFile(file);
}

const renamed = course.cases.find((c) => c.formerSlugs.length > 0)!;
const liver = course.cases.find((c) => c.slug === 'liver-transplant-calcification')!;
const best = JSON.parse(readFileSync(join(projectRoot, `tests/fixtures/attempts/${liver.slug}/best.json`), 'utf8')).events as unknown[];
// Anything a terminal would act on: C0/C1 controls (ANSI escapes start with ESC), bidi overrides and isolates.
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function deepNest(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('npm run attempt with hostile or damaged input', () => {
  it.each([
    ['a 100,000-deep nested event', `{"case":"${liver.slug}","events":[{"type":${deepNest(100_000)}}]}`, /does not accept event 1: unknown event type a list/],
    ['a 100,000-deep nested case slug', `{"case":${deepNest(100_000)},"events":[]}`, /has no "case" slug/],
    [
      'an action id with newlines and an ANSI escape',
      JSON.stringify({ case: liver.slug, events: [{ type: 'ORDER', action: 'pth\n\u001b[2J\u001b[31mowned\r' }] }),
      /does not accept event 1: unknown action "pth\\u\{a\}\\u\{1b\}\[2J/,
    ],
    ['a slug with a right-to-left override', JSON.stringify({ case: 'abc\u202egpj.exe', events: [] }), /unknown case "abc\\u\{202e\}gpj\.exe"/],
    ['a slug of 5 MB', JSON.stringify({ case: 'x'.repeat(5_000_000), events: [] }), /unknown case "x{60}… \(4,999,940 more characters\)"/],
    [
      'more events than an attempt may hold',
      JSON.stringify({ case: liver.slug, events: Array.from({ length: MAX_EVENTS_PER_ATTEMPT + 1 }, () => ({ type: 'ADVANCE' })) }),
      /at most 10,000 per attempt/,
    ],
    ['a file larger than the limit', Buffer.alloc(21 * 1024 * 1024, 0x20), /bytes; the most this reads is/],
    ['an empty file', '', /is not JSON/],
    ['a JSON number', '42', /must hold an object/],
  ])('rejects %s with one escaped line on stderr and exit code 2', (_name, content, message) => {
    const result = run(content);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(600);
    expect(result.stderr).not.toMatch(TERMINAL_CONTROL);
    expect(lines[0]).toMatch(message);
  });

  it('rejects a directory or a missing file with one line and exit code 2', () => {
    const sub = join(dir, 'a-folder.json');
    mkdirSync(sub, { recursive: true });
    for (const result of [runFile(sub), runFile(join(dir, 'missing.json'))]) {
      expect(result.status).toBe(2);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^attempt: cannot read /);
    }
  });

  it('reads a file that starts with a byte-order mark', () => {
    const result = run(`\uFEFF${JSON.stringify({ case: liver.slug, events: best })}`);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ case: liver.slug, finished: true });
  });

  it('warns about another case version and says it scored by replay on the current one', () => {
    const result = run(JSON.stringify({ format: 'calx-attempt', formatVersion: 1, case: liver.slug, caseVersion: '0123456789abcdef', events: best }));
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(
        [
          '^attempt: warning: the attempt was made on case version 0123456789abcdef, and the current version is [0-9a-f]{16}; ',
          'it was scored by replaying its events on the current version$',
        ].join(''),
        'm',
      ),
    );
    expect(JSON.parse(result.stdout).finished).toBe(true);
  });

  it('warns about another attempt format version and says how it read the events', () => {
    const result = run(JSON.stringify({ format: 'calx-attempt', formatVersion: 99, case: liver.slug, caseVersion: liver.version, events: best }));
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/warning: the file says attempt format 99, and this Calx reads format \d+; its events were read as format \d+ events/);
  });

  it('scores an attempt that names a former slug of a renamed case, on that case', () => {
    const result = run(JSON.stringify({ case: renamed.formerSlugs[0], events: [] }));
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`is now called "${renamed.slug}"`);
    expect(JSON.parse(result.stdout).case).toBe(renamed.slug);
  });
});

describe('terminal-safe text', () => {
  it('escapes controls, bidi overrides and invisible characters, and truncates long text', () => {
    expect(terminalSafe('a\u001b[31mb\r\nc\u202e\u2066\u200bd')).toBe('a\\u{1b}[31mb\\u{d}\\u{a}c\\u{202e}\\u{2066}\\u{200b}d');
    expect(terminalSafe('y'.repeat(100), 10)).toBe('yyyyyyyyyy… (90 more characters)');
    expect(terminalSafe('plain text')).toBe('plain text');
  });
});
