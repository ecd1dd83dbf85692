import { describe, expect, it } from 'vitest';
import { PATTERN_PHRASES } from '../../cleaner/tables/phrases.ts';

/**
 * Each PATTERN_PHRASES `may` guard is a necessary condition of its regex: every line the regex
 * matches must pass the guard (a failing guard would silently drop a removal).
 */
const SAMPLES = [
  '5 min read', '12 Minuten', 'Reading time: 4 min', 'LESEZEIT 3 Min.', 'Comments (12)', 'KOMMENTARE (3)',
  '\u212Aommentare (3)', '— 14 comments', '12 thoughts on “A post”', 'jane_doe says:', 'Click to share on X',
  'Follow us on Instagram', 'Privacy notice: we', 'More top stories', 'MORE NEWS', 'By Jane Doe | Reuters',
  'View all (12)', 'Yes', 'NEIN', 'sì', 'Image 3 of 12', 'PHOTO 1 / 4', 'Source: Reuters', '\u017Fource: Reuters',
  'FORWARD-LOOKING STATEMENTS', 'You have 3 free articles left', "You've got 2 free stories", '3/12', '[1/2]',
  '12', 'ab', '\u017F\u017F', '\u212A', '…', '•••', '😀😀', 'About Acme Corp', 'Über Acme',
];

describe('PATTERN_PHRASES guards', () => {
  const guarded = PATTERN_PHRASES.filter((p) => p.may !== undefined);

  it('has guards to check', () => {
    expect(guarded.length).toBeGreaterThan(10);
  });

  it('never rejects a line its regex matches', () => {
    let matched = 0;
    for (const { re, may } of guarded) {
      for (const s of SAMPLES) {
        if (!re.test(s)) continue;
        matched++;
        expect(may!(s), `${re.source} on ${JSON.stringify(s)}`).toBe(true);
      }
    }
    // the samples exercise most guarded patterns (Unicode case folding included)
    expect(matched).toBeGreaterThan(20);
  });
});
