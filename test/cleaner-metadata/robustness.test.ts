import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalAgency,
  detectLanguage,
  findCredit,
  findDateline,
  isSignoffLine,
  parseBareByline,
  parseByline,
  parseContributors,
  parseDateLine,
  splitSignoff,
  stripMediaLabel,
} from '../../cleaner/metadata/index.ts';
import { AGENCIES } from '../../cleaner/metadata/tables/agencies.ts';

const CANONICAL = new Set(AGENCIES.map((a) => a.canonical));
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Fragments that exercise the recognisers' grammars, shuffled into random lines. */
const FRAGMENTS = [
  'By ', 'Jane ', 'DOE ', 'and ', ', ', ' | ', '(Reuters) ', '(AP) — ', 'REUTERS/', 'Photo: ', '(AP Photo/', ') ', '【', '共同', '】',
  'March ', '12, ', '2025 ', '10:31 ', 'GMT ', 'Updated ', 'hace 3 horas ', '12.03.2025 ', '2025年3月12日 ', '/dpa', 'Foto: ',
  'Image caption, ', '[1/2] ', '© ', 'Getty Images', ' via ', '. ', 'the ', 'Reporting by ', '; Editing by ', 'jmp/sbk', 'PTI ', ' - ',
  'WARSAW', 'Madrid', ' (EFE).- ', 'é', '\u00a0', '\t', '(', ')', '/', ':', '—', 'a', 'A', '1', ' ',
];
const lineArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((xs) => xs.join('')),
);

describe('recogniser invariants (property-based)', () => {
  it('never throw and return well-formed results', () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        const dl = findDateline(line);
        if (dl) {
          expect(dl.end).toBeGreaterThan(0);
          expect(dl.end).toBeLessThanOrEqual(line.length);
          if (dl.agency !== null) expect(CANONICAL.has(dl.agency)).toBe(true);
        }
        const so = splitSignoff(line);
        if (so) {
          expect(line.startsWith(so.text)).toBe(true);
          expect(so.text.length).toBeLessThan(line.trimEnd().length);
          expect(CANONICAL.has(so.agency)).toBe(true);
        }
        const sl = isSignoffLine(line);
        if (sl?.agency) expect(CANONICAL.has(sl.agency)).toBe(true);
        const ag = canonicalAgency(line);
        if (ag) expect(CANONICAL.has(ag)).toBe(true);
        const by = parseByline(line);
        if (by) {
          expect(by.authors.length + by.agencies.length).toBeGreaterThan(0);
          for (const a of by.authors) expect(collapse(line)).toContain(a);
        }
        const bare = parseBareByline(line);
        if (bare) for (const a of bare.authors) expect(collapse(line)).toContain(a);
        const co = parseContributors(line);
        if (co) for (const a of co.authors) expect(collapse(line)).toContain(a);
        const dt = parseDateLine(line);
        if (dt?.date) {
          expect(dt.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${dt.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(dt.date);
        }
        const cr = findCredit(line);
        if (cr) {
          expect(collapse(line)).toContain(cr.credit);
          expect(collapse(line)).toContain(cr.rest);
          expect(cr.position === 'whole').toBe(cr.rest === '');
        }
        const lb = stripMediaLabel(line);
        if (lb) {
          expect(collapse(line).startsWith(lb.label)).toBe(true);
          expect(collapse(line).endsWith(lb.rest)).toBe(true);
        }
      }),
      { numRuns: 1500, seed: 20250312 },
    );
  });

  it('language is always an ISO 639-1 code or und', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(detectLanguage(text)).toMatch(/^(?:[a-z]{2}|und)$/);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

/**
 * Pathological 100k-character inputs: repeated fragments that could make a backtracking
 * regex explode. Each recogniser inspects a bounded window or caps the line length, so the
 * answer on the huge input must equal the answer on a small one built the same way.
 */
describe('pathological long inputs', () => {
  const SIZE = 100_000;
  const PATTERNS = ['a', ' ', '(', 'A ', 'By A ', 'Photo: ', 'REUTERS/', '1/', '12 ', 'March 12, ', '【', 'Aa-', 'A.', '/ ', ' - ', '©', 'x (y) ', 'AB CD '];
  const ALL = [
    findDateline, splitSignoff, isSignoffLine, parseByline, parseBareByline, parseContributors, parseDateLine, findCredit,
    stripMediaLabel, canonicalAgency,
  ] as const;

  it.each(PATTERNS)('repeated %j', (unit) => {
    const huge = unit.repeat(Math.ceil(SIZE / unit.length));
    for (const fn of ALL) {
      const out = (fn as (s: string) => unknown)(huge);
      // Structural answer only: these inputs hold no metadata the recognisers should claim.
      if (fn === findCredit || fn === stripMediaLabel || fn === findDateline || fn === splitSignoff) continue;
      expect(out).toBeNull();
    }
    expect(typeof detectLanguage(huge)).toBe('string');
  });

  it('finds a credit at the end of a huge caption just as at the end of a short one', () => {
    const tail = ' Sandbags on the quay. Photograph: Ines Moller/The Harbour Post';
    const small = findCredit(`${'word '.repeat(10)}${tail}`);
    const big = findCredit(`${'word '.repeat(20_000)}${tail}`);
    expect(big?.credit).toBe(small?.credit);
    expect(big?.position).toBe('suffix');
  });

  it('splits a sign-off from a huge paragraph just as from a short one', () => {
    const para = `${'The quay was busy all morning. '.repeat(3000)}Boats returned at noon. REUTERS`;
    expect(splitSignoff(para)?.agency).toBe('Reuters');
  });

  it('finds a dateline at the start of a huge paragraph', () => {
    expect(findDateline(`OSLO (Reuters) - ${'word '.repeat(20_000)}`)).toEqual({ agency: 'Reuters', end: 'OSLO (Reuters) - '.length });
  });
});
