/**
 * Invariants of clean(), checked with fast-check on generated pages, on every golden case and
 * (only if the folder exists; never required) on the shared corpora.
 *
 *  1. never throws;
 *  2. idempotent: with r = clean(x) and y = title + "\n\n" + body (body alone without a title),
 *     clean(y) has the same title and the same body. (clean(r.body) alone is NOT required to keep
 *     the body: the first paragraph may then read as the page's headline.)
 *  3. no invented text: the title, every paragraph, caption and credit occurs in one normalised input line;
 *  4. accounting: title + paragraphs + removed account for every non-blank normalised line, once each
 *     (a paragraph is its line, minus an agency sign-off at the end).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, normalise } from '../../cleaner/index.ts';
import type { CleanResult } from '../../cleaner/types.ts';
import { fixtures } from './helpers.ts';

/** Checks invariants 2-4 (1 is that this returns); null when they hold, else what broke. */
export function invariantProblem(input: string, r: CleanResult): string | null {
  const lines = normalise(input).split('\n').filter((l) => l !== '');
  const pool = new Map<string, number>();
  for (const l of lines) pool.set(l, (pool.get(l) ?? 0) + 1);
  const take = (l: string): boolean => {
    const n = pool.get(l) ?? 0;
    if (n === 0) return false;
    pool.set(l, n - 1);
    return true;
  };
  if (r.title !== null && !take(r.title)) return `title is not an input line: ${JSON.stringify(r.title)}`;
  for (const x of r.removed) if (!take(x.text)) return `removed text is not an unused input line: ${JSON.stringify(x.text)}`;
  for (const p of r.paragraphs) {
    if (take(p)) continue;
    const line = [...pool.entries()].find(([l, n]) => n > 0 && l.startsWith(p))?.[0];
    if (line === undefined || !take(line)) return `paragraph is not an unused input line: ${JSON.stringify(p)}`;
  }
  const left = [...pool.entries()].filter(([, n]) => n > 0);
  if (left.length) return `lines not accounted for: ${JSON.stringify(left.slice(0, 3))}`;
  for (const img of r.images) {
    for (const s of [img.caption, img.credit]) {
      if (s !== null && !lines.some((l) => l.includes(s))) return `image text invented: ${JSON.stringify(s)}`;
    }
  }
  if (r.body !== r.paragraphs.join('\n\n')) return 'body is not the paragraphs joined by blank lines';
  const again = clean(r.title === null ? r.body : `${r.title}\n\n${r.body}`);
  if (again.body !== r.body) return `not idempotent (body): ${JSON.stringify(again.body.slice(0, 200))}`;
  if (again.title !== r.title) return `not idempotent (title): ${JSON.stringify(again.title)} vs ${JSON.stringify(r.title)}`;
  return null;
}

const SENTENCES = [
  'The council said on Tuesday that the bridge would reopen after repairs.',
  'Residents welcomed the news, saying the detour had added an hour to their commute.',
  '"We have waited long enough," said one shop owner on the high street.',
  'Work is expected to start in the autumn and take about two years.',
  'Why?',
  'The vote',
] as const;
const FURNITURE = [
  'Home', 'Share', 'Advertisement', 'Sign up now: Get the morning briefing', 'Follow topic:', 'See more on',
  'PHOTO: REUTERS', 'By Jane Doe', 'March 3, 2025', 'Leave a Reply', '© 2025 Example Media', 'Image caption, A bridge at dusk',
  'Reporting by Ana Silva; Editing by Tom Reed', 'A view of the bridge at dusk. REUTERS/Ann Lee', 'Read more: Bridge plans',
] as const;
const SPACES = ['\n', '\n\n', '\r\n', ' \u00A0\n', '\t\n'] as const;

const page = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...SENTENCES), fc.constantFrom(...FURNITURE), fc.string({ maxLength: 30 })), fc.constantFrom(...SPACES)), { maxLength: 40 })
  .map((parts) => parts.map(([l, s]) => l + s).join(''));

describe('clean() invariants', () => {
  it('hold on generated pages', () => {
    fc.assert(
      fc.property(page, (input) => {
        const r = clean(input);
        const problem = invariantProblem(input, r);
        if (problem) throw new Error(problem);
      }),
      { numRuns: 300, seed: 20_251_128 },
    );
  });

  it('hold on arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
        const r = clean(input);
        const problem = invariantProblem(input, r);
        if (problem) throw new Error(problem);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  for (const c of fixtures()) {
    it(`hold on golden case ${c.name}`, () => {
      expect(invariantProblem(c.input, clean(c.input))).toBeNull();
    });
  }

  // Optional: the shared corpora, only when present beside the project (never required).
  const CORPORA = path.resolve('../shared/benchmarks');
  const corpusFiles = ['news-text', 'article-body']
    .map((d) => path.join(CORPORA, d))
    .filter((d) => existsSync(d))
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => path.join(d, f)));
  it.skipIf(corpusFiles.length === 0)('hold on the shared corpora when present', () => {
    for (const f of corpusFiles) {
      const input = new TextDecoder().decode(readFileSync(f));
      expect(invariantProblem(input, clean(input)), f).toBeNull();
    }
  });
});
