import { describe, expect, it, vi } from 'vitest';
import compileHints, { COMPILE_HINT, FIRST_ORDER_MODULES, shiftedDownOneLine } from '../../src/integrations/compile-hints.mjs';

type Chunk = { type: 'chunk'; fileName: string; moduleIds: string[]; code: string };
const chunk = (fileName: string, ...moduleIds: string[]): Chunk => ({ type: 'chunk', fileName, moduleIds, code: 'import"./x.js";export{}' });

/** The plugin's bundle step, run on a made-up bundle; returns the warnings it gave. */
function generate(bundle: Record<string, Chunk | { type: 'asset'; fileName: string; source: string }>): string[] {
  const plugin = compileHints();
  const warn = vi.fn();
  const hook = plugin.generateBundle as { handler: (this: unknown, options: unknown, bundle: unknown) => void };
  hook.handler.call({ warn }, {}, bundle);
  return warn.mock.calls.map((c) => String(c[0]));
}

const PLAYER = '/site/src/islands/CasePlayer.tsx';
const MACHINE = '/site/src/engine/machine.ts';
const REACT_DOM = '/site/node_modules/react-dom/cjs/react-dom-client.production.js';

describe('compile hints', () => {
  it('marks the chunks that hold the player, the machine and React’s renderer, as their first line, and nothing else', () => {
    const player = chunk('CasePlayer.js', PLAYER, '/site/src/islands/OrderPanel.tsx');
    const machine = chunk('describe.js', '/site/src/scoring/describe.ts', MACHINE);
    const react = chunk('client.js', REACT_DOM);
    const debrief = chunk('DebriefView.js', '/site/src/islands/DebriefView.tsx');
    const hooks = chunk('react.js', '/site/node_modules/react/cjs/react.production.js');
    const before = debrief.code;
    const warnings = generate({ player, machine, react, debrief, hooks, css: { type: 'asset', fileName: 'a.css', source: '' } });
    for (const c of [player, machine, react]) expect(c.code.split('\n')[0], c.fileName).toBe(COMPILE_HINT);
    for (const c of [debrief, hooks]) expect(c.code, c.fileName).toBe(before);
    expect(warnings).toEqual([]);
  });

  it('moves a marked chunk’s source map down one line with its code, and leaves other maps alone', () => {
    const map = (file: string) => JSON.stringify({ version: 3, file, sources: ['a.ts'], names: ['x'], mappings: 'AAAA,CAAC;AACA' });
    const player = chunk('CasePlayer.js', PLAYER);
    const playerMap = { type: 'asset' as const, fileName: 'CasePlayer.js.map', source: map('CasePlayer.js') };
    const debrief = chunk('DebriefView.js', '/site/src/islands/DebriefView.tsx');
    const debriefMap = { type: 'asset' as const, fileName: 'DebriefView.js.map', source: map('DebriefView.js') };
    generate({ player, 'CasePlayer.js.map': playerMap, debrief, 'DebriefView.js.map': debriefMap });
    // In source-map mappings `;` separates generated lines: what was on line 1 is now on line 2, under the hint.
    expect(JSON.parse(playerMap.source)).toEqual({ ...JSON.parse(map('CasePlayer.js')), mappings: ';AAAA,CAAC;AACA' });
    expect(debriefMap.source).toBe(map('DebriefView.js'));
    expect(JSON.parse(shiftedDownOneLine(map('a.js'))).mappings).toBe(';AAAA,CAAC;AACA');
  });

  it('puts the hint into the hash of exactly the marked chunks, so a file’s name changes with it', () => {
    const plugin = compileHints();
    const augment = plugin.augmentChunkHash as (chunk: { moduleIds: string[] }) => string | undefined;
    expect(augment({ moduleIds: [PLAYER] })).toBe(COMPILE_HINT);
    expect(augment({ moduleIds: ['/site/src/islands/quiz/QuizRunner.tsx'] })).toBeUndefined();
  });

  it('warns, naming the module, when a build holds none of a listed module (a rename would silently drop the hint)', () => {
    const warnings = generate({ player: chunk('CasePlayer.js', PLAYER), react: chunk('client.js', REACT_DOM) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(String(FIRST_ORDER_MODULES[1]));
  });
});
