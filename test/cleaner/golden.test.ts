/**
 * Golden cases: test/fixtures/cleaner/<case>/input.txt -> expected.json (the whole CleanResult).
 * `npm run golden:update` (UPDATE_GOLDEN=1) rewrites the expected files; review them as a git diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../../cleaner/index.ts';
import { fixtures } from './helpers.ts';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

describe('golden cases', () => {
  const cases = fixtures();
  it('has at least the six required cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });
  for (const c of cases) {
    it(c.name, () => {
      const got = clean(c.input);
      const file = path.join(c.dir, 'expected.json');
      if (UPDATE || !existsSync(file)) {
        writeFileSync(file, `${JSON.stringify(got, null, 2)}\n`);
        if (!UPDATE) throw new Error(`${file} was missing and has been written: review it and re-run`);
        return;
      }
      expect(got).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});
