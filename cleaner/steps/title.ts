/**
 * Step 4f, title: the headline is a title-shaped line shortly above the first body line
 * (only lines not otherwise explained count: not captions, credits, bylines, dates or
 * boilerplate phrases), scored by length, closeness and whether the page repeats it
 * (the window-title line "Headline | Site"). When no line above qualifies, a title-shaped
 * first body line followed by more body is the headline. The rule is chosen so that
 * cleaning "title + body" again yields the same title and body.
 */
import type { Line } from '../page.ts';
import { isTrailOfNext } from './region.ts';
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
/** A line that is only a web address (a share link, a canonical URL): never a headline or standfirst. */
export const URL_LINE_RE = /^(?:https?:\/\/|www\.)\S+$/iu;
const COLON_END_RE = /[:：]$/u;

/** Title score penalty for a line longer than TITLE_LONG_WORDS (a standfirst, not a headline). */
export const TITLE_TEXTLIKE_COST = 6;
export const TITLE_LONG_WORDS = 22;
/** Bonus for a candidate right below page furniture (the top of the header block). */
export const TITLE_BLOCK_START_BONUS = 1.5;
/** Title Case lines (share of capitalised words at least TITLE_CASE_RATIO) earn a bonus. */
export const TITLE_CASE_RATIO = 0.6;
export const TITLE_CASE_BONUS = 2;
/** The first paragraph competes for the title only if this short, and at this cost. */
export const TITLE_AS_FIRST_LINE_MAX_WORDS = 20;
export const TITLE_FIRST_PARAGRAPH_COST = 6;
/** A header line this long, dense in stop words and in sentence case is a standfirst. */
export const STANDFIRST_MIN_WORDS = 12;
export const STANDFIRST_MIN_STOP_RATIO = 0.15;
/** Lines after the title searched for a bare-name byline ("Jane Doe", "Ann Lee and Bo Chen"). */
export const BARE_BYLINE_WINDOW = 8;

/** Shape of a headline: a few words, not a list item, not a lead-in ending in a colon. */
export function isTitleShaped(l: Line): boolean {
  return !l.listShape && l.words >= TITLE_MIN_WORDS && l.words <= TITLE_MAX_WORDS && !COLON_END_RE.test(l.text) && !URL_LINE_RE.test(l.text);
}

function unexplained(l: Line): boolean {
  return (l.label === 'removed' && (l.reason === 'outside-body' || l.reason === 'duplicate')) || l.label === 'body';
}

/** Index of the title line, or -1. Call after the body is final; marks the chosen line. */
export function findTitle(lines: Line[]): number {
  const anyBody = lines.findIndex((l) => l.label === 'body');
  if (anyBody < 0) return -1;
  const firstText = lines.findIndex((l) => l.label === 'body' && (l.textLike || l.dataLike));
  const firstBody = firstText < 0 ? anyBody : firstText;
  const from = Math.max(0, firstBody - TITLE_WINDOW);
  let best = -1;
  let bestScore = -Infinity;
  let distance = 0;
  for (let i = firstBody - 1; i >= from; i--) {
    const l = lines[i]!;
    if (!unexplained(l)) continue;
    if (isTitleShaped(l)) {
      const score = titleScore(lines, l, distance);
      if (score > bestScore) { best = i; bestScore = score; }
    }
    distance++;
  }
  // the first paragraph itself may be the headline (a page without furniture above its text)
  const ft = lines[firstBody]!;
  if (firstText >= 0 && isTitleShaped(ft) && ft.words <= TITLE_AS_FIRST_LINE_MAX_WORDS
    && lines.some((l, i) => i > firstBody && l.label === 'body' && l.textLike)) {
    const score = titleScore(lines, ft, 0) - TITLE_FIRST_PARAGRAPH_COST;
    if (score > bestScore) { best = firstBody; bestScore = score; }
  }
  if (best < 0) {
    const first = lines[anyBody]!;
    const more = lines.some((l, i) => i > anyBody && l.label === 'body');
    if (more && isTitleShaped(first) && !FULL_STOP_RE.test(first.text)) best = anyBody;
  }
  if (best >= 0) {
    const t = lines[best]!;
    t.label = 'title';
    t.reason = null;
    t.paragraph = null;
    // short lines above the headline are not its subheadings: page furniture (kickers, tickers)
    for (let i = 0; i < best; i++) {
      const l = lines[i]!;
      if (l.label === 'body' && !l.textLike) { l.label = 'removed'; l.reason = 'outside-body'; l.paragraph = null; }
    }
  }
  return best;
}

/**
 * The header between the title and the first paragraph: a text-like line there is the standfirst
 * (body); a line of bare personal names is the byline.
 */
export function readHeader(lines: Line[], title: number, bareByline: (text: string) => { authors: string[] } | null): void {
  if (title < 0) return;
  const firstText = lines.findIndex((l) => l.label === 'body' && l.textLike);
  const end = Math.max(firstText < 0 ? lines.length : firstText, Math.min(lines.length, title + 1 + BARE_BYLINE_WINDOW));
  // the standfirst follows the headline, past bylines, dates and pictures only: once other page
  // furniture (a menu, a survey box, a teaser) came between, text-like lines are not the header's
  let inHeader = true;
  for (let i = title + 1; i < end; i++) {
    const l = lines[i]!;
    const standfirst = l.textLike || (l.words >= STANDFIRST_MIN_WORDS && l.stopRatio >= STANDFIRST_MIN_STOP_RATIO && l.capsRatio < TITLE_CASE_RATIO);
    // the headline shown twice (a kicker copy, then the headline itself) is no standfirst
    if (inHeader && i < firstText && l.label === 'removed' && l.reason === 'outside-body' && standfirst
      && l.text !== lines[title]!.text && !URL_LINE_RE.test(l.text)) {
      l.label = 'body'; l.reason = null; l.paragraph = l.signoff ? l.signoff.text : l.text;
      continue;
    }
    if (i - title <= BARE_BYLINE_WINDOW && !l.textLike && (l.reason === 'outside-body' || l.label === 'body')) {
      const names = bareByline(l.text);
      if (names) { l.label = 'removed'; l.reason = 'byline'; l.paragraph = null; l.byline = { authors: names.authors, agencies: [] }; }
    }
    if (!isHeaderMeta(l)) inHeader = false;
  }
}

/** Lines that may sit between a headline and its standfirst: bylines, dates, pictures, share bars, ad markers. */
const HEADER_META_REASONS: ReadonlySet<string> = new Set(['byline', 'date', 'label', 'credit', 'caption', 'share', 'contributors', 'signoff', 'ad']);

function isHeaderMeta(l: Line): boolean {
  return l.label === 'caption' || l.label === 'credit' || (l.label === 'removed' && l.reason !== null && HEADER_META_REASONS.has(l.reason));
}

function titleScore(lines: readonly Line[], l: Line, distance: number): number {
  let score = Math.min(l.words, TITLE_SCORE_WORD_CAP) - distance * TITLE_DISTANCE_COST;
  // the headline opens the header block: the line above it is furniture, not more header text
  const above = lines[l.index - 1];
  if (!above || above.phrase || above.words < TITLE_MIN_WORDS || above.reason === 'nav' || URL_LINE_RE.test(above.text)) score += TITLE_BLOCK_START_BONUS;
  if (FULL_STOP_RE.test(l.text)) score -= TITLE_FULL_STOP_COST;
  if (l.words > TITLE_LONG_WORDS) score -= TITLE_TEXTLIKE_COST;
  if (l.capsRatio >= TITLE_CASE_RATIO) score += TITLE_CASE_BONUS;
  if (l.repeats > 1 || repeatedAsPrefix(lines, l) || (l.index > 0 && isTrailOfNext(lines, l.index - 1))) score += TITLE_REPEAT_BONUS;
  return score;
}

/** "Headline | Site", "Headline - Site": the title repeated as the window-title line. */
const TITLE_SEPARATOR_RE = /^\s?[|\-–—:·•]\s/u;

function repeatedAsPrefix(lines: readonly Line[], l: Line): boolean {
  const head = Math.min(lines.length, TITLE_REPEAT_SEARCH_LINES);
  for (let i = 0; i < head; i++) {
    const o = lines[i]!;
    if (o !== l && o.text.length > l.text.length && o.text.startsWith(l.text)
      && TITLE_SEPARATOR_RE.test(o.text.slice(l.text.length))) return true;
  }
  return false;
}
