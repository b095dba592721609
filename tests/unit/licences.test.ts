import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyLicence, licenceReport } from '../../src/utils/licences';
import { projectRoot } from '../helpers/content';

describe('the licence report', () => {
  it.each([
    ['MIT', 'permissive'],
    ['(MIT OR CC0-1.0)', 'permissive'],
    ['Apache-2.0 AND MIT', 'permissive'],
    ['MPL-2.0', 'review'],
    ['EPL-2.0 OR GPL-3.0-or-later', 'review'],
    ['SEE LICENSE IN LICENSE.md', 'review'],
    ['GPL-3.0-only', 'blocking'],
    ['AGPL-3.0-or-later', 'blocking'],
    ['undefined', 'blocking'],
  ])('reads %s as %s', (expression, kind) => {
    expect(classifyLicence(expression).kind).toBe(kind);
  });

  it('finds nothing blocking among the course’s own dependencies', () => {
    const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8'));
    const report = licenceReport(lock.packages);
    expect(report.runtime).toBeGreaterThan(0);
    expect(report.blocking).toEqual([]);
  });
});
