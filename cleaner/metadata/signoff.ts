import { agencyEntry } from './agency.ts';
import { isWhitespaceUnit } from './spaces.ts';
import type { SignoffLine, SignoffSplit } from './types.ts';
import { AGENCY_ONLY_LINE, AGENCY_WITH_DESK_CODES, AMBIGUOUS_ALONE, DESK_CODES, DPA_SLUG, FIRST_PUBLISHED_BY, NOT_DESK_CODES, SENTENCE_END, SIGNOFF_TAIL, TRAILING_SIGNOFF } from './tables/signoffs.ts';

/** Shortest paragraph (without the sign-off) we accept: a sign-off closes real text. */
const MIN_TEXT = 20;
/** A sign-off or desk-code line is short. */
const MAX_SIGNOFF_LINE = 80;

/**
 * Whether the line's last character can end TRAILING_SIGNOFF: a letter or '-' (a bare agency
 * word), or ')' / '）' optionally followed by '.' (a bracketed one). Most paragraphs end in a
 * full stop after a word, and are rejected here without running the regex.
 */
function mayEndWithSignoff(trimmed: string): boolean {
  const c = trimmed.charCodeAt(trimmed.length - 1);
  if (c >= 0x80) return true;
  if (c === 0x2e) {
    const b = trimmed.charAt(trimmed.length - 2);
    return b === ')' || b === '）';
  }
  return c === 0x29 || c === 0x2d || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

const isDashUnit = (c: number): boolean => c === 0x2d || c === 0x2013 || c === 0x2014;
const isBracketUnit = (c: number): boolean => c === 0x28 || c === 0x29 || c === 0xff08 || c === 0xff09;
/** Longest bracketed and bare agency TRAILING_SIGNOFF captures. */
const MAX_BRACKETED = 30;
const MAX_BARE = 25;

/**
 * False when TRAILING_SIGNOFF cannot both match the line's end and capture a known agency,
 * found without the regex (tried at each of the tail's positions, it dominated splitSignoff).
 * The capture is forced by the line's end: for a line ending in ")", "）" or a bracket and ".",
 * the text after the last bracket before it (which must open, 1-30 characters); otherwise the
 * last whitespace-free token, or that token without one leading dash (bare words hold no space).
 */
function mayCaptureAgency(trimmed: string): boolean {
  const n = trimmed.length;
  const c = trimmed.charCodeAt(n - 1);
  if (c === 0x29 || c === 0xff09 || c === 0x2e) {
    const close = c === 0x2e ? n - 2 : n - 1;
    // the last bracket before the closing one, looked for no further than a capture's length
    let open = close - 1;
    while (open >= 0 && close - open - 1 <= MAX_BRACKETED && !isBracketUnit(trimmed.charCodeAt(open))) open--;
    const o = trimmed.charCodeAt(open);
    if (open < 0 || (o !== 0x28 && o !== 0xff08) || close - open - 1 < 1 || close - open - 1 > MAX_BRACKETED) return false;
    return agencyEntry(trimmed.slice(open + 1, close).trim()) !== undefined;
  }
  // the last token, looked for no further than a capture's length (and a dash)
  let start = n;
  while (start > 0 && n - start <= MAX_BARE + 1 && !isWhitespaceUnit(trimmed.charCodeAt(start - 1))) start--;
  if (n - start > MAX_BARE + 1) return false;
  const token = trimmed.slice(start);
  return agencyEntry(token) !== undefined || (isDashUnit(token.charCodeAt(0)) && agencyEntry(token.slice(1)) !== undefined);
}

/**
 * Removes a trailing wire-agency sign-off from a body paragraph:
 * "... with North Korea. REUTERS" -> { text: "... with North Korea.", agency: "Reuters" }.
 * Bare sign-offs must follow sentence-final punctuation and be written in capitals or as the
 * agency spells itself; agencies marked risky (AP, PA, CP) are accepted bare only after a dash.
 */
export function splitSignoff(line: string): SignoffSplit | null {
  const trimmed = line.trimEnd();
  if (!mayEndWithSignoff(trimmed) || !mayCaptureAgency(trimmed)) return null;
  const tailStart = Math.max(0, trimmed.length - SIGNOFF_TAIL);
  const tail = trimmed.slice(tailStart);
  const m = TRAILING_SIGNOFF.exec(tail);
  if (!m) return null;
  const bracketed = m[1];
  const bare = m[2];
  const candidate = (bracketed ?? bare ?? '').trim();
  const entry = agencyEntry(candidate);
  if (!entry) return null;
  const signoffStart = tailStart + m.index;
  const text = trimmed.slice(0, signoffStart).trimEnd();
  if (text.length < MIN_TEXT) return null;
  const dashed = /^\s?[-–—]/.test(m[0]);
  if (bracketed === undefined) {
    // Bare: "... North Korea. REUTERS" / "... the deal. Bloomberg" — a lone agency word after the last sentence.
    if (!SENTENCE_END.test(text)) return null;
    if (entry.risky && !dashed) return null;
  } else if (entry.risky && !SENTENCE_END.test(text)) {
    // "(AP)" right after a word can be an abbreviation being introduced.
    return null;
  }
  return { text, agency: entry.canonical };
}

/** Longest line AGENCY_ONLY_LINE matches: a dash or slash and a space, a bracket, 40 characters, a bracket, a full stop. */
const AGENCY_ONLY_LINE_MAX = 2 + 1 + 40 + 1 + 1;

/**
 * Whether AGENCY_WITH_DESK_CODES can match a line with these first and last characters: it opens
 * with a bracket or a letter (any non-ASCII character is left to the regex) and ends with an ASCII letter.
 */
function mayBeAgencyWithDeskCodes(first: number, last: number): boolean {
  const opens = first >= 0x80 || first === 0x28 || ((first | 0x20) >= 0x61 && (first | 0x20) <= 0x7a);
  return opens && (last | 0x20) >= 0x61 && (last | 0x20) <= 0x7a;
}

/**
 * A line that is only a sign-off or desk code: "jmp/sbk/rmb", "PTI JSK SSK",
 * "© dpa-infocom, dpa:250312-99-123456/2", "REUTERS", "(AFP)". Contributor credits
 * ("(Reporting by ...)") are not sign-offs: see parseContributors.
 */
export function isSignoffLine(line: string): SignoffLine | null {
  if (line.length > 4 * MAX_SIGNOFF_LINE) return null;
  const s = line.trim();
  // Each pattern below is anchored: the first and last characters say which ones can match.
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  // FIRST_PUBLISHED_BY opens with "This" (case-insensitive: an ASCII 't' folds only to 'T')
  const firstPublished = (first | 0x20) === 0x74 ? FIRST_PUBLISHED_BY.exec(s) : null;
  if (firstPublished) {
    const agency = agencyEntry(firstPublished[1] ?? '')?.canonical;
    if (agency) return { agency };
  }
  if (s.length === 0 || s.length > MAX_SIGNOFF_LINE) return null;
  // DPA_SLUG opens with '©' or 'd', DESK_CODES with a lowercase ASCII letter
  if ((first === 0xa9 || first === 0x64) && DPA_SLUG.test(s)) return { agency: 'dpa' };
  if (first >= 0x61 && first <= 0x7a && DESK_CODES.test(s) && !s.split('/').some((code) => NOT_DESK_CODES.has(code.trim()))) {
    return { agency: null };
  }
  let name = (s.length <= AGENCY_ONLY_LINE_MAX ? AGENCY_ONLY_LINE.exec(s)?.[1] ?? '' : '').trim();
  let entry = name === '' ? undefined : agencyEntry(name);
  if (!entry && mayBeAgencyWithDeskCodes(first, last)) {
    // "PTI KRS MNB", "EFE ab/cd": an agency followed by desk initials.
    name = (AGENCY_WITH_DESK_CODES.exec(s)?.[1] ?? '').trim();
    entry = name === '' ? undefined : agencyEntry(name);
  }
  if (!entry) return null;
  // "PA" or "CP" bare is too ambiguous; "(PA)" or "— CP" is a sign-off.
  if (AMBIGUOUS_ALONE.has(name) && !/^[-–—/(（]/u.test(s)) return null;
  return { agency: entry.canonical };
}
