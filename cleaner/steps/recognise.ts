/**
 * Step 4a, recognise: run the metadata line recognisers (cleaner/metadata) on each line.
 * A recogniser that throws is treated as "no match": clean() must never throw.
 */
import type { Line } from '../page.ts';
import {
  findCredit, isSignoffLine, parseByline, parseContributors, parseDateLine, stripMediaLabel,
} from '../metadata/index.ts';
import { CONTRIBUTORS_MAX_WORDS, META_MAX_WORDS } from '../thresholds.ts';
import { stripTrailingLabel } from '../tables/phrases.ts';
import { AGENCIES } from '../metadata/tables/agencies.ts';
import { BYLINE_PREFIXES, DATED_BYLINE, MAX_BYLINE_LENGTH, STAFF_WORDS } from '../metadata/tables/bylines.ts';
import { RELATIVE_DATE_WORDS } from '../metadata/tables/dates.ts';
import { CREDIT_BY_LABELS, MEDIA_LABELS, STANDALONE_CREDITS, TRAILING_CREDIT_JUNK, WHOLE_LINE_CREDIT_LEADS } from '../metadata/tables/credits.ts';

export function safe<T>(f: () => T): T | null {
  try {
    return f() ?? null;
  } catch {
    return null;
  }
}

/** safe(() => f(arg)) without allocating a closure per call (the recognisers run on every line). */
export function safeCall<A, T>(f: (arg: A) => T, arg: A): T | null {
  try {
    return f(arg) ?? null;
  } catch {
    return null;
  }
}

export function recogniseLines(lines: Line[]): void {
  for (const l of lines) recogniseLine(l);
}

// ---- gates: cheap necessary conditions of the recognisers, checked before calling them --------
//
// Each gate is implied by the recogniser's own logic (read in cleaner/metadata; see each gate's
// comment): when a gate says "no", the recogniser would have returned null. The gates only look at
// a LineShape, computed in one scan of the line. Lines that are not "plain" (see below) are always
// passed to the recognisers.

/** What the gates need to know about a line, from one scan of its characters. */
export interface LineShape {
  /**
   * No whitespace but single spaces between other characters: collapseSpaces(t) === t and
   * t.trim() === t, so the recognisers see the line as it is.
   */
  plain: boolean;
  /** Every character is ASCII (then NFC leaves it alone, and case folding stays within ASCII). */
  ascii: boolean;
  /** Some ASCII digit. */
  digit: boolean;
  /** ASCII letters present, lower-cased: bit (c - 'a'). */
  letters: number;
  /** A comma, '|' or '｜' somewhere (byline separators). */
  separator: boolean;
  /** A slash somewhere. */
  slash: boolean;
}

/** The characters JavaScript's \s matches. */
const isJsSpace = (c: number): boolean => (c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
  : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f
    || c === 0x3000 || c === 0xfeff);

export function lineShape(t: string): LineShape {
  let plain = true;
  let ascii = true;
  let digit = false;
  let letters = 0;
  let separator = false;
  let slash = false;
  let afterSpace = true;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x20) {
      if (afterSpace) plain = false;
      afterSpace = true;
      continue;
    }
    afterSpace = false;
    if (c < 0x80) {
      const lower = c | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) letters |= 1 << (lower - 0x61);
      else if (c >= 0x30 && c <= 0x39) digit = true;
      else if (c === 0x2c || c === 0x7c) separator = true;
      else if (c === 0x2f) slash = true;
      else if (c >= 0x09 && c <= 0x0d) plain = false;
    } else {
      ascii = false;
      if (c === 0xff5c) separator = true;
      else if (isJsSpace(c)) plain = false;
    }
  }
  if (afterSpace && t.length > 0) plain = false;
  return { plain, ascii, digit, letters, separator, slash };
}

const NON_ASCII_RE = /[^\x00-\x7f]/;

/** The by-label forms credit.ts looks for ("Photo by" and "PHOTO BY"). */
const BY_LABEL_FORMS: readonly string[] = CREDIT_BY_LABELS.flatMap((x) => (x === x.toUpperCase() ? [x] : [x, x.toUpperCase()]));
/** A by-label form with a non-ASCII character: case folding could matter, no gate (never with the current table). */
const BY_LABEL_NON_ASCII = BY_LABEL_FORMS.some((f) => NON_ASCII_RE.test(f));

/**
 * The alternatives of a regex source that opens with `<open>(?:a|b|c)<close>` (and ends there when
 * `whole`), or null when the source has another form or an alternative has a metacharacter.
 */
function alternativesOf(source: string, open: string, close: string, whole: boolean): string[] | null {
  if (!source.startsWith(`${open}(?:`)) return null;
  const end = source.indexOf(')');
  if (end < 0 || !source.startsWith(close, end + 1)) return null;
  if (whole && source.length !== end + 1 + close.length) return null;
  const words = source.slice(open.length + 3, end).split('|');
  return words.every((w) => /^[\p{L}' ]+$/u.test(w)) ? words : null;
}

const letterMask = (w: string): number => {
  let m = 0;
  for (const ch of w.toLowerCase()) if (ch >= 'a' && ch <= 'z') m |= 1 << (ch.charCodeAt(0) - 0x61);
  return m;
};

/**
 * RELATIVE_DATE_WORDS (`\b(?:yesterday|today|...)\b`, flags iu) as letter masks of its ASCII
 * words; null (no gate) when its source is not of that form. A word with other letters
 * (Cyrillic) cannot match an ASCII line: case folding never maps them into ASCII.
 */
const RELATIVE_WORD_MASKS: readonly number[] | null = (() => {
  const words = alternativesOf(RELATIVE_DATE_WORDS.source, '\\b', '\\b', true);
  if (words === null) return null;
  return words.filter((w) => /^[a-z' ]+$/i.test(w)).map(letterMask);
})();

/**
 * parseDateLine can match: it returns null unless the line (NFC, spaces collapsed, brackets at the
 * ends dropped) has an ASCII digit or RELATIVE_DATE_WORDS matches it. On an ASCII line NFC changes
 * nothing and the other steps only remove characters or turn whitespace into spaces, so without a
 * digit some relative-date word must have all its letters in the line.
 */
export function mayBeDateLine(shape: LineShape): boolean {
  if (!shape.ascii || shape.digit || RELATIVE_WORD_MASKS === null) return true;
  for (const m of RELATIVE_WORD_MASKS) if ((shape.letters & m) === m) return true;
  return false;
}

/**
 * agency.ts trims these from the ends of a candidate name before looking it up (its TRIM_PUNCT):
 * no letters or digits.
 */
const AGENCY_TRIM_LEADING = new Set([...'([{（【「"\'“‘«—–-']);
const AGENCY_TRIM_TRAILING = new Set([...')]}）】」"\'”’».,;:—–-']);

/**
 * The first word of an ASCII candidate agency name, as agencyEntry would see it: leading
 * punctuation and whitespace trimmed (and one slash or dash first, as sign-off lines write it),
 * cut at the first space or slash, trailing punctuation trimmed, lower-cased.
 */
export function agencyKey(x: string): string {
  let i = 0;
  if (x.charCodeAt(0) === 0x2f) i = 1;
  while (i < x.length && (AGENCY_TRIM_LEADING.has(x.charAt(i)) || isJsSpace(x.charCodeAt(i)))) i++;
  let j = i;
  while (j < x.length && x.charCodeAt(j) !== 0x20 && x.charCodeAt(j) !== 0x2f) j++;
  while (j > i && AGENCY_TRIM_TRAILING.has(x.charAt(j - 1))) j--;
  return x.slice(i, j).toLowerCase();
}

/**
 * agencyKey of every agency alias (names, exact and CJK forms, also as agency.ts folds them).
 * agencyEntry(x) finds an agency only when x, trimmed, folded (spaces collapsed, dashes unified,
 * lower-cased) equals an alias, or its part before a slash does ("AFP/sn"): either way an ASCII x
 * has the agencyKey of some alias.
 */
const AGENCY_KEYS: ReadonlySet<string> = new Set(AGENCIES.flatMap((a) => [...a.names, ...a.exact, ...a.cjk])
  .flatMap((form) => [form, form.normalize('NFC').replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ').trim()])
  .map(agencyKey));

/** Whether the line's agencyKey is an alias's (the sign-off and byline gates ask in turn about the same line: the last answer is kept). */
function hasAgencyKey(t: string): boolean {
  if (t !== lastKeyLine) {
    lastKeyLine = t;
    lastKeyKnown = AGENCY_KEYS.has(agencyKey(t));
  }
  return lastKeyKnown;
}
let lastKeyLine = '';
let lastKeyKnown = AGENCY_KEYS.has(agencyKey(''));

/** Drops the remembered line (a slice of the page would keep the page's text alive); clean() calls it after each page. */
export function forgetGateAnswers(): void {
  lastKeyLine = '';
  lastKeyKnown = AGENCY_KEYS.has(agencyKey(''));
}

/** First words of the byline prefixes ("by", "written", "von"), cut at a colon. */
const cutAtColon = (w: string): string => w.split(/[:：]/u, 1)[0]!;
const BYLINE_FIRST_WORDS: ReadonlySet<string> = new Set(BYLINE_PREFIXES.map((p) => cutAtColon(p.split(' ', 1)[0]!.toLowerCase())));
/** DATED_BYLINE's keywords' first letters (case-insensitive), or null (no gate) when its source has another form. */
const DATED_BYLINE_FIRSTS: string | null = (() => {
  const words = alternativesOf(DATED_BYLINE.source, '^', '\\b', false);
  return words === null ? null : words.map((w) => w.charAt(0).toLowerCase()).join('');
})();

/**
 * parseByline can match a plain ASCII line. It returns non-null only for: a CJK byline (non-ASCII
 * first character); a line starting with a prefix of BYLINE_PREFIXES followed by whitespace or a
 * colon (so its first token, cut at a colon, is a prefix's first word); DATED_BYLINE (first letter
 * of one of its keywords); a line that is an agency, possibly followed by staff words (agencyOf:
 * agencyEntry of the line or of its first tokens, so the line's agencyKey is an alias's); or names
 * with a separator (a comma or a pipe). Lines longer than MAX_BYLINE_LENGTH are never bylines.
 */
export function mayBeByline(t: string, shape: LineShape): boolean {
  if (!shape.plain || !shape.ascii) return true;
  if (t.length > MAX_BYLINE_LENGTH) return false;
  if (shape.separator || DATED_BYLINE_FIRSTS === null || DATED_BYLINE_FIRSTS.includes(t.charAt(0).toLowerCase())) return true;
  const space = t.indexOf(' ');
  if (BYLINE_FIRST_WORDS.has(cutAtColon((space < 0 ? t : t.slice(0, space)).toLowerCase()))) return true;
  return hasAgencyKey(t);
}

/**
 * isSignoffLine can match a plain ASCII line. Besides FIRST_PUBLISHED_BY ("This report by ...",
 * first letter t), its shapes are at most SIGNOFF_SHAPE_MAX_LENGTH characters: the dpa slug
 * ("dpa:..."), desk codes alone (DESK_CODES: lower-case letters and slashes), and an agency alone
 * or with desk codes (AGENCY_ONLY_LINE, AGENCY_WITH_DESK_CODES), whose name is the line's first
 * word after an optional dash, slash or bracket: agencyEntry must find it, so the line's agencyKey
 * is an alias's.
 */
export function mayBeSignoffLine(t: string, shape: LineShape): boolean {
  if (!shape.plain || !shape.ascii) return true;
  const c0 = t.charCodeAt(0);
  if (c0 === 0x54 || c0 === 0x74) return true;
  if (t.length > SIGNOFF_SHAPE_MAX_LENGTH) return false;
  if (c0 === 0x64 || (shape.slash && c0 >= 0x61 && c0 <= 0x7a)) return true;
  return hasAgencyKey(t);
}
/**
 * Walks a regex source outside escapes and character classes, calling `visit` with each character,
 * its index and the group depth after it; stops when `visit` returns true.
 */
function walkSource(source: string, visit: (ch: string, i: number, depth: number) => boolean): void {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === '\\') { i++; continue; }
    if (inClass) { if (ch === ']') inClass = false; continue; }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (visit(ch, i, depth)) return;
  }
}

/** The regex source's alternatives at the top level (outside groups and classes). */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let start = 0;
  walkSource(source, (ch, i, depth) => {
    if (ch === '|' && depth === 0) { out.push(source.slice(start, i)); start = i + 1; }
    return false;
  });
  out.push(source.slice(start));
  return out;
}

/** Index of the parenthesis closing the group that opens at 0. */
function groupEnd(source: string): number {
  let end = -1;
  walkSource(source, (ch, i, depth) => ch === ')' && depth === 0 && (end = i) >= 0);
  return end;
}

const QUANTIFIER_ALLOWS_NONE = (rest: string): boolean => rest.startsWith('?') || rest.startsWith('*') || rest.startsWith('{0');

/** The characters a match of the pattern (no anchor) can start with, or null when that is not plain to see. */
function firstCharsOfPattern(p: string): string | null {
  if (p.startsWith('(?:')) {
    const end = groupEnd(p);
    if (end < 0 || QUANTIFIER_ALLOWS_NONE(p.slice(end + 1))) return null;
    let out = '';
    for (const alt of topLevelAlternatives(p.slice(3, end))) {
      const f = firstCharsOfPattern(alt);
      if (f === null) return null;
      out += f;
    }
    return out;
  }
  if (p.startsWith('\\[')) return QUANTIFIER_ALLOWS_NONE(p.slice(2)) ? null : '[';
  if (p.startsWith('\\d')) return QUANTIFIER_ALLOWS_NONE(p.slice(2)) ? null : '0123456789';
  const ch = p.charAt(0);
  return /^\p{L}$/u.test(ch) && !QUANTIFIER_ALLOWS_NONE(p.slice(1)) ? ch : null;
}

/**
 * The first characters of any match of a regex whose every alternative is anchored at the start
 * (`^`), both cases under the i flag; null (no gate) when some alternative is not of that form.
 */
export function firstCharsOf(re: RegExp): string | null {
  let out = '';
  for (const alt of topLevelAlternatives(re.source)) {
    if (!alt.startsWith('^')) return null;
    const f = firstCharsOfPattern(alt.slice(1));
    if (f === null) return null;
    out += f;
  }
  return re.flags.includes('i') ? `${out}${out.toLowerCase()}${out.toUpperCase()}` : out;
}

/** First characters of MEDIA_LABELS matches, or null (no gate). */
const MEDIA_FIRSTS: string | null = (() => {
  let out = '';
  for (const re of MEDIA_LABELS) {
    const f = firstCharsOf(re);
    if (f === null) return null;
    out += f;
  }
  return out;
})();

/**
 * stripMediaLabel can match: every MEDIA_LABELS regex is anchored at the start of the (collapsed)
 * line, so a plain line must start with one of their first characters. A non-ASCII first character
 * may case-fold to one (U+017F, U+212A): always tried.
 */
export function mayBeMediaLabel(t: string): boolean {
  if (MEDIA_FIRSTS === null) return true;
  const c0 = t.charCodeAt(0);
  return c0 >= 0x80 || MEDIA_FIRSTS.includes(t.charAt(0)) || !isPlain(t);
}

/** Whitespace other than a space, or two spaces in a row (what collapseSpaces looks for). */
const OTHER_SPACE_OR_RUN_RE = /[^\S ]| {2}/;

/** LineShape.plain, with native scans (for long lines, where a character loop costs more). */
export function isPlain(t: string): boolean {
  return t.charCodeAt(0) !== 0x20 && t.charCodeAt(t.length - 1) !== 0x20 && !OTHER_SPACE_OR_RUN_RE.test(t);
}

/** First characters of WHOLE_LINE_CREDIT_LEADS matches, or null (no gate). */
const WHOLE_CREDIT_FIRSTS: string | null = firstCharsOf(WHOLE_LINE_CREDIT_LEADS);
const TRAILING_JUNK_LOWER: readonly string[] = TRAILING_CREDIT_JUNK.map((j) => j.toLowerCase());
const STANDALONE_LAST_CHARS: ReadonlySet<string> = new Set(STANDALONE_CREDITS.map((c) => c.charAt(c.length - 1)));

/**
 * findCredit can match a plain ASCII line. Unless the line ends with trailing junk (which findCredit
 * cuts first, changing its end), a credit needs: a whole-line lead (WHOLE_LINE_CREDIT_LEADS), an
 * opening bracket (PAREN_PREFIX), a colon or '=' (LABELLED, LABELLED_PREFIX), a slash (SLASH_AGENCY,
 * NAME_SLASH_CHAIN, NAME_OUTLET_LINE), "(c)" (COPYRIGHT_CREDIT; '©' is not ASCII), a closing bracket
 * at the end (PAREN), the last character of a STANDALONE credit, or a by-label (BY_LABELLED): the
 * same characters findCredit's own `may` checks look for, here from one scan of the line.
 */
export function mayBeCredit(x: string): boolean {
  if (WHOLE_CREDIT_FIRSTS === null || BY_LABEL_NON_ASCII) return true;
  const first = x.charAt(0);
  if (first === '(' || WHOLE_CREDIT_FIRSTS.includes(first)) return true;
  const last = x.charAt(x.length - 1);
  if (last === ')' || (last === '.' && x.charAt(x.length - 2) === ')') || STANDALONE_LAST_CHARS.has(last)) return true;
  // native scans: cheaper than a character loop on long lines
  if (x.includes(':') || x.includes('=') || x.includes('/') || x.includes('(c)')) return true;
  if (NON_ASCII_RE.test(x) || !isPlain(x)) return true;
  if (BY_LABEL_FORMS.some((f) => x.includes(f))) return true;
  if (TRAILING_JUNK_LOWER.length > 0) {
    const tail = x.slice(-JUNK_TAIL_LENGTH).toLowerCase();
    if (TRAILING_JUNK_LOWER.some((j) => tail.endsWith(j))) return true;
  }
  return false;
}
const JUNK_TAIL_LENGTH = Math.max(0, ...TRAILING_CREDIT_JUNK.map((j) => j.length));

/** isSignoffLine's own cap on the line length, past FIRST_PUBLISHED_BY (its short shapes are shorter still). */
const SIGNOFF_SHAPE_MAX_LENGTH = 80;

/**
 * Runs the recognisers on one line (needs the line's own features: words, textLike). Each call
 * is its own try/catch (what safeCall does): direct call sites the compiler can inline, where one
 * shared safeCall(f, arg) site sees every recogniser.
 */
export function recogniseLine(l: Line): void {
  const t = l.text;
  let media: Line['mediaLabel'] = null;
  if (mayBeMediaLabel(t)) try { media = stripMediaLabel(t) ?? null; } catch { media = null; }
  l.mediaLabel = media;
  const captionPart = stripTrailingLabel(media ? media.rest : t);
  let credit: Line['credit'] = null;
  if (mayBeCredit(captionPart)) {
    try { credit = findCredit(captionPart) ?? null; } catch { credit = null; }
  }
  l.credit = credit;
  // bylines and date lines are short and never prose (classify ignores them on text-like lines)
  if (l.words <= META_MAX_WORDS && !l.textLike) {
    const shape = lineShape(t);
    let signoffLine: Line['signoffLine'] = null;
    let byline: Line['byline'] = null;
    let dateLine: Line['dateLine'] = null;
    if (mayBeSignoffLine(t, shape)) try { signoffLine = isSignoffLine(t) ?? null; } catch { signoffLine = null; }
    if (mayBeByline(t, shape)) try { byline = parseByline(t) ?? null; } catch { byline = null; }
    if (mayBeDateLine(shape)) try { dateLine = parseDateLine(t) ?? null; } catch { dateLine = null; }
    l.signoffLine = signoffLine;
    l.byline = byline;
    l.dateLine = dateLine;
  }
  if (l.words <= CONTRIBUTORS_MAX_WORDS) {
    try { l.contributors = parseContributors(t) ?? null; } catch { l.contributors = null; }
  }
}
