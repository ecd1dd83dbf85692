/**
 * Step 3, features: per-line measurements used by the later steps (no decisions here,
 * except the phrase-table lookup, which is a feature too).
 */
import type { Line } from '../page.ts';
import { matchPhrase } from '../tables/phrases.ts';
import { splitSignoff } from '../metadata/index.ts';
import { POOLED_STOPWORDS } from '../tables/stopwords.ts';
import { LIST_RUN_MIN_LINES, LIST_RUN_MIN_WORDS, CJK_CHARS_PER_WORD, TEXT_LONG_WORDS, TEXT_MIN_SENTENCE_STOP_RATIO, TEXT_MIN_STOP_RATIO, TEXT_MIN_WORDS } from '../thresholds.ts';
import { ASCII_CLASS, C_CJK, C_DIGIT, C_POOLED, C_UPPER, C_WORD, codePointClass, LOWER_COMPLEX, lowerUnit } from '../text.ts';

/** The line ends like a sentence (optionally followed by closing quotes or brackets). */
export const SENTENCE_END_RE = /[.!?。！？…:;](?:["'”’»)\]）」』]{0,3})$/u;
/** List-item shapes: bullets, "1.", "2)", "a)". */
export const LIST_ITEM_RE = /^(?:[•·▪◦●○■□►▶✓✔*\-–—]\s|\d{1,3}[.)]\s|[a-z][.)]\s)/u;
/** A footnote line that belongs to the article: "($1 = 3.8812 zlotys)", "(€1 = $1.08)". */
export const FOOTNOTE_RE = /^\(\s?(?:\p{Sc}|[A-Z]{3}\s?)\s?1\s?=\s?[^()]{1,40}\)$/u;

/** LIST_ITEM_RE's first characters: its bullets, an ASCII digit or an ASCII lower-case letter. */
const LIST_BULLETS = '•·▪◦●○■□►▶✓✔*-–—';
/** A necessary condition of LIST_ITEM_RE: the line starts with one of its first characters. */
function mayBeListItem(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c > 0x20 && LIST_BULLETS.includes(text.charAt(0)));
}

/** Longest pooled stop word (UTF-16 units). */
const POOLED_STOPWORD_MAX_LENGTH = Math.max(0, ...[...POOLED_STOPWORDS].map((w) => w.length));

/** The hash the feature scan builds of a token's lower-cased units. */
function hashUnits(word: string): number {
  let h = 0;
  for (let k = 0; k < word.length; k++) h = (Math.imul(h, 31) + word.charCodeAt(k)) | 0;
  return h;
}

/**
 * The pooled stop words by hash of their (lower-case) units. A token whose units all lower-case
 * on their own (see lowerUnit) lower-cases to the string of those units, so it is a stop word
 * exactly when it equals, unit for unit, one of the words listed under its hash.
 */
const STOPWORDS_BY_HASH: ReadonlyMap<number, readonly string[]> = (() => {
  const m = new Map<number, string[]>();
  for (const w of POOLED_STOPWORDS) {
    const h = hashUnits(w);
    const list = m.get(h);
    if (list) list.push(w); else m.set(h, [w]);
  }
  return m;
})();

/**
 * STOPWORDS_BY_HASH as an open-addressing table (linear probing, at most half full): the hash
 * in HASH_KEYS, the index of its candidates in HASH_LISTS plus one in HASH_SLOTS (0 = empty slot).
 * The feature scan looks up every token; typed arrays beat a Map of number keys there.
 */
const HASH_LISTS: readonly (readonly string[])[] = [...STOPWORDS_BY_HASH.values()];
const HASH_MASK = (1 << Math.max(4, Math.ceil(Math.log2(HASH_LISTS.length * 2 + 1)))) - 1;
const HASH_KEYS = new Int32Array(HASH_MASK + 1);
const HASH_SLOTS = new Int32Array(HASH_MASK + 1);
[...STOPWORDS_BY_HASH.keys()].forEach((h, k) => {
  let i = h & HASH_MASK;
  while (HASH_SLOTS[i] !== 0) i = (i + 1) & HASH_MASK;
  HASH_KEYS[i] = h;
  HASH_SLOTS[i] = k + 1;
});

/** STOPWORDS_BY_HASH.get(hash), from the typed table. */
function candidatesOf(hash: number): readonly string[] | undefined {
  for (let i = hash & HASH_MASK; ; i = (i + 1) & HASH_MASK) {
    const slot = HASH_SLOTS[i]!;
    if (slot === 0) return undefined;
    if (HASH_KEYS[i] === hash) return HASH_LISTS[slot - 1];
  }
}

/**
 * Whether text[start, end) (BMP units that each lower-case on their own, with the given hash of
 * their lower cases) is a pooled stop word: POOLED_STOPWORDS.has(text.slice(start, end).toLowerCase()).
 */
function isPooledStopword(text: string, start: number, end: number, hash: number): boolean {
  const candidates = candidatesOf(hash);
  if (!candidates) return false;
  for (const w of candidates) {
    if (w.length !== end - start) continue;
    let k = 0;
    while (k < w.length && lowerUnit(text.charCodeAt(start + k)) === w.charCodeAt(k)) k++;
    if (k === w.length) return true;
  }
  return false;
}

/** Closing quotes and brackets SENTENCE_END_RE allows after the final punctuation, and that punctuation. */
const SENTENCE_CLOSERS = '"\'”’»)]）」』';
const SENTENCE_ENDERS = '.!?。！？…:;';

/** SENTENCE_END_RE.test(text), from the end of the line. */
export function endsLikeSentence(text: string): boolean {
  let i = text.length - 1;
  let closers = 0;
  while (i >= 0 && SENTENCE_CLOSERS.includes(text.charAt(i))) { i--; closers++; }
  return closers <= 3 && i >= 0 && SENTENCE_ENDERS.includes(text.charAt(i));
}

/**
 * The features of a line that depend on its text alone (not on the page around it): one scan
 * over the code points counts tokens (maximal letter/digit runs, as TOKEN_RE), CJK characters,
 * stop words, capitalised tokens, letters/digits and digits.
 */
export function measureLine(l: Line, stop: ReadonlySet<string> = POOLED_STOPWORDS): void {
  // a trailing agency sign-off is not part of the paragraph: measure the line without it
  let split: ReturnType<typeof splitSignoff> = null;
  try { split = splitSignoff(l.text) ?? null; } catch { split = null; }
  l.signoff = split && split.text.trim() !== '' ? { text: split.text.trim(), agency: split.agency } : null;
  const text = l.signoff ? l.signoff.text : l.text;
  let toks = 0;
  let latinToks = 0;
  let cjk = 0;
  let stops = 0;
  let caps = 0;
  let alnum = 0;
  let digits = 0;
  let pooled = false;
  let start = -1;
  let tokCjk = false;
  let tokUpper = false;
  // tokens are looked up by a hash of their lower-cased units, built during the scan; a token with
  // a unit that does not lower-case on its own (or an astral character) takes the slow path
  let tokSimple = true;
  let hash = 0;
  const pooledSet = stop === POOLED_STOPWORDS;
  const maxStop = pooledSet ? POOLED_STOPWORD_MAX_LENGTH : Number.POSITIVE_INFINITY;
  const n = text.length;
  // one step past the end closes the last token
  for (let i = 0; i <= n;) {
    const c = i < n ? text.charCodeAt(i) : 0x20;
    const cp = c < 0xd800 || c > 0xdbff ? c : text.codePointAt(i)!;
    const f = cp < 128 ? ASCII_CLASS[cp]! : codePointClass(cp);
    if (f & C_WORD) {
      if (start < 0) { start = i; tokCjk = false; tokUpper = (f & C_UPPER) !== 0; tokSimple = true; hash = 0; }
      alnum++;
      if (f & C_DIGIT) digits++;
      if (f & C_CJK) { tokCjk = true; cjk++; }
      if (cp < 128) hash = (Math.imul(hash, 31) + (cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp)) | 0;
      else if (cp > 0xffff) tokSimple = false;
      else {
        const u = lowerUnit(cp);
        if (u === LOWER_COMPLEX) tokSimple = false;
        else hash = (Math.imul(hash, 31) + u) | 0;
      }
    } else {
      if (start >= 0) {
        toks++;
        if (!tokCjk) latinToks++;
        if (tokUpper) caps++;
        // lower-casing never shortens a string: a longer token is no stop word
        if (i - start <= maxStop) {
          if (pooledSet && tokSimple ? isPooledStopword(text, start, i, hash) : stop.has(text.slice(start, i).toLowerCase())) stops++;
        }
        start = -1;
      }
      // (some characters of the CJK scripts are symbols or punctuation: counted, outside any token)
      if (f & C_CJK) cjk++;
    }
    if (f & C_POOLED) pooled = true;
    i += cp > 0xffff ? 2 : 1;
  }
  l.words = latinToks + Math.round(cjk / CJK_CHARS_PER_WORD);
  l.measured = text;
  // wordCount counts the tokens the same way until it meets a CJK character
  l.measuredWords = cjk === 0 ? toks : -1;
  l.endsSentence = endsLikeSentence(text);
  l.stopRatio = toks ? stops / toks : 0;
  l.capsRatio = toks ? caps / toks : 0;
  l.digitRatio = alnum ? digits / alnum : 0;
  l.listShape = mayBeListItem(l.text) && LIST_ITEM_RE.test(l.text);
  // prose in a language with pooled stop words always has some (a list of names has none)
  const proseStops = cjk > 0 || !pooled || l.stopRatio >= TEXT_MIN_SENTENCE_STOP_RATIO;
  const sentenceShaped = l.words >= TEXT_MIN_WORDS
    && (l.endsSentence || (l.words >= TEXT_LONG_WORDS && l.stopRatio >= TEXT_MIN_STOP_RATIO));
  l.textLike = sentenceShaped && proseStops;
  l.dataLike = sentenceShaped && !proseStops;
  l.footnote = text.charCodeAt(0) === 0x28 && FOOTNOTE_RE.test(text);
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
  // each line's signature is computed once (it is the next line's `prev`)
  let cur = lines.length > 0 ? listSignature(lines[0]!) : null;
  for (let i = 1; i <= lines.length; i++) {
    const prev = cur;
    cur = i < lines.length ? listSignature(lines[i]!) : null;
    if (cur !== null && cur === prev) continue;
    if (prev !== null && i - start >= LIST_RUN_MIN_LINES) for (let k = start; k < i; k++) lines[k]!.listRun = true;
    start = i;
  }
}
