/**
 * Step 4d, title: the headline is a title-shaped line shortly above the first body line
 * (skipping captions, credits, bylines, dates and boilerplate), preferably one the page
 * repeats (the window-title line "Headline | Site").
 */
import type { Line } from '../page.ts';
import { TITLE_DISTANCE_COST, TITLE_MAX_WORDS, TITLE_MIN_WORDS, TITLE_WINDOW } from '../thresholds.ts';

/** Title score bonus when the page repeats the line (exactly or as the start of another line). */
export const TITLE_REPEAT_BONUS = 4;
/** Title score penalty for a line ending in a full stop (standfirsts do, headlines rarely). */
export const TITLE_FULL_STOP_COST = 4;
/** Word counts above this earn no more title score. */
export const TITLE_SCORE_WORD_CAP = 14;

const FULL_STOP_RE = /[.。]$/u;
const COLON_END_RE = /[:：]$/u;

export function isTitleShaped(l: Line): boolean {
  return l.label === null && l.phrase === null && !l.byline && !l.dateLine && !l.signoffLine && !l.contributors
    && !l.listShape && l.words >= TITLE_MIN_WORDS && l.words <= TITLE_MAX_WORDS && !COLON_END_RE.test(l.text);
}

/** Index of the title line, or -1. `firstBody` is the index of the first text-like line of the region. */
export function findTitle(lines: readonly Line[], firstBody: number): number {
  const from = Math.max(0, firstBody - TITLE_WINDOW);
  let best = -1;
  let bestScore = 0;
  let distance = 0;
  for (let i = firstBody - 1; i >= from; i--) {
    const l = lines[i]!;
    if (!isTitleShaped(l)) {
      if (l.label === null && l.phrase === null && !l.byline && !l.dateLine) distance++;
      continue;
    }
    let score = Math.min(l.words, TITLE_SCORE_WORD_CAP) - distance * TITLE_DISTANCE_COST;
    if (FULL_STOP_RE.test(l.text)) score -= TITLE_FULL_STOP_COST;
    if (l.repeats > 1 || repeatedAsPrefix(lines, l)) score += TITLE_REPEAT_BONUS;
    if (score > bestScore) { best = i; bestScore = score; }
    distance++;
  }
  return best;
}

function repeatedAsPrefix(lines: readonly Line[], l: Line): boolean {
  const head = lines.length > 60 ? 60 : lines.length;
  for (let i = 0; i < head; i++) {
    const o = lines[i]!;
    if (o !== l && o.text.length > l.text.length && o.text.startsWith(l.text)) return true;
  }
  return false;
}
