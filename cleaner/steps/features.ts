/**
 * Step 3, features: per-line measurements used by the later steps (no decisions here,
 * except the phrase-table lookup, which is a feature too).
 */
import type { Line } from '../page.ts';
import { matchPhrase } from '../tables/phrases.ts';
import { splitSignoff } from '../metadata/index.ts';
import { safe } from './recognise.ts';
import { POOLED_STOPWORDS } from '../tables/stopwords.ts';
import { LIST_RUN_MIN_LINES, LIST_RUN_MIN_WORDS, CJK_CHARS_PER_WORD, TEXT_LONG_WORDS, TEXT_MIN_SENTENCE_STOP_RATIO, TEXT_MIN_STOP_RATIO, TEXT_MIN_WORDS } from '../thresholds.ts';
import { cjkCount, tokens } from '../text.ts';

/** The line ends like a sentence (optionally followed by closing quotes or brackets). */
export const SENTENCE_END_RE = /[.!?。！？…:;](?:["'”’»)\]）」』]{0,3})$/u;
/** List-item shapes: bullets, "1.", "2)", "a)". */
export const LIST_ITEM_RE = /^(?:[•·▪◦●○■□►▶✓✔*\-–—]\s|\d{1,3}[.)]\s|[a-z][.)]\s)/u;
/** Latin or Cyrillic letters: the scripts whose stop words are pooled. */
const POOLED_SCRIPT_RE = /[\p{Script=Latin}\p{Script=Cyrillic}]/u;
/** A footnote line that belongs to the article: "($1 = 3.8812 zlotys)", "(€1 = $1.08)". */
export const FOOTNOTE_RE = /^\(\s?(?:\p{Sc}|[A-Z]{3}\s?)\s?1\s?=\s?[^()]{1,40}\)$/u;
const UPPER_START_RE = /^\p{Lu}/u;
const DIGIT_RE = /\p{N}/gu;
const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/gu;

/** The features of a line that depend on its text alone (not on the page around it). */
export function measureLine(l: Line, stop: ReadonlySet<string> = POOLED_STOPWORDS): void {
  // a trailing agency sign-off is not part of the paragraph: measure the line without it
  const split = safe(() => splitSignoff(l.text));
  l.signoff = split && split.text.trim() !== '' ? { text: split.text.trim(), agency: split.agency } : null;
  const text = l.signoff ? l.signoff.text : l.text;
  const toks = tokens(text);
  const cjk = cjkCount(text);
  const latinToks = cjk === 0 ? toks.length : toks.filter((t) => cjkCount(t) === 0).length;
  l.words = latinToks + Math.round(cjk / CJK_CHARS_PER_WORD);
  l.endsSentence = SENTENCE_END_RE.test(text);
  let stops = 0;
  let caps = 0;
  for (const t of toks) {
    if (stop.has(t.toLowerCase())) stops++;
    if (UPPER_START_RE.test(t)) caps++;
  }
  l.stopRatio = toks.length ? stops / toks.length : 0;
  l.capsRatio = toks.length ? caps / toks.length : 0;
  const alnum = text.match(LETTER_OR_DIGIT_RE)?.length ?? 0;
  l.digitRatio = alnum ? (text.match(DIGIT_RE)?.length ?? 0) / alnum : 0;
  l.listShape = LIST_ITEM_RE.test(l.text);
  // prose in a language with pooled stop words always has some (a list of names has none)
  const proseStops = cjk > 0 || !POOLED_SCRIPT_RE.test(text) || l.stopRatio >= TEXT_MIN_SENTENCE_STOP_RATIO;
  const sentenceShaped = l.words >= TEXT_MIN_WORDS
    && (l.endsSentence || (l.words >= TEXT_LONG_WORDS && l.stopRatio >= TEXT_MIN_STOP_RATIO));
  l.textLike = sentenceShaped && proseStops;
  l.dataLike = sentenceShaped && !proseStops;
  l.footnote = FOOTNOTE_RE.test(text);
  l.phrase = matchPhrase(l.text, l.words);
}

/** Page-level features: how often each text repeats, and runs of same-shaped list lines. */
export function pageFeatures(lines: Line[]): void {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.text, (counts.get(l.text) ?? 0) + 1);
  for (const l of lines) l.repeats = counts.get(l.text) ?? 1;
  markListRuns(lines);
}

export function computeFeatures(lines: Line[]): void {
  for (const l of lines) measureLine(l);
  pageFeatures(lines);
}

/** The separators list items use between their parts ("June 9 -- Venue", "1a etapa: 10 de março"). */
const LIST_SEPARATOR_RE = /\s(?:--|–|—|-|\|)\s|:\s/u;
const DIGIT_START_RE = /^\p{N}/u;
const DIGITS_G_RE = /\p{N}+/gu;

/** A list item's shape: its first word (any number counts as one shape) and its separator. */
function listSignature(l: Line): string | null {
  if (l.textLike || l.words < 2) return null;
  const first = l.text.split(' ', 1)[0] ?? '';
  // bulleted items, and quantities ("200g flour", "2 tbsp oil"): the bullet or the number is the shape
  if (l.listShape) return `•${first}`.replace(DIGITS_G_RE, '#');
  if (DIGIT_START_RE.test(first) && !LIST_SEPARATOR_RE.test(l.text)) return '#';
  if (l.words < LIST_RUN_MIN_WORDS) return null;
  const sep = LIST_SEPARATOR_RE.exec(l.text);
  if (!sep) return null;
  return `${DIGIT_START_RE.test(first) ? '#' : first.toLowerCase()}|${sep[0].trim()}`;
}

/** Runs of LIST_RUN_MIN_LINES or more consecutive lines of the same shape are list items (tour dates, schedules). */
export function markListRuns(lines: Line[]): void {
  let start = 0;
  for (let i = 1; i <= lines.length; i++) {
    const prev = listSignature(lines[i - 1]!);
    const cur = i < lines.length ? listSignature(lines[i]!) : null;
    if (cur !== null && cur === prev) continue;
    if (prev !== null && i - start >= LIST_RUN_MIN_LINES) for (let k = start; k < i; k++) lines[k]!.listRun = true;
    start = i;
  }
}
