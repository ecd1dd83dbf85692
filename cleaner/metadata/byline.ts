import { agencyEntry } from './agency.ts';
import { collapseSpaces } from './spaces.ts';
import type { BylineMatch } from './types.ts';
import { AMBIGUOUS_ALONE } from './tables/signoffs.ts';
import {
  BYLINE_PREFIXES,
  CJK_BYLINE,
  DATED_BYLINE,
  HONORIFICS,
  JOB_TITLE_WORDS,
  LOCATION_MARKERS,
  MAX_BYLINE_LENGTH,
  NAME_JOINERS,
  NAME_PARTICLES,
  NOT_NAME_WORDS,
  STAFF_WORDS,
  WITH_JOINERS,
} from './tables/bylines.ts';

/** Longest prefix first: "written by" before "by". */
const PREFIXES_LONGEST_FIRST = [...BYLINE_PREFIXES].sort((a, b) => b.length - a.length);
const JOINER_SPLIT = new RegExp(String.raw`\s(${NAME_JOINERS.join('|')})\s`, 'iu');
const NAME_TOKEN = /^[\p{Lu}][\p{L}\p{M}'’.-]{0,30}$/u;
const INITIAL = /^\p{Lu}\.(?:\p{Lu}\.){0,2}$/u;
const SUFFIX_TOKEN = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;
const MIN_NAME_TOKENS = 2;
const MAX_NAME_TOKENS = 5;
const MAX_AGENCY_TOKENS = 4;
/** Raw lines longer than this many times a cap cannot shrink under it by collapsing spaces (cheap early exit). */
const MAX_RAW_FACTOR = 4;
/** Academic or professional letters after a name: "MS", "RD", "PhD", "BSc", "M.D.", "RD (CA)". */
const CREDENTIAL = /^(?:\p{Lu}[\p{L}.]{0,5})(?:\s?\([\p{Lu}]{2,3}\))?$/u;
/** A date glued to the end of a byline: "Written by X on November 14, 2019". */
const TRAILING_DATE = /\s(?:on|am|le|el|em|il|op|pada)\s[^,]{0,20}\d[^]{0,40}$|\s[|·•—–]\s.{0,40}\d{4}.{0,20}$/u;
/** A job title after a comma or pipe is short: "Senior Mobile Editor", "Head of Research". */
const ASCII_DIGIT_RE = /\d/;
const MAX_TITLE_WORDS = 6;
/** Without a "By", a byline is a short line: name plus agency or title. */
const MAX_UNPREFIXED_WORDS = 10;

interface Parsed {
  authors: string[];
  agencies: string[];
}

/** True when every token is a name token, the name has 2–5 tokens and starts/ends capitalised. */
export function isNameShaped(tokens: readonly string[]): boolean {
  if (tokens.length < MIN_NAME_TOKENS || tokens.length > MAX_NAME_TOKENS) return false;
  const first = tokens[0] ?? '';
  const last = tokens[tokens.length - 1] ?? '';
  if (!NAME_TOKEN.test(first) || NOT_NAME_WORDS.has(first.toLowerCase())) return false;
  if (!(NAME_TOKEN.test(last) || SUFFIX_TOKEN.test(last))) return false;
  return tokens.every(
    (t) =>
      (NAME_TOKEN.test(t) && !NOT_NAME_WORDS.has(t.toLowerCase().replace(/[.’']+$/, ''))) ||
      INITIAL.test(t) ||
      SUFFIX_TOKEN.test(t) ||
      NAME_PARTICLES.has(t),
  );
}

function tokens(text: string): string[] {
  return text.split(' ').filter((t) => t !== '');
}

/** tokens(text).length without building the tokens: the runs of characters other than ' '. */
function tokenCount(text: string): number {
  let n = 0;
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) === 0x20;
    if (!space && !inToken) n++;
    inToken = !space;
  }
  return n;
}

function dropHonorifics(ts: string[]): string[] {
  let i = 0;
  while (i < ts.length - 1 && HONORIFICS.has((ts[i] ?? '').toLowerCase())) i++;
  return ts.slice(i);
}

function dropLocation(ts: string[]): string[] {
  for (let i = MIN_NAME_TOKENS; i < ts.length - 1; i++) {
    const t = ts[i] ?? '';
    if (LOCATION_MARKERS.has(t) && /^\p{Lu}/u.test(ts[i + 1] ?? '')) return ts.slice(0, i);
  }
  return ts;
}

/** Shortest and longest staff word. */
const STAFF_WORD_MIN = Math.min(...[...STAFF_WORDS].map((w) => w.length));
const STAFF_WORD_MAX = Math.max(...[...STAFF_WORDS].map((w) => w.length));

/** An agency, possibly with staff words ("PA Sport Staff", "Reuters staff", "AFP"). */
function agencyOf(text: string): string | null {
  const direct = agencyEntry(text);
  if (direct) return direct.canonical;
  // only a trailing staff word can leave an agency: look at the last token before splitting
  let e = text.length;
  while (e > 0 && text.charCodeAt(e - 1) === 0x20) e--;
  const start = text.lastIndexOf(' ', e - 1) + 1;
  // lower-casing keeps a word's length unless it adds a combining mark (İ), which no staff word has
  if (e - start < STAFF_WORD_MIN || e - start > STAFF_WORD_MAX || !STAFF_WORDS.has(text.slice(start, e).toLowerCase())) return null;
  const ts = tokens(text);
  let end = ts.length;
  while (end > 1 && STAFF_WORDS.has((ts[end - 1] ?? '').toLowerCase())) end--;
  if (end === ts.length) return null;
  return agencyEntry(ts.slice(0, end).join(' '))?.canonical ?? null;
}

/**
 * One "name" piece: returns the author (as written), or the agency, or null when it is
 * neither. "MARGARET OYELARAN Associated Press" gives both.
 */
function parsePiece(piece: string, out: Parsed): boolean {
  const text = piece.trim().replace(/[.,;:]+$/, '');
  if (text === '') return false;
  const agency = agencyOf(text);
  if (agency) {
    out.agencies.push(agency);
    return true;
  }
  const ts = dropLocation(dropHonorifics(tokens(text)));
  // Trailing agency without a comma: "MARGARET OYELARAN Associated Press".
  for (let k = Math.min(MAX_AGENCY_TOKENS, ts.length - MIN_NAME_TOKENS); k >= 1; k--) {
    const tail = agencyEntry(ts.slice(ts.length - k).join(' '));
    // A bare trailing "PA" or "CP" is too ambiguous ("Harrisburg PA").
    if (tail && !(k === 1 && AMBIGUOUS_ALONE.has(ts[ts.length - 1] ?? ''))) {
      const name = ts.slice(0, ts.length - k);
      if (!isNameShaped(name)) return false;
      out.authors.push(name.join(' '));
      out.agencies.push(tail.canonical);
      return true;
    }
  }
  if (!isNameShaped(ts)) return false;
  out.authors.push(ts.join(' '));
  return true;
}

function isJobTitle(part: string): boolean {
  return tokens(part.toLowerCase()).some((t) => JOB_TITLE_WORDS.has(t.replace(/[.,]+$/, '')));
}

/** Names, agencies and titles after the "By": "Jane Doe, Senior Correspondent | Reuters". */
function parseNames(rest: string, agencyOnly: boolean): Parsed | null {
  const out: Parsed = { authors: [], agencies: [] };
  const [main = '', ...others] = rest.split(/\s[|｜·•\-–—]\s/);
  const parts = main.split(/,\s?/);
  let first = true;
  for (const part of parts) {
    if (!first) {
      const agency = agencyOf(part.trim());
      if (agency) {
        out.agencies.push(agency);
        continue;
      }
      if (CREDENTIAL.test(part.trim())) break; // "Rachael Link, MS, RD"
      if (isJobTitle(part)) {
        // "Jane Doe, PA Political Correspondent": the title may name the agency.
        const titleAgency = agencyOf(tokens(part)[0] ?? '');
        if (titleAgency) out.agencies.push(titleAgency);
        // "Jane Doe, Senior Correspondent": the rest is the title, short and without sentences.
        const titles = parts.slice(parts.indexOf(part));
        if (titles.some((t) => tokens(t).length > MAX_TITLE_WORDS || /[.!?]\s/.test(t))) return null;
        break;
      }
    }
    first = false;
    const pieces = part.split(JOINER_SPLIT);
    // split with a capture group alternates piece, joiner, piece, ...
    for (let i = 0; i < pieces.length; i += 2) {
      const joiner = (pieces[i - 1] ?? '').toLowerCase();
      const piece = pieces[i] ?? '';
      if (WITH_JOINERS.has(joiner)) {
        const agency = agencyOf(piece.trim());
        if (agency) out.agencies.push(agency);
        continue;
      }
      if (!parsePiece(piece, out)) return null;
    }
  }
  for (const other of others) {
    const agency = agencyOf(other.trim());
    if (agency) out.agencies.push(agency);
  }
  if (agencyOnly && out.authors.length > 0) return null;
  if (out.authors.length === 0 && out.agencies.length === 0) return null;
  return { authors: out.authors, agencies: [...new Set(out.agencies)] };
}

/** PREFIXES_LONGEST_FIRST by first character (order kept): a line only tries the prefixes that start like it. */
const PREFIXES_BY_FIRST: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const p of PREFIXES_LONGEST_FIRST) {
    const list = m.get(p.charAt(0));
    if (list) list.push(p); else m.set(p.charAt(0), [p]);
  }
  return m;
})();

/** First letters (lower case) of DATED_BYLINE's keywords: posted, published, written, updated, last updated. */
const DATED_BYLINE_FIRST = 'pwul';

function stripPrefix(s: string): { rest: string; prefix: string } | null {
  const lower = s.toLowerCase();
  for (const p of PREFIXES_BY_FIRST.get(lower.charAt(0)) ?? []) {
    if (!lower.startsWith(p)) continue;
    const after = s.slice(p.length);
    const m = /^\s?[:：]\s?|^\s/.exec(after);
    if (m) return { rest: after.slice(m[0].length).trim(), prefix: p };
  }
  return null;
}

/**
 * Parses a byline: "By Jane Doe", "By JANE DOE and JOHN ROE", "By Jane Doe, Reuters",
 * "Jane Doe | Reuters", "Von Anna Schmidt", "Por Juan Pérez", "By The Associated Press"
 * (agency only), "From Reuters", "Posted on 14 September 2024 by Ruth Kinsella", "홍길동 기자".
 * Authors are returned as written, without titles; null for anything that is not a byline
 * (including prose such as "By the end of the day, ...").
 */
export function parseByline(line: string): BylineMatch | null {
  if (line.length > MAX_RAW_FACTOR * MAX_BYLINE_LENGTH) return null;
  const s = collapseSpaces(line);
  if (s.length < 2 || s.length > MAX_BYLINE_LENGTH) return null;

  // CJK_BYLINE opens with Hangul or Han, DATED_BYLINE with one of its (case-folded) keywords
  const c0 = s.charCodeAt(0);
  const cjk = c0 >= 0x80 ? CJK_BYLINE.exec(s) : null;
  if (cjk) return { authors: [cjk[1] ?? ''], agencies: [] };

  // both TRAILING_DATE shapes hold a digit
  const prefixed = stripPrefix(ASCII_DIGIT_RE.test(s) ? s.replace(TRAILING_DATE, '') : s);
  if (prefixed) {
    if (prefixed.rest === '') return null;
    const isFrom = prefixed.prefix === 'from';
    // Lowercase-led prefixes are only bylines when the name that follows is capitalised.
    if (!/^[\p{Lu}]/u.test(prefixed.rest)) return null;
    return parseNames(prefixed.rest, isFrom);
  }

  const dated = c0 >= 0x80 || DATED_BYLINE_FIRST.includes(String.fromCharCode(c0 | 0x20)) ? DATED_BYLINE.exec(s) : null;
  if (dated) return parseNames((dated[1] ?? '').replace(/\s[—–-]\s.*$/, ''), false);

  // No prefix: the whole line is an agency ("EFE", "The Associated Press") ...
  const agency = agencyOf(s);
  if (agency && !(agencyEntry(s)?.risky && !/^(?:AP|The Associated Press|Associated Press)$/i.test(s))) {
    return { authors: [], agencies: [agency] };
  }
  // ... or names with an agency/title after a separator: "Jane Doe | Reuters", "Anna Schmidt, dpa".
  const sep = /\s[|｜]\s|,\s?/.exec(s);
  if (sep && tokenCount(s) <= MAX_UNPREFIXED_WORDS) {
    const after = s.slice(sep.index + sep[0].length);
    if (agencyOf(after.trim()) || isJobTitle(after)) return parseNames(s, false);
  }
  return null;
}

/**
 * Names from a list such as "Anna Kowalczyk in Warsaw and Tomasz Reyes in Gdansk":
 * locations and titles are dropped; pieces that are not name-shaped are skipped.
 */
export function splitNameList(text: string): string[] {
  const out: Parsed = { authors: [], agencies: [] };
  for (const part of text.split(/,\s?/)) {
    const pieces = part.split(JOINER_SPLIT);
    for (let i = 0; i < pieces.length; i += 2) {
      if (WITH_JOINERS.has((pieces[i - 1] ?? '').toLowerCase())) continue;
      parsePiece(pieces[i] ?? '', out);
    }
  }
  return out.authors;
}

/**
 * A line that is only personal names, with no "By": "Rachel Obi and Dev Patel", "Andrew Fell".
 * Stricter than parseByline (no agencies, no titles, 1–4 names); position on the page decides
 * whether such a line really is a byline, so callers should only ask near the headline.
 */
export function parseBareByline(line: string): { authors: string[] } | null {
  if (line.length > MAX_RAW_FACTOR * MAX_BYLINE_LENGTH) return null;
  const s = collapseSpaces(line);
  if (s.length < 4 || s.length > 120 || /[.!?:;"“”()]$/.test(s)) return null;
  // "By X" is parseByline's; an all-capitals line without "By" is a kicker ("FRANCE WINS"), not a name.
  if (stripPrefix(s) !== null || s === s.toUpperCase()) return null;
  const out: Parsed = { authors: [], agencies: [] };
  const pieces = s.split(/,\s?/).flatMap((p) => p.split(JOINER_SPLIT).filter((_, i) => i % 2 === 0));
  if (pieces.length > 4) return null;
  for (const piece of pieces) {
    const ts = tokens(piece.trim());
    if (!isNameShaped(ts)) return null;
    out.authors.push(ts.join(' '));
  }
  return out.authors.length > 0 ? { authors: out.authors } : null;
}
