/**
 * Step 4c, region: the article body is the densest run of long, sentence-like lines.
 * Each line gets a weight (text-like lines +words; short lines, menus and boilerplate phrases
 * negative; captions and credits neutral; barrier lines prohibitive) and the region is the
 * maximum-sum run of lines (Kadane, linear time).
 */
import type { Line } from '../page.ts';
import { COMMENTS_MIN_TEXT_WORDS, REPEATED_SHORT_MAX_WORDS, WEIGHT } from '../thresholds.ts';

/** A short line the page shows more than once: a section kicker or menu item, not a subheading. */
export function isRepeatedShort(l: Line): boolean {
  return l.repeats > 1 && !l.textLike && l.words <= REPEATED_SHORT_MAX_WORDS && !l.endsSentence;
}

export function lineWeight(l: Line): number {
  if (l.label === 'caption' || l.label === 'credit' || l.reason === 'label') return 0;
  if (l.phrase) return l.phrase.barrier ? WEIGHT.barrier : WEIGHT.phrase;
  if (l.byline || l.dateLine || l.signoffLine || l.contributors) return WEIGHT.meta;
  if (l.textLike) return l.words;
  if (l.footnote) return WEIGHT.footnote;
  if (l.dataLike) return l.words * WEIGHT.dataPerWord;
  if (l.endsSentence && l.words >= 2) return WEIGHT.shortSentence;
  if (l.listRun) return WEIGHT.listRunItem;
  if (l.listShape) return WEIGHT.listItem;
  if (isRepeatedShort(l)) return WEIGHT.repeatedShort;
  return WEIGHT.short;
}

/**
 * The maximum-sum run of `weights` (first one on ties), or null when no weight is positive.
 * Every proper prefix and suffix of the run has a positive sum.
 */
export function maxRun(weights: readonly number[]): { start: number; end: number } | null {
  let best = 0;
  let bestStart = -1;
  let bestEnd = -1;
  let sum = 0;
  let start = 0;
  for (let i = 0; i < weights.length; i++) {
    if (sum <= 0) { sum = 0; start = i; }
    sum += weights[i]!;
    if (sum > best) { best = sum; bestStart = start; bestEnd = i; }
  }
  return bestStart < 0 ? null : { start: bestStart, end: bestEnd };
}

/**
 * Index of the line that opens the comment thread (a comment-section phrase after at least
 * COMMENTS_MIN_TEXT_WORDS words of article text), or -1. Nothing after it is article text.
 */
export function commentsStart(lines: readonly Line[]): number {
  let text = 0;
  for (const l of lines) {
    if (l.phrase?.reason === 'comment' && l.phrase.barrier && text >= COMMENTS_MIN_TEXT_WORDS) return l.index;
    if (l.textLike && !l.phrase) text += l.words;
  }
  return -1;
}

export function findRegion(lines: readonly Line[]): { start: number; end: number } | null {
  const stop = commentsStart(lines);
  return maxRun(lines.map((l) => (stop >= 0 && l.index >= stop ? WEIGHT.barrier : lineWeight(l))));
}
