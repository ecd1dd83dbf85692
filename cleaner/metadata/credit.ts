import type { CreditMatch, MediaLabelMatch } from './types.ts';
import {
  CJK_PAREN_CREDIT,
  COPYRIGHT_NOTICE,
  CREDIT_BY_LABELS,
  CREDIT_LABELS,
  CREDIT_LOWERCASE_OK,
  MAX_CREDIT_WORDS,
  MAX_LOWERCASE_CREDIT_WORDS,
  MEDIA_LABELS,
  PAREN_CREDIT_LEADS,
  PHOTO_OUTLETS,
  SLASH_CREDIT_AGENCIES,
  STANDALONE_CREDITS,
  TRAILING_CREDIT_JUNK,
  WHOLE_LINE_CREDIT_LEADS,
} from './tables/credits.ts';
import { collapseSpaces } from './spaces.ts';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (xs: readonly string[]): string[] => [...xs].sort((a, b) => b.length - a.length);
/** "Photo" -> "Photo|PHOTO" (written forms, never lowercase). */
const asWritten = (xs: readonly string[]): string =>
  longestFirst(xs.flatMap((x) => (x === x.toUpperCase() ? [x] : [x, x.toUpperCase()]))).map(escape).join('|');

/** A credit value: no sentence break inside, bounded length. */
const VALUE = String.raw`[^\s:：.!?|](?:[^:：!?.|]|(?<=(?:^|[\s/])\p{Lu})\.|\.(?!\s|$)){0,90}?`;
/** Where a suffix credit may start: line start, or after whitespace. */
const START = String.raw`(?:^|(?<=[\s]))`;

/** "FILE PHOTO: ..." opens a caption (its own words), it is not a credit label. */
const NOT_AFTER = String.raw`(?<!\b(?:FILE|File|ARCHIVE|Archive|ARCHIVO|Archivo|ARCHIV|Archiv) )`;
const LABELLED = new RegExp(String.raw`${START}${NOT_AFTER}(?:${asWritten(CREDIT_LABELS)})\s?[:：=]\s?${VALUE}\.?$`, 'u');
const BY_LABELLED = new RegExp(String.raw`${START}(?:${asWritten(CREDIT_BY_LABELS)})\s\p{Lu}${VALUE}$`, 'u');
const PAREN = new RegExp(String.raw`(?:^|(?<=[\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}。、]))[(（](?:(?:${asWritten(PAREN_CREDIT_LEADS)})[\s:/,：＝=][^()（）]{1,100}|Getty Images|AP Photo|Handout|HANDOUT)[)）]\.?$`, 'u');
const PAREN_PREFIX = new RegExp(String.raw`^[(（](?:${asWritten(PAREN_CREDIT_LEADS)})(?:[\s:/,][^()（）]{0,100})?[)）]`, 'u');
const LABELLED_PREFIX = new RegExp(String.raw`^(?:${asWritten(CREDIT_LABELS)})\s?[:：]\s?[^|–—:]{1,60}?(?=\s(?:\||–|—|-)\s)`, 'u');
/** First characters LABELLED_PREFIX accepts (its labels as asWritten spells them: case-sensitive). */
const LABELLED_PREFIX_FIRST: ReadonlySet<string> = new Set(CREDIT_LABELS.flatMap((x) => [x.charAt(0), x.toUpperCase().charAt(0)]));
/** First characters WHOLE_LINE_CREDIT_LEADS accepts: the first letters of its `^(?:a|b|...)` alternatives (case-sensitive). */
const WHOLE_LINE_FIRST: ReadonlySet<string> = (() => {
  const alternatives = /^\^\(\?:([^()]*)\)/.exec(WHOLE_LINE_CREDIT_LEADS.source)?.[1];
  if (alternatives === undefined || WHOLE_LINE_CREDIT_LEADS.flags.includes('i')) throw new Error('WHOLE_LINE_CREDIT_LEADS must open with ^(?:literal|...), case-sensitive');
  return new Set(alternatives.split('|').map((a) => a.charAt(0)));
})();
const SLASH_AGENCY = new RegExp(String.raw`${START}(?:${longestFirst(SLASH_CREDIT_AGENCIES).map(escape).join('|')})\s?\/\s?[^/\s][^/]{0,50}(?:\/[^/]{1,40}){0,3}$`, 'u');
const NAME_WORD = String.raw`(?:[\p{Lu}][\p{L}\p{M}'’-]{0,30}|\p{Lu}\.)`;
const NAME_SLASH_CHAIN = new RegExp(String.raw`${START}${NAME_WORD}(?: ${NAME_WORD}){0,3}(?:\s?\/\s?[^/]{1,40}){1,3}$`, 'u');
const STANDALONE = new RegExp(String.raw`${START}(?:${longestFirst(STANDALONE_CREDITS).map(escape).join('|')})$`, 'u');
const COPYRIGHT_CREDIT = /(?:^|(?<=\s))(?:©|\(c\))\s?[^\s©][^©]{0,60}$/u;
const JUNK = new RegExp(String.raw`\s?(?:${longestFirst(TRAILING_CREDIT_JUNK).map(escape).join('|')})\s?$`, 'iu');

/** "Doug Mills/The New York Times": a Title-case name (2–4 words), a slash, an outlet. */
const TITLE_WORD = String.raw`(?:\p{Lu}[\p{Ll}\p{M}'’-]{1,30}|\p{Lu}\.)`;
const NAME_OUTLET_LINE = new RegExp(String.raw`^${TITLE_WORD}(?: ${TITLE_WORD}){1,3}\/(\p{Lu}[\p{L}\p{M}'’&.-]{0,30}(?: [\p{Lu}&][\p{L}\p{M}'’.-]{0,30}){0,4})$`, 'u');

/** An outlet after "Name/": a known photo outlet, "The …", several capitalised words, or an all-caps brand. */
function plausibleOutlet(outlet: string): boolean {
  return PHOTO_OUTLETS.has(outlet) || /^The \p{Lu}/u.test(outlet) || outlet.includes(' ') || /^\p{Lu}{4,}$/u.test(outlet);
}

/** Only the line's ends are searched: credits are short, so cost is bounded per line. */
const WINDOW = 200;

/** Too many ordinary lowercase words: a caption or gallery title, not a credit. */
function readsLikeProse(value: string): boolean {
  let n = 0;
  for (const w of value.split(/\s+/)) if (/^\p{Ll}/u.test(w) && !CREDIT_LOWERCASE_OK.has(w.replace(/[.,;)]+$/, ''))) n++;
  return n > MAX_LOWERCASE_CREDIT_WORDS;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => w !== '').length;
}

/** "Tobias Brandl/dpa", "Name/AFP via Getty Images", "Name/PA Wire/PA Images": the last segment is a photo outlet. */
function endsWithOutlet(credit: string): boolean {
  const last = (credit.split('/').pop() ?? '').trim();
  const withoutFile = last.replace(/[,.]?\s?File(?: Photo)?$/i, '').trim();
  return PHOTO_OUTLETS.has(last) || PHOTO_OUTLETS.has(withoutFile) || /\bvia Getty Images$/.test(withoutFile);
}

interface Candidate {
  readonly start: number;
  readonly credit: string;
}

interface SuffixTry {
  readonly re: RegExp;
  /** A cheap necessary condition for `re` to match the tail (the character the pattern cannot do without). */
  readonly may: (tail: string) => boolean;
  readonly ok: (credit: string) => boolean;
}

/** Ends with ")" or "）", optionally followed by a full stop (what PAREN and CJK_PAREN_CREDIT end with). */
function endsWithParen(tail: string): boolean {
  const last = tail.charAt(tail.length - 1);
  const end = last === '.' ? tail.charAt(tail.length - 2) : last;
  return end === ')' || end === '）';
}
const always = (): boolean => true;

/** The label forms BY_LABELLED accepts (as asWritten spells them): its match contains one of them. */
const BY_LABEL_FORMS: readonly string[] = CREDIT_BY_LABELS.flatMap((x) => (x === x.toUpperCase() ? [x] : [x, x.toUpperCase()]));
/** Whether the text contains one of BY_LABEL_FORMS: one case-sensitive literal alternation (V8 scans it far faster than 22 includes). */
const BY_LABEL_FORM_RE = new RegExp(BY_LABEL_FORMS.map(escape).join('|'));
const hasByLabel = (t: string): boolean => BY_LABEL_FORM_RE.test(t);
/** STANDALONE_CREDITS by their last character (STANDALONE is case-sensitive and anchored at the end). */
const STANDALONE_BY_LAST: ReadonlyMap<string, readonly string[]> = STANDALONE_CREDITS.reduce((m, c) => {
  const last = c.charAt(c.length - 1);
  m.set(last, [...(m.get(last) ?? []), c]);
  return m;
}, new Map<string, string[]>());
/** Whether the text ends with one of the STANDALONE credits (what the regex needs). */
const endsLikeStandalone = (t: string): boolean => STANDALONE_BY_LAST.get(t.charAt(t.length - 1))?.some((c) => t.endsWith(c)) ?? false;
/** Characters LABELLED needs after its label; what COPYRIGHT_CREDIT needs. */
const COLON_LIKE_RE = /[:：=]/;
const COLON_RE = /[:：]/;
const COPYRIGHT_SIGN_RE = /©|\(c\)/;

/** The suffix credit shapes, tried in this order. */
const SUFFIX_TRIES: readonly SuffixTry[] = [
  { re: CJK_PAREN_CREDIT, may: (t) => t.endsWith('）'), ok: always },
  { re: PAREN, may: endsWithParen, ok: always },
  {
    re: LABELLED, may: (t) => COLON_LIKE_RE.test(t),
    ok: (c) => wordCount(c) <= MAX_CREDIT_WORDS && !COPYRIGHT_NOTICE.test(c) && !readsLikeProse(c.replace(/^[^:：=]*[:：=]/u, '')),
  },
  { re: BY_LABELLED, may: hasByLabel, ok: (c) => wordCount(c) <= MAX_CREDIT_WORDS && !readsLikeProse(c.replace(/^\S+ by /u, '')) },
  { re: SLASH_AGENCY, may: (t) => t.includes('/'), ok: (c) => wordCount(c) <= 8 },
  { re: NAME_SLASH_CHAIN, may: (t) => t.includes('/'), ok: (c) => wordCount(c) <= 10 && endsWithOutlet(c) },
  { re: STANDALONE, may: endsLikeStandalone, ok: always },
  { re: COPYRIGHT_CREDIT, may: (t) => COPYRIGHT_SIGN_RE.test(t), ok: (c) => wordCount(c) <= 6 && !COPYRIGHT_NOTICE.test(c) },
];

function suffixCandidate(s: string): Candidate | null {
  const offset = Math.max(0, s.length - WINDOW);
  const tail = s.slice(offset);
  for (const { re, may, ok } of SUFFIX_TRIES) {
    if (!may(tail)) continue;
    const m = re.exec(tail);
    if (m && ok(m[0])) return { start: offset + m.index, credit: m[0] };
  }
  return null;
}

/** Longest text JUNK can match: a junk phrase and a whitespace character on each side. */
const JUNK_MAX_LENGTH = Math.max(...TRAILING_CREDIT_JUNK.map((j) => j.length)) + 2;

/**
 * The characters a line can end with when JUNK matches (s is trimmed, so a junk phrase's last
 * letter, in either case: on an ASCII character the `iu` regex folds ASCII case only).
 */
const JUNK_LAST_ASCII: ReadonlySet<number> = new Set(TRAILING_CREDIT_JUNK.flatMap((j) => {
  const last = j.charAt(j.length - 1);
  if (last.charCodeAt(0) >= 0x80) throw new Error(`credit junk ${j} must end with an ASCII character`);
  return [last.toLowerCase().charCodeAt(0), last.toUpperCase().charCodeAt(0)];
}));

/** JUNK.exec(s), searching only the end of the line (JUNK is anchored at the end and bounded in length). */
function junkAt(s: string): number {
  const last = s.charCodeAt(s.length - 1);
  if (last < 0x80 && !JUNK_LAST_ASCII.has(last)) return -1;
  const offset = Math.max(0, s.length - JUNK_MAX_LENGTH);
  const m = JUNK.exec(s.slice(offset));
  return m ? offset + m.index : -1;
}

/** Text before a suffix credit must end a caption: punctuation, or a plain word (BBC-style captions have no period). */
function plausibleCaptionEnd(rest: string, credit: string): boolean {
  if (rest === '') return true;
  if (/^[(（]/u.test(credit)) return true;
  return /[.!?…"”’'»)\]。」\p{L}\p{N}]$/u.test(rest);
}

/**
 * Finds a photo credit in a caption or credit line and returns it exactly as written:
 * "PHOTO: REUTERS" (whole), "... 2024. REUTERS/Sofiia Gatilova/File Photo" (suffix),
 * "(AP Photo/Name) Caption" (prefix). Page furniture glued after the credit ("Purchase
 * Licensing Rights, opens new tab") is dropped from `rest`. Null when there is no credit.
 */
export function findCredit(line: string): CreditMatch | null {
  let s = collapseSpaces(line);
  if (s === '') return null;
  const junk = junkAt(s);
  if (junk > 0) s = s.slice(0, junk).trimEnd();

  const first = s.charAt(0);
  if (WHOLE_LINE_FIRST.has(first) && WHOLE_LINE_CREDIT_LEADS.test(s)) return { credit: s, rest: '', position: 'whole' };

  const suffix = suffixCandidate(s);
  if (suffix) {
    const rest = s.slice(0, suffix.start).trim();
    if (plausibleCaptionEnd(rest, suffix.credit)) {
      return { credit: suffix.credit.trim(), rest, position: rest === '' ? 'whole' : 'suffix' };
    }
  }
  const head = s.slice(0, WINDOW);
  // both are anchored: PAREN_PREFIX opens with a round bracket, LABELLED_PREFIX with a label and holds a colon
  const prefix = (first === '(' || first === '（' ? PAREN_PREFIX.exec(head) : null)
    ?? (LABELLED_PREFIX_FIRST.has(first) && COLON_RE.test(head) ? LABELLED_PREFIX.exec(head) : null);
  if (prefix) {
    const rest = s.slice(prefix[0].length).replace(/^\s?(?:[|–—-]\s)?/u, '').trim();
    if (rest !== '') return { credit: prefix[0], rest, position: 'prefix' };
  }
  // "Doug Mills/The New York Times" alone on a line: a name and an outlet.
  const whole = s.includes('/') ? NAME_OUTLET_LINE.exec(s) : null;
  if (whole && plausibleOutlet(whole[1] ?? '')) return { credit: s, rest: '', position: 'whole' };
  return null;
}

/**
 * All MEDIA_LABELS as one alternation, case-insensitive: it matches whenever one of them does (each
 * alternative keeps its own anchors; adding `i` only widens a case-sensitive one), so most lines
 * are turned away by one anchored regex instead of seven.
 */
const ANY_MEDIA_LABEL: RegExp = (() => {
  if (MEDIA_LABELS.some((re) => !re.flags.includes('u') || /\\\d|\(\?</.test(re.source))) {
    throw new Error('MEDIA_LABELS must be u-flagged, without backreferences or named groups, to be joined');
  }
  return new RegExp(MEDIA_LABELS.map((re) => `(?:${re.source})`).join('|'), 'iu');
})();

/**
 * Removes a gallery or screen-reader label in front of a caption: "Image caption, ",
 * "[1/2] ", "Video: ", "Photo 3 of 12", "Bildunterschrift: ". "Image source, " is a credit,
 * not a label (see findCredit). Returns the label as written and the rest (possibly '').
 */
export function stripMediaLabel(line: string): MediaLabelMatch | null {
  const s = collapseSpaces(line);
  if (!ANY_MEDIA_LABEL.test(s)) return null;
  for (const re of MEDIA_LABELS) {
    const m = re.exec(s);
    if (m) return { label: m[0].trim(), rest: s.slice(m[0].length).trim() };
  }
  return null;
}
