import { AGENCIES, AGENCY_DESK_SUFFIX } from './tables/agencies.ts';
import type { AgencyEntry } from './tables/agencies.ts';

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
const MAX_NAME_LENGTH = 60;

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
  const bare = name.replace(TRIM_PUNCT, '');
  if (bare === '') return undefined;
  const exact = BY_EXACT.get(bare) ?? BY_FOLDED_NAME.get(foldName(bare));
  if (exact) return exact;
  // "(dpa/sn)", "AFP/Reuters": the first agency of a slash- or comma-joined list.
  const desk = AGENCY_DESK_SUFFIX.exec(bare);
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
