import { AGENCIES, AGENCY_DESK_SUFFIX } from './tables/agencies.ts';
import type { AgencyEntry } from './tables/agencies.ts';
import { isWhitespaceUnit } from './spaces.ts';

const PRINTABLE_ASCII_RE = /^[\x20-\x7e]*$/;

/** Folds spacing, dashes and a leading "the" so "The  Associated Press" finds its alias. */
function foldName(name: string): string {
  // printable ASCII: already NFC and without the Unicode dashes
  if (PRINTABLE_ASCII_RE.test(name)) return name.replace(/\s+/g, ' ').trim().toLowerCase();
  return name
    .normalize('NFC')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const BY_FOLDED_NAME: ReadonlyMap<string, AgencyEntry> = new Map(
  AGENCIES.flatMap((a) => a.names.map((n) => [foldName(n), a] as const)),
);
const BY_EXACT: ReadonlyMap<string, AgencyEntry> = new Map(
  AGENCIES.flatMap((a) => [...a.exact, ...a.cjk].map((n) => [n, a] as const)),
);

/** Longest CJK aliases first, so 共同通信 wins over 共同. */
export const CJK_AGENCY_ALIASES: readonly (readonly [string, AgencyEntry])[] = AGENCIES.flatMap((a) =>
  a.cjk.map((n) => [n, a] as const),
).sort((x, y) => y[0].length - x[0].length);

const TRIM_PUNCT = /^[\s([{（【「"'“‘«—–-]+|[\s)\]}）】」"'”’».,;:—–-]+$/gu;
/** TRIM_PUNCT's two classes without `\s` (checked with isWhitespaceUnit): what a name can start and end with for it to act. */
const TRIM_LEAD_UNITS: ReadonlySet<number> = new Set([...'([{（【「"\'“‘«—–-'].map((c) => c.charCodeAt(0)));
const TRIM_TRAIL_UNITS: ReadonlySet<number> = new Set([...')]}）】」"\'”’».,;:—–-'].map((c) => c.charCodeAt(0)));
const MAX_NAME_LENGTH = 60;

/** name.replace(TRIM_PUNCT, ''), without running the regex when neither end holds one of its characters. */
function trimPunct(name: string): string {
  const first = name.charCodeAt(0);
  const last = name.charCodeAt(name.length - 1);
  const trims = TRIM_LEAD_UNITS.has(first) || isWhitespaceUnit(first) || TRIM_TRAIL_UNITS.has(last) || isWhitespaceUnit(last);
  return trims ? name.replace(TRIM_PUNCT, '') : name;
}

/** Longest BY_EXACT key: a longer string cannot be one. */
const MAX_EXACT_LENGTH = Math.max(...AGENCIES.flatMap((a) => [...a.exact, ...a.cjk].map((n) => n.length)));
/**
 * Length and first character (| 0x20) of each ASCII BY_FOLDED_NAME key: printable ASCII text
 * without a double space or edge spaces folds to its own lower case, same length, same first
 * character up to case, so a name of another shape cannot be a key.
 */
const ASCII_FOLDED_SHAPES: ReadonlySet<number> = new Set(
  [...BY_FOLDED_NAME.keys()].filter((k) => PRINTABLE_ASCII_RE.test(k)).map((k) => asciiShape(k)),
);

function asciiShape(s: string): number {
  return s.length * 128 + (s.charCodeAt(0) | 0x20);
}

/** BY_FOLDED_NAME.get(foldName(bare)) for a trimmed name (no edge whitespace). */
function foldedNameEntry(bare: string): AgencyEntry | undefined {
  if (PRINTABLE_ASCII_RE.test(bare) && !bare.includes('  ')) {
    return ASCII_FOLDED_SHAPES.has(asciiShape(bare)) ? BY_FOLDED_NAME.get(bare.toLowerCase()) : undefined;
  }
  return BY_FOLDED_NAME.get(foldName(bare));
}

/** The agency entry for a whole candidate name, or undefined. */
export function agencyEntry(name: string): AgencyEntry | undefined {
  if (name.length > MAX_NAME_LENGTH) return undefined;
  // several recognisers ask about the same short strings (a line, its last word): remember answers
  const known = ENTRY_CACHE.get(name);
  if (known !== undefined) return known ?? undefined;
  const entry = lookupEntry(name);
  if (ENTRY_CACHE.size >= ENTRY_CACHE_MAX) ENTRY_CACHE.clear();
  ENTRY_CACHE.set(name, entry ?? null);
  return entry;
}

/**
 * Answers of agencyEntry (null: no agency); a pure function's cache, emptied when full and by
 * forgetAgencyAnswers (the cleaner calls it after each page: the keys may be slices of the page,
 * which would keep its text alive).
 */
const ENTRY_CACHE = new Map<string, AgencyEntry | null>();
const ENTRY_CACHE_MAX = 4096;

export function forgetAgencyAnswers(): void {
  ENTRY_CACHE.clear();
}

function lookupEntry(name: string): AgencyEntry | undefined {
  const bare = trimPunct(name);
  if (bare === '') return undefined;
  const exact = (bare.length <= MAX_EXACT_LENGTH ? BY_EXACT.get(bare) : undefined) ?? foldedNameEntry(bare);
  if (exact) return exact;
  // "(dpa/sn)", "AFP/Reuters": the first agency of a slash- or comma-joined list (the regex needs the slash).
  const desk = bare.includes('/') ? AGENCY_DESK_SUFFIX.exec(bare) : null;
  return desk ? agencyEntry(desk[1] ?? '') : undefined;
}

/**
 * Canonical wire-agency name for a whole candidate ("REUTERS", "The Associated Press",
 * "(dpa/sn)", "共同通信" -> "Reuters", "AP", "dpa", "Kyodo"), or null.
 */
export function canonicalAgency(name: string): string | null {
  return agencyEntry(name)?.canonical ?? null;
}

/** Canonical agency whose CJK alias ends the text (【東川原共同】 -> Kyodo), or null. */
export function cjkAgencySuffix(text: string): string | null {
  for (const [alias, entry] of CJK_AGENCY_ALIASES) if (text.endsWith(alias)) return entry.canonical;
  return null;
}
