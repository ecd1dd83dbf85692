/**
 * Step 4e, classify: the final label of every line, from the phrase tables, the recognisers,
 * the media pairs and the region.
 *  - captions/credits/labels keep their media labels;
 *  - boilerplate phrase -> removed with the table's reason; contributor / sign-off lines likewise;
 *  - inside the region: bylines and date lines are removed, everything else is body
 *    (short lines there are subheadings, list items, one-line paragraphs);
 *  - outside the region: removed ('byline', 'date' or 'outside-body').
 * Then refineBody: among body lines, exact repeats are 'duplicate', short lines repeating part of
 * a longer paragraph are 'pullquote', and the body is trimmed to the maximum-weight run of the
 * lines that remain (so that cleaning the result again keeps exactly the same lines).
 */
import type { Line } from '../page.ts';
import { findDateline, parseBareByline } from '../metadata/index.ts';
import { isWhitespaceUnit } from '../metadata/spaces.ts';
import { PULLQUOTE_MIN_WORDS } from '../thresholds.ts';
import { safe } from './recognise.ts';
import { boxReason, commentsStart, isRepeatedShort, isTagsHeader, lineWeight, maxRun } from './region.ts';

/** Datelines are looked for in this many first body paragraphs. */
export const DATELINE_PARAGRAPHS = 3;
/** Pull-quote search is skipped on bodies longer than this (characters), to stay linear. */
export const PULLQUOTE_MAX_BODY_CHARS = 200_000;
/** Pull quotes are short: longer lines are not checked. */
export const PULLQUOTE_MAX_WORDS = 80;
/** At most this many lines are checked for being pull quotes. */
export const PULLQUOTE_MAX_CANDIDATES = 500;
const PULLQUOTE_MIN_CHARS = 20;
/** The paragraph a pull quote repeats is at least this many words longer. */
export const PULLQUOTE_HOST_EXTRA_WORDS = 3;

/** Index of the text whose start offset is the last one <= at (binary search). */
function hostOf(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid; else hi = mid - 1;
  }
  return lo;
}
/** What trimQuotes removes from both ends: /^["'“”‘’«»„\s]+|["'“”‘’«»„\s]+$/gu, as UTF-16 units. */
const QUOTE_TRIM_UNITS: ReadonlySet<number> = new Set([...'"\'“”‘’«»„'].map((ch) => ch.charCodeAt(0)));
const isQuoteTrimUnit = (c: number): boolean => isWhitespaceUnit(c) || QUOTE_TRIM_UNITS.has(c);

/**
 * s.replace(/^["'“”‘’«»„\s]+|["'“”‘’«»„\s]+$/gu, ''), walking in from both ends (the regex tries
 * its second alternative at every position of a long paragraph).
 */
export function trimQuotes(s: string): string {
  let start = 0;
  while (start < s.length && isQuoteTrimUnit(s.charCodeAt(start))) start++;
  let end = s.length;
  while (end > start && isQuoteTrimUnit(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

export function classifyLines(lines: Line[], region: { start: number; end: number } | null): void {
  const comments = commentsStart(lines);
  for (const l of lines) {
    if (l.label !== null) continue;
    const boxed = boxReason(lines, l.index);
    l.label = 'removed';
    if (l.phrase) { l.reason = l.phrase.reason; continue; }
    if (boxed) { l.reason = boxed; continue; }
    if (l.contributors) { l.reason = 'contributors'; continue; }
    if (l.signoffLine) { l.reason = 'signoff'; continue; }
    const inside = region !== null && l.index >= region.start && l.index <= region.end;
    if (l.byline && !l.textLike) { l.reason = 'byline'; continue; }
    if (l.dateLine && !l.textLike) { l.reason = 'date'; continue; }
    if (!inside) { l.reason = comments >= 0 && l.index > comments ? 'comment' : 'outside-body'; continue; }
    if (isRepeatedShort(l)) { l.reason = 'duplicate'; continue; }
    l.label = 'body';
    l.reason = null;
    l.paragraph = l.signoff ? l.signoff.text : l.text;
  }
}

/** Lines after a short "Related" / "Mehr zum Thema" header that are teaser headlines, at most. */
export const RELATED_FOLLOW_LINES = 6;
/** A related-links header is at most this many words. */
export const RELATED_HEADER_MAX_WORDS = 5;

export { TAG_HEADERS } from './region.ts';

/**
 * Teaser headlines under a related-links header ("Read more", "Te puede interesar", or a menu word
 * that announces a list with a colon: "More:") are related links;
 * short lines under a tags header ("Tags", "Topics") are tag links.
 */
export function markRelatedTeasers(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const h = lines[i]!;
    if (h.label !== 'removed' || h.words > RELATED_HEADER_MAX_WORDS) continue;
    const tags = isTagsHeader(h);
    if (h.reason !== 'related' && !tags && !(h.reason === 'nav' && h.text.endsWith(':'))) continue;
    for (let j = i + 1; j < lines.length && j <= i + RELATED_FOLLOW_LINES; j++) {
      const l = lines[j]!;
      if (l.label !== 'body' || l.textLike || l.endsSentence || l.words < (tags ? 1 : 3) || (tags && l.words > TAG_MAX_WORDS)) break;
      drop(l, tags ? 'nav' : 'related');
    }
  }
}

/** A tag link is at most this many words. */
export const TAG_MAX_WORDS = 4;
/** An author bio is looked for among this many last body lines. */
export const BIO_LAST_LINES = 4;
/** The verb of a bio after the author's name, past an optional parenthetical (an e-mail address, a handle). */
const BIO_VERB_RE = /^\s(?:\([^()]{1,80}\)\s)?(?:is|was|has|covers|writes|reports|joined|lives|works|ist|es|est|è)\b/u;
/** An author box's name line is this short; the bio under it is at most BIO_BOX_MAX_LINES lines. */
export const BIO_NAME_MAX_WORDS = 5;
export const BIO_BOX_MAX_LINES = 2;

/**
 * An author box closing the body: among the last body lines, a line that is only a person's name,
 * followed by at most BIO_BOX_MAX_LINES lines, the first of them prose that names the same person
 * ("Jane Doe" / "Award-winning reporter Jane Doe writes about…", "Jane joined us in 2017…").
 */
export function markAuthorBox(body: readonly Line[]): void {
  const tail = body.slice(-(BIO_LAST_LINES + 1));
  for (let k = 0; k < tail.length - 1; k++) {
    const name = tail[k]!;
    const rest = tail.slice(k + 1);
    if (name.textLike || name.words < 2 || name.words > BIO_NAME_MAX_WORDS || rest.length > BIO_BOX_MAX_LINES || !rest[0]!.textLike) continue;
    const person = safe(() => parseBareByline(name.text));
    if (!person || person.authors.length !== 1) continue;
    const parts = person.authors[0]!.split(' ').filter((p) => p.length > 1);
    if (!parts.some((p) => rest[0]!.text.includes(p))) continue;
    drop(name, 'byline');
    rest.forEach((l) => drop(l, 'bio'));
    return;
  }
}

/**
 * Author lines inside the body: a line that is only a known author's name (live-blog entry bylines,
 * an author box) is a byline; among the last body lines, the author box (name line, job line) and a
 * bio that opens with the author's name ("Jane Doe is a writer…", "Jane covers…") are 'bio'.
 */
export function markAuthorLines(lines: Line[], authors: readonly string[]): void {
  markAuthorBox(lines.filter((l) => l.label === 'body'));
  if (authors.length === 0) return;
  const names = new Set(authors.map((a) => a.toLowerCase()));
  const firsts = authors.map((a) => a.split(' ')[0] ?? a).filter((f) => f.length > 1);
  const body = lines.filter((l) => l.label === 'body');
  body.forEach((l) => { if (names.has(l.text.toLowerCase())) drop(l, 'byline'); });
  const tail = body.filter((l) => l.label === 'body').slice(-BIO_LAST_LINES);
  for (const l of tail) {
    const opens = [...authors, ...firsts].some((n) => l.text.startsWith(n) && BIO_VERB_RE.test(l.text.slice(n.length)));
    if (opens) drop(l, 'bio');
  }
}

function drop(l: Line, reason: 'duplicate' | 'pullquote' | 'outside-body' | 'related' | 'nav' | 'byline' | 'bio'): void {
  l.label = 'removed';
  l.reason = reason;
  l.paragraph = null;
}

export function refineBody(lines: Line[]): void {
  markRelatedTeasers(lines);
  const body = lines.filter((l) => l.label === 'body');
  const seen = new Set<string>();
  for (const l of body) {
    const p = l.paragraph ?? l.text;
    if (seen.has(p)) { drop(l, 'duplicate'); continue; }
    seen.add(p);
  }
  markPullquotes(body.filter((l) => l.label === 'body'));
  const kept = body.filter((l) => l.label === 'body');
  const run = maxRun(kept.map(lineWeight));
  kept.forEach((l, k) => { if (!run || k < run.start || k > run.end) drop(l, 'outside-body'); });
}

function markPullquotes(kept: Line[]): void {
  const texts = kept.map((l) => l.paragraph ?? l.text);
  const joined = texts.join('\n');
  if (joined.length > PULLQUOTE_MAX_BODY_CHARS) return;
  const starts: number[] = [];
  let pos = 0;
  for (const t of texts) { starts.push(pos); pos += t.length + 1; }
  let checked = 0;
  // pull quotes sit inside the text: the headline block above the first paragraph is not checked
  const firstText = kept.findIndex((l) => l.textLike);
  kept.forEach((l, k) => {
    if (k <= firstText || l.words < PULLQUOTE_MIN_WORDS || l.words > PULLQUOTE_MAX_WORDS || checked >= PULLQUOTE_MAX_CANDIDATES) return;
    checked++;
    const core = trimQuotes(texts[k]!);
    if (core.length < PULLQUOTE_MIN_CHARS) return;
    const own = starts[k]!;
    const ownEnd = own + texts[k]!.length;
    // another, longer, sentence-like paragraph contains the same words
    let at = joined.indexOf(core);
    while (at >= 0) {
      if (at < own || at >= ownEnd) {
        const host = kept[hostOf(starts, at)]!;
        if (host.textLike && host.words >= l.words + PULLQUOTE_HOST_EXTRA_WORDS) { drop(l, 'pullquote'); return; }
      }
      at = joined.indexOf(core, at + 1);
    }
    if (quoted(texts[k]!) && echoesParagraph(kept, texts, k)) drop(l, 'pullquote');
  });
}

/** Share of a line's 4-word shingles found in one other paragraph that makes it a pull quote of it. */
export const PULLQUOTE_MIN_SHINGLE_SHARE = 0.8;
/** An edited pull quote repeats one of this many body lines before it (it sits near its source). */
export const PULLQUOTE_HOST_WINDOW = 30;
const SHINGLE_TOKEN_RE = /[\p{L}\p{N}]+/gu;
const QUOTE_OPEN_RE = /^["'“‘«„]/u;
const QUOTE_CLOSE_RE = /["'”’»][.,!?]?$/u;

function tokensOf(text: string): string[] {
  return text.toLowerCase().match(SHINGLE_TOKEN_RE) ?? [];
}

function shingles(t: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 4 <= t.length; i++) out.push(`${t[i]} ${t[i + 1]} ${t[i + 2]} ${t[i + 3]}`);
  return out;
}

function quoted(t: string): boolean {
  return QUOTE_OPEN_RE.test(t) && QUOTE_CLOSE_RE.test(t);
}

/**
 * A pull quote that edits the sentence it repeats ("…surprised,” he says." shown as "…surprised.”",
 * a speech tag left out): a line set in quote marks, most of whose 4-word shingles are in one
 * of the PULLQUOTE_HOST_WINDOW text-like paragraphs before it that is longer, or as long and not
 * itself set in quote marks. Only paragraphs holding the line's longest word are compared.
 */
function echoesParagraph(kept: readonly Line[], texts: readonly string[], k: number): boolean {
  const l = kept[k]!;
  if (l.label !== 'body') return false;
  const tokens = tokensOf(texts[k]!);
  const own = new Set(shingles(tokens));
  if (own.size === 0) return false;
  const anchor = tokens.reduce((a, b) => (b.length > a.length ? b : a), '');
  for (let h = Math.max(0, k - PULLQUOTE_HOST_WINDOW); h < k; h++) {
    const host = kept[h]!;
    if (!host.textLike || host.label !== 'body' || host.words < l.words) continue;
    if (host.words < l.words + PULLQUOTE_HOST_EXTRA_WORDS && quoted(texts[h]!)) continue;
    const lower = texts[h]!.toLowerCase();
    if (!lower.includes(anchor)) continue;
    let hits = 0;
    for (const s of new Set(shingles(tokensOf(lower)))) if (own.has(s)) hits++;
    if (hits >= own.size * PULLQUOTE_MIN_SHINGLE_SHARE) return true;
  }
  return false;
}

/** Agencies named by the datelines of the first body paragraphs and by stripped sign-offs. */
export function paragraphAgencies(lines: Line[]): void {
  let seen = 0;
  for (const l of lines) {
    if (l.label !== 'body') continue;
    if (l.signoff) l.agencies.push(l.signoff.agency);
    if (seen < DATELINE_PARAGRAPHS) {
      const dl = safe(() => findDateline(l.paragraph ?? l.text));
      if (dl?.agency) l.agencies.push(dl.agency);
    }
    seen++;
  }
}
