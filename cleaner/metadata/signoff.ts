import { agencyEntry } from './agency.ts';
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

/**
 * Removes a trailing wire-agency sign-off from a body paragraph:
 * "... with North Korea. REUTERS" -> { text: "... with North Korea.", agency: "Reuters" }.
 * Bare sign-offs must follow sentence-final punctuation and be written in capitals or as the
 * agency spells itself; agencies marked risky (AP, PA, CP) are accepted bare only after a dash.
 */
export function splitSignoff(line: string): SignoffSplit | null {
  const trimmed = line.trimEnd();
  if (!mayEndWithSignoff(trimmed)) return null;
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

/**
 * A line that is only a sign-off or desk code: "jmp/sbk/rmb", "PTI JSK SSK",
 * "© dpa-infocom, dpa:250312-99-123456/2", "REUTERS", "(AFP)". Contributor credits
 * ("(Reporting by ...)") are not sign-offs: see parseContributors.
 */
export function isSignoffLine(line: string): SignoffLine | null {
  if (line.length > 4 * MAX_SIGNOFF_LINE) return null;
  const s = line.trim();
  const firstPublished = FIRST_PUBLISHED_BY.exec(s);
  if (firstPublished) {
    const agency = agencyEntry(firstPublished[1] ?? '')?.canonical;
    if (agency) return { agency };
  }
  if (s.length === 0 || s.length > MAX_SIGNOFF_LINE) return null;
  if (DPA_SLUG.test(s)) return { agency: 'dpa' };
  if (DESK_CODES.test(s) && !s.split('/').some((code) => NOT_DESK_CODES.has(code.trim()))) return { agency: null };
  let name = (AGENCY_ONLY_LINE.exec(s)?.[1] ?? '').trim();
  let entry = name === '' ? undefined : agencyEntry(name);
  if (!entry) {
    // "PTI KRS MNB", "EFE ab/cd": an agency followed by desk initials.
    name = (AGENCY_WITH_DESK_CODES.exec(s)?.[1] ?? '').trim();
    entry = name === '' ? undefined : agencyEntry(name);
  }
  if (!entry) return null;
  // "PA" or "CP" bare is too ambiguous; "(PA)" or "— CP" is a sign-off.
  if (AMBIGUOUS_ALONE.has(name) && !/^[-–—/(（]/u.test(s)) return null;
  return { agency: entry.canonical };
}
