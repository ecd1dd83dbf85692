import type { DateKind, DateLineMatch } from './types.ts';
import { collapseSpaces, isWhitespaceUnit } from './spaces.ts';
import { MONTH_NUMBER, WEEKDAYS } from './tables/months.ts';
import {
  DATE_FILLER_WORDS, DATE_KEYWORDS_AFTER, DATE_KEYWORDS_BEFORE, MAX_PROSE_WORDS, READING_TIME, RELATIVE_DATE, RELATIVE_DATE_ANCHORS,
  RELATIVE_DATE_WORDS, RELATIVE_DATE_WORDS_ANCHORS,
} from './tables/dates.ts';

const ASCII_DIGIT_RE = /\d/;
/** Printable ASCII is already NFC. */
const PRINTABLE_ASCII_RE = /^[\x20-\x7e]*$/;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface AnchorGate {
  /** The ASCII anchors as whole words (ASCII word characters on neither side), case-insensitive: for ASCII text. */
  readonly asciiWord: RegExp;
  /** Every anchor, with the relative-date regexes' own `iu` flags: for any text. */
  readonly any: RegExp;
}

function anchorGate(anchors: readonly string[]): AnchorGate {
  const ascii = anchors.filter((a) => PRINTABLE_ASCII_RE.test(a)).map(escape).join('|');
  return {
    asciiWord: new RegExp(`(?<![A-Za-z0-9_])(?:${ascii})(?![A-Za-z0-9_])`, 'i'),
    any: new RegExp(anchors.map(escape).join('|'), 'iu'),
  };
}
const RELATIVE_GATE = anchorGate(RELATIVE_DATE_ANCHORS);
const RELATIVE_WORDS_GATE = anchorGate(RELATIVE_DATE_WORDS_ANCHORS);

/**
 * re.test(s) for RELATIVE_DATE or RELATIVE_DATE_WORDS, run only when s holds one of their anchors
 * (literal alternations scan ~10x faster than these regexes, tried at every position).
 */
function hasRelativeDate(s: string, ascii: boolean, re: RegExp, gate: AnchorGate): boolean {
  return (ascii ? gate.asciiWord : gate.any).test(s) && re.test(s);
}

const OPENING_BRACKET_OR_CLOSING_RE = /^[(（[]|[)）\]]$/g;

/** s without one opening bracket at its start and one closing bracket at its end. */
function stripBrackets(s: string): string {
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  // the only characters the regex removes
  const bracketed = first === 0x28 || first === 0xff08 || first === 0x5b || last === 0x29 || last === 0xff09 || last === 0x5d;
  return bracketed ? s.replace(OPENING_BRACKET_OR_CLOSING_RE, '') : s;
}

/**
 * False when READING_TIME cannot match: it is anchored at the start, where it needs an ASCII digit
 * or the first letter of a label (listen/lesezeit/leestijd, tiempo/temps/tempo, waktu, reading:
 * an ASCII letter can only fold to another ASCII letter; other characters are left to the regex).
 */
function mayBeReadingTime(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c >= 0x80) return true;
  const lower = c | 0x20;
  return (c >= 0x30 && c <= 0x39) || lower === 0x6c || lower === 0x74 || lower === 0x77 || lower === 0x72;
}

/** Date lines are short; anything longer is prose that mentions a date. */
const MAX_DATE_LINE_LENGTH = 160;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const MONTH_ALT = [...MONTH_NUMBER.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
const NOT_LETTER_BEFORE = String.raw`(?<![\p{L}\p{N}])`;
const NOT_LETTER_AFTER = String.raw`(?![\p{L}])`;

type Order = 'ymd' | 'dmy' | 'mdy' | 'dMy' | 'Mdy';
interface DatePattern {
  readonly re: RegExp;
  readonly order: Order;
  /**
   * For the patterns that open with digits: false when the pattern cannot match a position whose
   * run of ASCII digits has this length and is followed by this character (NaN at the end).
   */
  readonly may: (run: number, next: number) => boolean;
}

const isYearMark = (c: number): boolean => c === 0x5e74 || c === 0xb144; // 年 년
/** After a day in "12th March", "12. März", "12 de marzo", "1º de": ASCII letters fold only to ASCII ones. */
const mayFollowDay = (c: number): boolean => {
  const lower = c | 0x20;
  return c >= 0x80 || isWhitespaceUnit(c) || c === 0x2e || lower === 0x73 || lower === 0x6e || lower === 0x72 || lower === 0x74 || lower === 0x65;
};
const never = (): boolean => false;

/** Absolute dates, tried in this order at each position (sticky scanning keeps it linear). */
const DATE_PATTERNS: readonly DatePattern[] = [
  { re: /(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]?/uy, order: 'ymd', may: (run, next) => run === 4 && (isYearMark(next) || isWhitespaceUnit(next)) },
  {
    re: /(\d{4})-(\d{1,2})-(\d{1,2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)/y,
    order: 'ymd',
    may: (run, next) => run === 4 && next === 0x2d,
  },
  { re: /(\d{4})[./](\d{1,2})[./](\d{1,2})\.?(?!\d)/y, order: 'ymd', may: (run, next) => run === 4 && (next === 0x2e || next === 0x2f) },
  { re: /(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)/y, order: 'dmy', may: (run, next) => run <= 2 && (next === 0x2e || next === 0x2f || next === 0x2d) },
  {
    re: new RegExp(String.raw`(\d{1,2})(?:st|nd|rd|th|er|º|°)?\.?\s(?:de\s)?(${MONTH_ALT})\.?${NOT_LETTER_AFTER},?\s(?:de\s)?(\d{4})(?!\d)`, 'iuy'),
    order: 'dMy',
    may: (run, next) => run <= 2 && mayFollowDay(next),
  },
  {
    re: new RegExp(String.raw`(${MONTH_ALT})\.?${NOT_LETTER_AFTER}\s(\d{1,2})(?:st|nd|rd|th)?,?\s(\d{4})(?!\d)`, 'iuy'),
    order: 'Mdy',
    may: never, // opens with a month name: see mayBeMonthName
  },
];

/** The month names written in ASCII, lower case. */
const ASCII_MONTH_NAMES: ReadonlySet<string> = new Set([...MONTH_NUMBER.keys()].filter((k) => PRINTABLE_ASCII_RE.test(k)));

/**
 * False when no month name (as the `iu` month-name patterns match it: not followed by a letter,
 * perhaps after a '.') can start at s[i], an ASCII letter: when the run of ASCII letters there ends
 * at an ASCII non-letter or the end, it is the only candidate and must be an ASCII month name.
 */
function mayBeMonthName(s: string, i: number): boolean {
  let j = i;
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c >= 0x80) return true;
    if (!((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) break;
  }
  return ASCII_MONTH_NAMES.has(s.slice(i, j).toLowerCase());
}

/** The DATE_PATTERNS that open with a digit (`\d` is ASCII-only), in table order, and the others. */
const DIGIT_DATE_PATTERNS = DATE_PATTERNS.filter((p) => p.re.source.startsWith(String.raw`(\d`));
const NAME_DATE_PATTERNS = DATE_PATTERNS.filter((p) => !p.re.source.startsWith(String.raw`(\d`));
const NO_DATE_PATTERNS: readonly DatePattern[] = [];
/** Lower-case ASCII first characters of the month names (1 = some month name starts with it). */
const MONTH_FIRST_ASCII: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (const k of MONTH_NUMBER.keys()) {
    const c = k.toLowerCase().charCodeAt(0);
    if (c < 0x80) t[c] = 1;
  }
  return t;
})();

/** Pieces that belong on a date line but carry no year: "Jan 7", "15日", times, zones. */
const NO_YEAR_DATE = new RegExp(
  String.raw`${NOT_LETTER_BEFORE}(?:(?:${MONTH_ALT})\.?\s\d{1,2}(?:st|nd|rd|th)?(?![\p{L}\p{N}])|\d{1,2}\.?\s(?:de\s)?(?:${MONTH_ALT})${NOT_LETTER_AFTER}\.?)|\d{1,2}\s?[月월]\s?\d{1,2}\s?[日일]|\d{1,2}[日일]`,
  'giu',
);
const TIME = /(?<!\d)\d{1,2}(?:[:.h]\d{2}(?:[:.]\d{2})?|\s?時\s?\d{1,2}\s?分|\s?시\s?\d{1,2}\s?분)(?:\s?[ap]\.?m\.?)?(?!\d)|(?<!\d)\d{1,2}\s?[ap]\.?m\.?(?![\p{L}])|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?/giu;

const TIME_ONCE = new RegExp(TIME.source, 'iu');

/**
 * The month names written in ASCII, as one case-insensitive literal alternation. In ASCII text
 * NO_YEAR_DATE can only match through one of them (its other shapes need 月, 월, 日 or 일, and
 * the `iu` regex folds ASCII letters only to ASCII letters).
 */
const ASCII_MONTH_NAME_RE = new RegExp([...MONTH_NUMBER.keys()].filter((k) => PRINTABLE_ASCII_RE.test(k)).map(escape).join('|'), 'i');

/** text.replace(NO_YEAR_DATE, ' ').replace(TIME, ' '), skipping NO_YEAR_DATE (costly: ~100 month names at each position) when it cannot match. */
function stripNoYearDatesAndTimes(text: string, ascii: boolean): string {
  const withoutNoYear = !ascii || ASCII_MONTH_NAME_RE.test(text) ? text.replace(NO_YEAR_DATE, ' ') : text;
  return withoutNoYear.replace(TIME, ' ');
}

function keywordRegex(entries: readonly (readonly [string, DateKind])[]): RegExp {
  const words = entries.map(([k]) => k).sort((a, b) => b.length - a.length);
  const latin = words.filter((w) => /^[\p{Script=Latin}\p{Script=Cyrillic}\s.]+$/u.test(w)).map(escape);
  const cjk = words.filter((w) => !/^[\p{Script=Latin}\p{Script=Cyrillic}\s.]+$/u.test(w)).map(escape);
  const parts = [latin.length ? String.raw`(?<![\p{L}])(?:${latin.join('|')})(?![\p{L}])` : '', cjk.join('|')].filter((p) => p !== '');
  return new RegExp(parts.join('|'), 'giu');
}
const KEYWORD_BEFORE = keywordRegex(DATE_KEYWORDS_BEFORE);
const KEYWORD_AFTER = keywordRegex(DATE_KEYWORDS_AFTER);
/**
 * Every keyword as one literal alternation with KEYWORD_*'s own `iu` flags: a KEYWORD_* match is one
 * of these words, and this regex scans far faster (no lookarounds, no per-position alternation).
 */
const KEYWORD_BEFORE_WORDS = new RegExp(DATE_KEYWORDS_BEFORE.map(([k]) => escape(k)).join('|'), 'iu');
const KEYWORD_AFTER_WORDS = new RegExp(DATE_KEYWORDS_AFTER.map(([k]) => escape(k)).join('|'), 'iu');
const KIND_BEFORE = new Map(DATE_KEYWORDS_BEFORE.map(([k, v]) => [k, v]));
const KIND_AFTER = new Map(DATE_KEYWORDS_AFTER.map(([k, v]) => [k, v]));

interface FoundDate {
  readonly start: number;
  readonly end: number;
  readonly date: string | null;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** US conventions on the line (12-hour clock, US zones) make an ambiguous 3/12/2025 month-first. */
const US_STYLE = /(?<![\p{L}])(?:[ap]\.?m\.?|ET|EST|EDT|CST|CDT|MST|MDT|PST|PDT)(?![\p{L}])/iu;

function toIso(m: RegExpExecArray, order: Order, monthFirst: boolean): string | null {
  switch (order) {
    case 'ymd':
      return iso(Number(m[1]), Number(m[2]), Number(m[3]));
    case 'dmy': {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const y = Number(m[4]);
      // Day first (most of the world) unless that is impossible, or the line is US-styled.
      if (b > 12 && a <= 12) return iso(y, a, b);
      if (monthFirst && a <= 12 && b <= 12) return iso(y, a, b);
      return iso(y, b, a);
    }
    case 'mdy':
      return iso(Number(m[3]), Number(m[1]), Number(m[2]));
    case 'dMy':
      return iso(Number(m[3]), MONTH_NUMBER.get((m[2] ?? '').toLowerCase()) ?? 0, Number(m[1]));
    case 'Mdy':
      return iso(Number(m[3]), MONTH_NUMBER.get((m[1] ?? '').toLowerCase()) ?? 0, Number(m[2]));
  }
}

/** The index of the last whitespace character followed by an ASCII digit, or -1. */
function lastSpaceDigit(s: string): number {
  for (let k = s.length - 2; k >= 0; k--) {
    const d = s.charCodeAt(k + 1);
    if (d >= 0x30 && d <= 0x39 && isWhitespaceUnit(s.charCodeAt(k))) return k;
  }
  return -1;
}

/** Absolute dates in left-to-right order, scanning each start position once. */
function findDates(s: string): FoundDate[] {
  const out: FoundDate[] = [];
  // only a day-month-year match asks (US_STYLE scans the whole line)
  let monthFirst: boolean | undefined;
  // the month-name patterns need "\s<digit>" after the name: none can start at or after the last such pair
  const nameLimit = lastSpaceDigit(s);
  let i = 0;
  while (i < s.length) {
    // Every pattern starts with a digit or a month name: an ASCII character that is neither starts nothing.
    const c = s.charCodeAt(i);
    if (c < 0x80 && !(c >= 0x30 && c <= 0x39) && !((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) {
      i++;
      continue;
    }
    // Only try at a token start: digits or letters after a non-letter/digit.
    const prev = i === 0 ? ' ' : s.charAt(i - 1);
    const p = prev.charCodeAt(0);
    // CJK text has no spaces: "송고시간2025-03-12", "更新日2025年3月12日" start right after a letter.
    if (p < 0x80
      ? (p >= 0x30 && p <= 0x39) || ((p | 0x20) >= 0x61 && (p | 0x20) <= 0x7a)
      : /[\p{L}\p{N}]/u.test(prev) && !/[年년月월日일\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(prev)) {
      i++;
      continue;
    }
    let hit: FoundDate | null = null;
    // the patterns that can start here: those opening with a digit at an ASCII digit (each knowing
    // what its digits must look like), the month-name ones at a letter that may begin a month name
    // (any non-ASCII letter may fold to one under `iu`)
    const digit = c >= 0x30 && c <= 0x39;
    let run = 0;
    let next = NaN;
    if (digit) {
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
      run = j - i;
      next = s.charCodeAt(j);
    }
    const candidates = digit ? DIGIT_DATE_PATTERNS
      : i >= nameLimit || (c < 0x80 && (MONTH_FIRST_ASCII[c | 0x20] !== 1 || !mayBeMonthName(s, i))) ? NO_DATE_PATTERNS : NAME_DATE_PATTERNS;
    for (const { re, order, may } of candidates) {
      if (digit && !may(run, next)) continue;
      re.lastIndex = i;
      const m = re.exec(s);
      if (m) {
        if (order === 'dmy') monthFirst ??= US_STYLE.test(s);
        hit = { start: i, end: i + m[0].length, date: toIso(m, order, monthFirst ?? false) };
        break;
      }
    }
    if (hit) {
      out.push(hit);
      i = hit.end;
    } else i++;
  }
  return out;
}

function kindFrom(text: string, re: RegExp, words: RegExp, kinds: ReadonlyMap<string, DateKind>, last: boolean): DateKind | null {
  if (!words.test(text)) return null;
  re.lastIndex = 0;
  let kind: DateKind | null = null;
  for (const m of text.matchAll(re)) {
    kind = kinds.get(m[0].toLowerCase()) ?? null;
    if (!last) break;
  }
  return kind;
}

/** Words that are neither date parts nor filler: the line's "prose". */
function proseWords(rest: string): number {
  let n = 0;
  for (const m of rest.matchAll(/[\p{L}][\p{L}\p{M}'’.-]*/gu)) {
    const w = m[0].toLowerCase().replace(/[.'’-]+$/, '');
    if (DATE_FILLER_WORDS.has(w) || WEEKDAYS.has(w) || MONTH_NUMBER.has(w)) continue;
    n++;
  }
  return n;
}

/**
 * Parses a line that is mostly a date or time: "March 12, 2025", "Published 12.03.2025,
 * 10:31 Uhr", "Updated 3 hours ago" (date null), "12 de marzo de 2025", "2025年3月12日".
 * kind comes from the words around the first absolute date ('other' when there are none).
 * Relative dates, dates without a year and bare times give date null. Lines that are
 * reading times ("5 min read") give { date: null, kind: 'other', readingTime: true }.
 * Null for prose that merely mentions a date.
 */
export function parseDateLine(line: string): DateLineMatch | null {
  if (line.length > 4 * MAX_DATE_LINE_LENGTH) return null;
  // s and every piece of it below are ASCII when the line is
  const ascii = PRINTABLE_ASCII_RE.test(line);
  const s = stripBrackets(collapseSpaces(ascii ? line : line.normalize('NFC')));
  if (s === '' || s.length > MAX_DATE_LINE_LENGTH) return null;
  // every date, time and reading-time pattern has a digit; without one only a relative-date word can match
  if (!ASCII_DIGIT_RE.test(s) && !hasRelativeDate(s, ascii, RELATIVE_DATE_WORDS, RELATIVE_WORDS_GATE)) return null;
  if (mayBeReadingTime(s) && READING_TIME.test(s)) return { date: null, kind: 'other', readingTime: true };

  const found = findDates(s);
  const dates: { date: string; kind: DateKind }[] = [];
  let rest = '';
  let cursor = 0;
  found.forEach((f, idx) => {
    const before = s.slice(cursor, f.start);
    const after = s.slice(f.end, found[idx + 1]?.start ?? s.length);
    const kind = kindFrom(before, KEYWORD_BEFORE, KEYWORD_BEFORE_WORDS, KIND_BEFORE, true)
      ?? kindFrom(after.slice(0, 24), KEYWORD_AFTER, KEYWORD_AFTER_WORDS, KIND_AFTER, false) ?? 'other';
    if (f.date !== null) dates.push({ date: f.date, kind });
    rest += `${before} `;
    cursor = f.end;
  });
  rest += s.slice(cursor);

  // "Posted on 14 September 2024 by Ruth Kinsella": the byline tail is not prose.
  if (found.length > 0) rest = rest.replace(/\s(?:by|por|par|von|oleh|door)\s\p{Lu}[\p{L}\p{M}'’.-]*(?:\s\p{Lu}[\p{L}\p{M}'’.-]*){0,3}\s*$/u, ' ');
  const relative = hasRelativeDate(rest, ascii, RELATIVE_DATE, RELATIVE_GATE);
  const withoutRelative = relative ? rest.replace(RELATIVE_DATE, ' ') : rest;
  // every NO_YEAR_DATE and TIME alternative holds an ASCII digit (`\d` under `u`)
  const stripped = ASCII_DIGIT_RE.test(withoutRelative) ? stripNoYearDatesAndTimes(withoutRelative, ascii) : withoutRelative;
  const hadTimeOrNoYear = stripped !== withoutRelative;
  if (found.length === 0 && !relative && !hadTimeOrNoYear) return null;

  const withoutBefore = KEYWORD_BEFORE_WORDS.test(stripped) ? stripped.replace(KEYWORD_BEFORE, ' ') : stripped;
  const withoutKeywords = KEYWORD_AFTER_WORDS.test(withoutBefore) ? withoutBefore.replace(KEYWORD_AFTER, ' ') : withoutBefore;
  // Without a full date, relative date or time ("The night of 23 November"), allow no prose at all.
  const hasTime = TIME_ONCE.test(rest);
  KEYWORD_BEFORE.lastIndex = 0;
  KEYWORD_AFTER.lastIndex = 0;
  const keywords = (KEYWORD_BEFORE_WORDS.test(stripped) && KEYWORD_BEFORE.test(stripped))
    || (KEYWORD_AFTER_WORDS.test(stripped) && KEYWORD_AFTER.test(stripped));
  KEYWORD_BEFORE.lastIndex = 0;
  KEYWORD_AFTER.lastIndex = 0;
  // Without a full or relative date, only a keyword may accompany a time ("Updated 14:52 GMT").
  const maxProse = found.length > 0 || relative ? MAX_PROSE_WORDS : hasTime && keywords ? MAX_PROSE_WORDS : 0;
  if (proseWords(withoutKeywords) > maxProse) return null;
  // A line of only a number or two with a time-like shape ("2 1", "3.5") is not a date line.
  if (found.length === 0 && !relative && !/[\p{L}:時시]/u.test(s)) return null;

  const first = dates[0];
  if (first) return { date: first.date, kind: first.kind, dates };
  const kind = kindFrom(s, KEYWORD_BEFORE, KEYWORD_BEFORE_WORDS, KIND_BEFORE, false)
    ?? kindFrom(s, KEYWORD_AFTER, KEYWORD_AFTER_WORDS, KIND_AFTER, false) ?? 'other';
  return { date: null, kind, dates };
}
