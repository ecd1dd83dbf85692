/**
 * Step 4f, title: the headline is a title-shaped line shortly above the first body line
 * (only lines not otherwise explained count: not captions, credits, bylines, dates or
 * boilerplate phrases), scored by length, closeness and whether the page repeats it
 * (the window-title line "Headline | Site"). When no line above qualifies, a title-shaped
 * first body line followed by more body is the headline. The rule is chosen so that
 * cleaning "title + body" again yields the same title and body.
 */
import type { Line } from '../page.ts';
import { TITLE_DISTANCE_COST, TITLE_MAX_WORDS, TITLE_MIN_WORDS, TITLE_WINDOW } from '../thresholds.ts';

/** Title score bonus when the page repeats the line (exactly or as the start of another line). */
export const TITLE_REPEAT_BONUS = 4;
/** Title score penalty for a line ending in a full stop (standfirsts do, headlines rarely). */
export const TITLE_FULL_STOP_COST = 4;
/** Word counts above this earn no more title score. */
export const TITLE_SCORE_WORD_CAP = 14;
/** Lines at the top of the page searched for a repeat of the title. */
export const TITLE_REPEAT_SEARCH_LINES = 60;

const FULL_STOP_RE = /[.。]$/u;
const COLON_END_RE = /[:：]$/u;

/** Shape of a headline: a few words, not a list item, not a lead-in ending in a colon. */
export function isTitleShaped(l: Line): boolean {
  return !l.listShape && l.words >= TITLE_MIN_WORDS && l.words <= TITLE_MAX_WORDS && !COLON_END_RE.test(l.text)
    && !FULL_STOP_RE.test(l.text);
}

function unexplained(l: Line): boolean {
  return l.label === 'removed' && l.reason === 'outside-body';
}

/** Index of the title line, or -1. Call after the body is final; marks the chosen line. */
export function findTitle(lines: Line[]): number {
  const firstBody = lines.findIndex((l) => l.label === 'body');
  if (firstBody < 0) return -1;
  const from = Math.max(0, firstBody - TITLE_WINDOW);
  let best = -1;
  let bestScore = -Infinity;
  let distance = 0;
  for (let i = firstBody - 1; i >= from; i--) {
    const l = lines[i]!;
    if (!unexplained(l)) continue;
    if (isTitleShaped(l)) {
      let score = Math.min(l.words, TITLE_SCORE_WORD_CAP) - distance * TITLE_DISTANCE_COST;
      if (l.repeats > 1 || repeatedAsPrefix(lines, l)) score += TITLE_REPEAT_BONUS;
      if (score > bestScore) { best = i; bestScore = score; }
    }
    distance++;
  }
  if (best < 0) {
    const first = lines[firstBody]!;
    const more = lines.some((l, i) => i > firstBody && l.label === 'body');
    if (more && isTitleShaped(first)) best = firstBody;
  }
  if (best >= 0) {
    const t = lines[best]!;
    t.label = 'title';
    t.reason = null;
    t.paragraph = null;
  }
  return best;
}

function repeatedAsPrefix(lines: readonly Line[], l: Line): boolean {
  const head = Math.min(lines.length, TITLE_REPEAT_SEARCH_LINES);
  for (let i = 0; i < head; i++) {
    const o = lines[i]!;
    if (o !== l && o.text.length > l.text.length && o.text.startsWith(l.text)) return true;
  }
  return false;
}
