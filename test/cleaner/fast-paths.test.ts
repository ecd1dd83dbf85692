import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitLines } from '../../cleaner/steps/split.ts';
import { LIST_ITEM_RE, measureLine } from '../../cleaner/steps/features.ts';
import { POOLED_STOPWORDS } from '../../cleaner/tables/stopwords.ts';
import { LOWER_COMPLEX, lowerUnit } from '../../cleaner/text.ts';
import type { Line } from '../../cleaner/page.ts';

/**
 * The speed-ups of the cleaner core must agree with the plain code they replace: each test below
 * compares a fast path with the slow one on inputs chosen to break it (case mappings that change
 * length or depend on context, astral characters, lines on the edge of each gate).
 */

const lineOf = (text: string): Line => splitLines(text).lines[0]!;

/** Characters that stress lower-casing and tokenising. */
const TRICKY = [
  'A', 'z', 'É', 'é', 'İ', 'ı', 'Σ', 'σ', 'ς', 'ẞ', 'ß', 'Ǆ', 'ǅ', 'Ω', 'K', 'ſ', 'Я', 'я', 'Ё', '東', 'ア', 'あ', '〆',
  '\u2E80', '\u3005', '𐐀', '𐐨', '😀', '\uD800', '\uDC00', '\uFFFF', '1', '٣', ' ', '-', '.', "'", '’', '\u0301',
];
const trickyText = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.constantFrom(...[...POOLED_STOPWORDS].slice(0, 400)), fc.string({ maxLength: 3 })), { maxLength: 12 })
  .map((parts) => parts.join(' ').trim())
  .filter((t) => t !== '' && !t.includes('\n') && !t.includes('\r'));

describe('lowerUnit', () => {
  it('gives the unit a string of that unit lower-cases to, or LOWER_COMPLEX', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const lower = String.fromCharCode(c).toLowerCase();
      const u = lowerUnit(c);
      if (u !== LOWER_COMPLEX && !(lower.length === 1 && lower.charCodeAt(0) === u)) wrong.push(`U+${c.toString(16)}`);
    }
    expect(wrong).toEqual([]);
    // length-changing and context-dependent mappings take the slow path
    expect(lowerUnit(0x130)).toBe(LOWER_COMPLEX);
    expect(lowerUnit(0x3a3)).toBe(LOWER_COMPLEX);
  });

  it('lower-cases a word of simple units exactly like toLowerCase', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...TRICKY.filter((ch) => ch.length === 1)), maxLength: 8 }), (w) => {
      const units = [...Array(w.length).keys()].map((k) => lowerUnit(w.charCodeAt(k)));
      if (units.some((u) => u === LOWER_COMPLEX) || /[\uD800-\uDFFF]/.test(w)) return;
      expect(String.fromCharCode(...units)).toBe(w.toLowerCase());
    }), { numRuns: 1000 });
  });
});

describe('measureLine stop-word fast path', () => {
  // a copy of the pooled set is a different Set object: measureLine then takes the slice + toLowerCase path
  const slow = new Set(POOLED_STOPWORDS);

  it('counts the same stop words as the Set lookup', () => {
    const cases = [
      'THE CAT AND THE DOG', 'Über die Brücke und über den Fluss', 'ΣΑΣ και σας', 'İN THE İNN', 'Это было ЭТО',
      'Ǆ ǅ ǆ', 'we’re here', 'Der 𐐀 und 😀 die', 'DIE', 'Die\uD800der', 'ſie ſind',
    ];
    for (const t of cases) {
      const fast = lineOf(t);
      const ref = lineOf(t);
      measureLine(fast);
      measureLine(ref, slow);
      expect(fast.stopRatio, t).toBe(ref.stopRatio);
      expect(fast.capsRatio, t).toBe(ref.capsRatio);
      expect(fast.words, t).toBe(ref.words);
    }
  });

  it('agrees with the Set lookup on generated lines', () => {
    fc.assert(fc.property(trickyText, (t) => {
      const fast = lineOf(t);
      const ref = lineOf(t);
      measureLine(fast);
      measureLine(ref, slow);
      expect(fast.stopRatio).toBe(ref.stopRatio);
      expect(fast.capsRatio).toBe(ref.capsRatio);
      expect(fast.digitRatio).toBe(ref.digitRatio);
    }), { numRuns: 1000 });
  });

  it('list shape matches LIST_ITEM_RE', () => {
    const cases = ['- item', '• item', '1. one', '12) twelve', 'a) first', 'A) first', '—\u00a0x', '✔ done', '* star', '-x', '', 'x'];
    for (const t of cases.filter((x) => x !== '')) {
      const l = lineOf(t);
      measureLine(l);
      expect(l.listShape, t).toBe(LIST_ITEM_RE.test(t));
    }
  });
});
