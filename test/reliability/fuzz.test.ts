/**
 * A small sample of scripts/fuzz.ts in `npm test`: the cleaner never throws, returns
 * well-formed Unicode, is idempotent and invents no text, on generated hostile pages.
 * The full run is `npm run fuzz` (100k runs).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CleanResult } from '../../cleaner/types.ts';
import { checkCleanerProperties, cleanerProperty } from '../../scripts/fuzz.ts';

const RUNS = 300;

describe('cleaner fuzz (sample)', () => {
  it(`holds its properties on ${RUNS} generated pages`, () => {
    fc.assert(cleanerProperty, { numRuns: RUNS, seed: 20261128 });
  });

  describe('the checker can fail (each property is caught on a deliberately broken cleaner)', () => {
    const base: CleanResult = {
      title: null, body: '', paragraphs: [], language: 'und', authors: [], agencies: [],
      publishedAt: null, images: [], removed: [], wordCount: 0,
    };
    const withParagraphs = (ps: string[]): CleanResult => ({ ...base, paragraphs: ps, body: ps.join('\n\n') });
    const input = 'The bridge reopened on Tuesday after repairs.';

    it.each<[string, (text: string) => CleanResult, RegExp]>([
      ['throws', () => { throw new Error('boom'); }, /threw/],
      ['invents text', () => withParagraphs(['Words that were never uploaded.']), /invented/],
      ['splits a surrogate pair', () => withParagraphs(['\ud83d']), /well-formed/],
      ['body disagrees with paragraphs', () => ({ ...withParagraphs([input]), body: 'x' }), /paragraphs joined/],
      ['is not idempotent', (t) => withParagraphs(t.includes('😀') ? [input] : []), /idempotent/],
    ])('%s', (_name, broken, message) => {
      expect(checkCleanerProperties(`${input} 😀`, broken)).toMatch(message);
    });
  });

  it.each([
    ['lone high surrogate', 'Council vote \ud800 delayed again after a long and difficult meeting on Tuesday night.'],
    ['lone low surrogate', '\udfff'],
    ['line separator inside a line', `First paragraph of the story about the bridge reopening.\u2028Second one about the ferry timetable.`],
    ['only controls', '\u0000\u0001\u0002\u001b[31m\u007f\u0085'],
    ['zero-width joiners between every letter', 'C\u200do\u200du\u200dn\u200dc\u200di\u200dl said the bridge would reopen on Tuesday.'],
  ])('no throw and no invented text: %s', (_name, input) => {
    expect(checkCleanerProperties(input)).toBeNull();
  });
});
