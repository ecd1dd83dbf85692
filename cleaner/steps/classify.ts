/**
 * Step 4e, classify: the final label of every line, from the phrase tables, the recognisers,
 * the media pairs, the region and the title.
 *  - title line -> 'title'; captions/credits/labels keep their media labels;
 *  - boilerplate phrase -> removed with the table's reason; contributor / sign-off lines likewise;
 *  - inside the region: bylines and date lines are removed, everything else is body
 *    (short lines there are subheadings, list items, one-line paragraphs);
 *  - outside the region: removed ('byline', 'date' or 'outside-body');
 *  - among body lines, exact repeats are 'duplicate' and short lines repeating part of a longer
 *    paragraph are 'pullquote'.
 * Body lines then get their agency sign-off stripped and their dateline agency recorded.
 */
import type { Line } from '../page.ts';
import { findDateline, splitSignoff } from '../metadata/index.ts';
import { PULLQUOTE_MIN_WORDS } from '../thresholds.ts';
import { safe } from './recognise.ts';

/** Datelines are looked for in this many first body paragraphs. */
export const DATELINE_PARAGRAPHS = 3;
/** Pull-quote search is skipped on bodies longer than this (characters), to stay linear. */
export const PULLQUOTE_MAX_BODY_CHARS = 200_000;
/** Pull quotes are short: longer lines are not checked. */
export const PULLQUOTE_MAX_WORDS = 80;
/** At most this many lines are checked for being pull quotes. */
export const PULLQUOTE_MAX_CANDIDATES = 500;
const PULLQUOTE_MIN_CHARS = 20;
const QUOTE_TRIM_RE = /^["'“”‘’«»„\s]+|["'“”‘’«»„\s]+$/gu;

export function classifyLines(lines: Line[], region: { start: number; end: number } | null, title: number): void {
  for (const l of lines) {
    if (l.label !== null) continue;
    if (l.index === title) { l.label = 'title'; continue; }
    l.label = 'removed';
    if (l.phrase) { l.reason = l.phrase.reason; continue; }
    if (l.contributors) { l.reason = 'contributors'; continue; }
    if (l.signoffLine) { l.reason = 'signoff'; continue; }
    const inside = region !== null && l.index >= region.start && l.index <= region.end;
    if (l.byline && !l.textLike) { l.reason = 'byline'; continue; }
    if (l.dateLine && !l.textLike) { l.reason = 'date'; continue; }
    if (!inside) { l.reason = 'outside-body'; continue; }
    l.label = 'body';
    l.reason = null;
  }
  markRepeats(lines);
  let seen = 0;
  for (const l of lines) {
    if (l.label !== 'body') continue;
    let text = l.text;
    const signoff = safe(() => splitSignoff(text));
    if (signoff && signoff.text.trim() !== '') { text = signoff.text.trim(); l.agencies.push(signoff.agency); }
    if (seen < DATELINE_PARAGRAPHS) {
      const dl = safe(() => findDateline(text));
      if (dl?.agency) l.agencies.push(dl.agency);
    }
    l.paragraph = text;
    seen++;
  }
}

function markRepeats(lines: Line[]): void {
  const body = lines.filter((l) => l.label === 'body');
  const seen = new Set<string>();
  for (const l of body) {
    if (seen.has(l.text)) { l.label = 'removed'; l.reason = 'duplicate'; continue; }
    seen.add(l.text);
  }
  const kept = body.filter((l) => l.label === 'body');
  const joined = kept.map((l) => l.text).join('\n');
  if (joined.length > PULLQUOTE_MAX_BODY_CHARS) return;
  const starts: number[] = [];
  let pos = 0;
  for (const l of kept) { starts.push(pos); pos += l.text.length + 1; }
  let checked = 0;
  kept.forEach((l, k) => {
    if (l.words < PULLQUOTE_MIN_WORDS || l.words > PULLQUOTE_MAX_WORDS || checked >= PULLQUOTE_MAX_CANDIDATES) return;
    checked++;
    const core = l.text.replace(QUOTE_TRIM_RE, '');
    if (core.length < PULLQUOTE_MIN_CHARS) return;
    const own = starts[k]!;
    // another (longer) paragraph contains the same words: the first occurrence outside this line
    let at = joined.indexOf(core);
    while (at >= 0 && at >= own && at < own + l.text.length) at = joined.indexOf(core, own + l.text.length);
    if (at >= 0) { l.label = 'removed'; l.reason = 'pullquote'; }
  });
}
