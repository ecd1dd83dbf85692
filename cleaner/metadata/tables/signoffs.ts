/**
 * Sign-off and desk-code shapes. A sign-off closes a wire story: a trailing agency name
 * after the last sentence, or a line of desk initials. All patterns are anchored and bounded.
 */

/** Sentence-final characters that must precede a bare (unbracketed) trailing sign-off. */
export const SENTENCE_END = /[.!?…"”’'»)\]。！？」』]$/u;

/**
 * Trailing sign-off on a body paragraph, matched on the last few dozen characters:
 * " REUTERS", " (ANSA).", " (AFP)", " EFE", " — AP", " /dpa". Group 1 = the bracketed agency,
 * group 2 = the bare agency.
 */
export const TRAILING_SIGNOFF = /(?:^|\s)(?:[-–—]\s?)?(?:[(（]([^()（）]{1,30})[)）]\.?|([\p{L}][\p{L}-]{0,24}))\s*$/u;

/** How much of the paragraph's end is searched for a sign-off. */
export const SIGNOFF_TAIL = 48;

/** Lowercase desk initials joined by slashes: "jmp/sbk/rmb", "sn/bg". */
export const DESK_CODES = /^[a-z]{2,4}(?:\s?\/\s?[a-z]{2,4}){1,6}$/;

/** Agency abbreviations that are not a sign-off when bare on a line ("PA" = Pennsylvania, "CP"). */
export const AMBIGUOUS_ALONE: ReadonlySet<string> = new Set(['PA', 'CP']);

/** Words that look like desk codes when slashed ("and/or") but are not. */
export const NOT_DESK_CODES: ReadonlySet<string> = new Set([
  'and', 'or', 'on', 'off', 'in', 'out', 'his', 'her', 'him', 'he', 'she', 'yes', 'no', 'am', 'pm', 'the',
  'per', 'via', 'km', 'kg', 'mph', 'kmh', 'day', 'week', 'year', 'und', 'oder', 'et', 'ou', 'y', 'o', 'of', 'to',
]);

/** Agency followed by uppercase or lowercase desk initials: "PTI JSK SSK", "EFE jm/cg", "AFP jmp". */
export const AGENCY_WITH_DESK_CODES = /^[(（]?([\p{L}][\p{L}.-]{1,24})[)）]?\.?\s(?:[A-Z]{2,4}(?: [A-Z]{2,4}){0,5}|[a-z]{2,4}(?:\s?\/\s?[a-z]{2,4}){0,5})$/u;

/** dpa's end-of-story slug: "© dpa-infocom, dpa:250312-930-401778/1". */
export const DPA_SLUG = /^(?:©\s?)?dpa-infocom,\s?dpa:\d{6}-\d{2,4}-\d{3,9}(?:\/\d{1,3})?$|^dpa:\d{6}-\d{2,4}-\d{3,9}(?:\/\d{1,3})?$/;

/** The Canadian Press footer "This report by The Canadian Press was first published March 12, 2025." */
export const FIRST_PUBLISHED_BY = /^This (?:report|story|article) by (.{2,40}?) was first published\b/iu;

/** A line that is only an agency in some dress: "REUTERS", "(AFP)", "— AP", "(ANSA).", "/dpa". */
export const AGENCY_ONLY_LINE = /^(?:[-–—/]\s?)?[(（]?([^()（）]{1,40}?)[)）]?\.?$/u;
