/**
 * Step 4c, region: the article body is the densest run of long, sentence-like lines.
 * Each line gets a weight (text-like lines +words; short lines, menus and boilerplate phrases
 * negative; captions and credits neutral; barrier lines prohibitive) and the region is the
 * maximum-sum run of lines (Kadane, linear time). Nothing after the article's end counts: a
 * comment section, or a tags/topics header once article content came before it. A paragraph the
 * page shows twice weighs nothing there (tickers, teasers, copied standfirsts).
 */
import type { Line } from '../page.ts';
import type { RemovalReason } from '../types.ts';
import {
  COMMENTS_MIN_TEXT_WORDS, LIST_RUN_MIN_WORDS, REPEATED_SHORT_MAX_WORDS, TAGS_MIN_CONTENT_WORDS, WEIGHT,
} from '../thresholds.ts';

/** Headers whose following short lines are tag or topic links ("Tags", "Topics", "Related topics"). */
export const TAG_HEADERS: ReadonlySet<string> = new Set([
  'tags', 'topics', 'related topics', 'suggested topics', 'categories', 'filed under', 'more on', 'themen', 'temas',
  'etiquetas', 'sujets', 'argomenti', 'tag', 'topik',
]);
/** A tags line that carries its tags: "Tags: Alibaba, retail", "Filed under: Energy | Climate". */
export const TAG_LINE_RE = /^(?:tags?|tagged|topics|categories|filed under|themen|schlagworte|temas|etiquetas|sujets|mots-clés|argomenti|topik|tagi|trefwoorden)\s?:\s?\S/iu;
const HEADER_KEY_TRIM_RE = /[\s:.]+$/u;

/** A tags header is at most this many words ("Related topics", "Filed under"). */
const TAGS_HEADER_MAX_WORDS = 3;

/** A tags or topics header alone on its line ("Tags", "Topics:"). */
export function isTagsHeader(l: Line): boolean {
  if (l.words > TAGS_HEADER_MAX_WORDS) return false;
  // the key starts with the line's first unit lower-cased (an ASCII one lower-cases on its own;
  // an empty key is no header): an ASCII first unit must lower-case to a header's first letter
  const c = l.text.charCodeAt(0);
  if (c < 0x80 && TAG_HEADER_ASCII_LEADS[c] === 0) return false;
  return TAG_HEADERS.has(l.text.toLowerCase().replace(HEADER_KEY_TRIM_RE, ''));
}
/** ASCII units (1) whose lower case is the first character of some TAG_HEADERS entry. */
const TAG_HEADER_ASCII_LEADS: Uint8Array = Uint8Array.from({ length: 0x80 },
  (_, c) => ([...TAG_HEADERS].some((h) => h.charAt(0) === String.fromCharCode(c).toLowerCase()) ? 1 : 0));

/** A tags or topics header, alone on its line or followed by the tags themselves. */
export function isTagsLine(l: Line): boolean {
  return isTagsHeader(l) || TAG_LINE_RE.test(l.text);
}

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
 * A line's pull on the article region of the whole page: lineWeight, except that a paragraph the
 * page shows twice (a ticker in header and footer, a teaser, a copied standfirst) does not pull.
 * Only the region search uses it: inside the region a repeated paragraph stays body (its second
 * copy goes as a duplicate), and once the page is cleaned it no longer repeats.
 */
export function regionWeight(l: Line): number {
  return l.textLike && l.repeats > 1 && l.label === null && !l.phrase ? WEIGHT.repeatedText : lineWeight(l);
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

/**
 * Index of a tags header that closes the article (see isTagsLine: tag lists follow the text they
 * tag), or -1. It closes the article only when article content came before it: at least
 * TAGS_MIN_CONTENT_WORDS words of text-like lines or of list-run items (a schedule, a results
 * table), so that a "Topics" menu in the page header closes nothing.
 */
export function tagsStart(lines: readonly Line[]): number {
  let content = 0;
  for (const l of lines) {
    if (content >= TAGS_MIN_CONTENT_WORDS && isTagsLine(l)) return l.index;
    if (l.phrase) continue;
    if (l.textLike || (l.listRun && l.words >= LIST_RUN_MIN_WORDS)) content += l.words;
  }
  return -1;
}

/** Index of the first line after which nothing is article text (comments or tags), or -1. */
export function articleEnd(lines: readonly Line[]): number {
  const ends = [commentsStart(lines), tagsStart(lines)].filter((i) => i >= 0);
  return ends.length > 0 ? Math.min(...ends) : -1;
}

/** Lines an in-article related-links box holds at most (its header and teaser headlines). */
export const INLINE_RELATED_MAX_LINES = 6;

/**
 * The lede above an in-article related-links box: when the region starts right under a box of
 * short lines opened by a related-links barrier ("Related articles", two teaser headlines) and a
 * text-like paragraph sits right above the box's header, the paragraph is the article's first one
 * (the site put the box after its lede), and the region starts there.
 */
export function ledeAboveRelatedBox(lines: readonly Line[], start: number): number {
  for (let i = start - 1; i > 0 && start - 1 - i < INLINE_RELATED_MAX_LINES; i--) {
    const l = lines[i]!;
    if (l.phrase?.barrier) {
      // the box header sits right under the lede
      const lede = lines[i - 1]!;
      const ok = l.phrase.reason === 'related' && lede.textLike && !lede.phrase && lede.repeats === 1 && lede.label === null;
      return ok ? i - 1 : start;
    }
    if (l.textLike || l.words > REPEATED_SHORT_MAX_WORDS) return start;
  }
  return start;
}

/**
 * A breadcrumb trail that ends with the next line ("Home News Business <headline>" above
 * "<headline>"): the copied page glued the trail to the headline, which follows on its own.
 */
export function isTrailOfNext(lines: readonly Line[], i: number): boolean {
  const l = lines[i]!;
  const next = lines[i + 1];
  return next !== undefined && next.words >= TRAIL_MIN_HEADLINE_WORDS && l.text.length > next.text.length
    && l.text.endsWith(next.text) && l.text.charAt(l.text.length - next.text.length - 1) === ' ';
}
/** Link lists copied as one line: "Products | Solutions | Partners | Careers" (prose has no such bars). */
const PIPE_SEPARATOR_RE = / \| /gu;
/** A line with at least this many " | " separators is a link list. */
export const PIPE_MENU_MIN_SEPARATORS = 2;

export function isPipeMenu(l: Line): boolean {
  return (l.text.match(PIPE_SEPARATOR_RE)?.length ?? 0) >= PIPE_MENU_MIN_SEPARATORS;
}
/** Reasons whose boxes (a sign-up box, a paywall box, a consent banner) enclose lines of their own. */
export const BOX_REASONS: ReadonlySet<RemovalReason> = new Set(['newsletter', 'paywall', 'consent']);
/** A boxed line has a line of the box's reason at most this many lines above and below it. */
export const BOX_WINDOW = 2;

/**
 * The reason of the box a line sits in, or null: a line without a phrase of its own, enclosed
 * within BOX_WINDOW lines above and below by phrase lines of the same box reason, with no other
 * text-like line between ("Sign up to X" / "Lose yourself in a great story…" / "Enter your email").
 */
export function boxReason(lines: readonly Line[], i: number): RemovalReason | null {
  const l = lines[i]!;
  if (l.phrase || l.label !== null) return null;
  const above = nearPhraseReason(lines, i, -1);
  return above !== null && BOX_REASONS.has(above) && nearPhraseReason(lines, i, 1) === above ? above : null;
}

/** The reason of the first phrase line within BOX_WINDOW lines from i in direction step, or null (a text-like line stops). */
function nearPhraseReason(lines: readonly Line[], i: number, step: 1 | -1): RemovalReason | null {
  for (let j = i + step, n = 0; n < BOX_WINDOW && j >= 0 && j < lines.length; j += step, n++) {
    const o = lines[j]!;
    if (o.phrase) return o.phrase.reason;
    if (o.textLike) return null;
  }
  return null;
}

/** The headline a breadcrumb trail ends with has at least this many words. */
export const TRAIL_MIN_HEADLINE_WORDS = 3;

/**
 * regionWeight with what the page around a line says: past the article's end, in a box, a trail or
 * a link list. With `discountRepeats` false a repeated paragraph pulls like any other (lineWeight).
 */
function pageWeight(lines: readonly Line[], i: number, stop: number, discountRepeats: boolean): number {
  const l = lines[i]!;
  if (stop >= 0 && i >= stop) return WEIGHT.barrier;
  if (boxReason(lines, i)) return WEIGHT.phrase;
  if (l.textLike && (isTrailOfNext(lines, i) || isPipeMenu(l))) return WEIGHT.short;
  return discountRepeats ? regionWeight(l) : lineWeight(l);
}

function bestRun(lines: readonly Line[], stop: number, discountRepeats: boolean): { start: number; end: number } | null {
  const weights = new Array<number>(lines.length);
  for (let i = 0; i < lines.length; i++) weights[i] = pageWeight(lines, i, stop, discountRepeats);
  return maxRun(weights);
}

/**
 * The article region. Repeated paragraphs do not pull it, unless the page has no other text: a
 * page whose every paragraph appears twice still has an article (its repeats go as duplicates).
 */
export function findRegion(lines: readonly Line[]): { start: number; end: number } | null {
  const stop = articleEnd(lines);
  const region = bestRun(lines, stop, true) ?? bestRun(lines, stop, false);
  return region && { start: ledeAboveRelatedBox(lines, region.start), end: region.end };
}
