import { agencyEntry, cjkAgencySuffix } from './agency.ts';
import { isWhitespaceUnit } from './spaces.ts';
import type { DatelineMatch } from './types.ts';
import {
  CAPS_NOT_PLACES,
  CAPS_PLACE,
  CJK_BRACKET_DATELINE,
  DATELINE_DASH,
  DATELINE_SEGMENT,
  PAREN_AGENCY,
  PLACE,
  XINHUA_DATELINE,
  YONHAP_DATELINE,
} from './tables/datelines.ts';

/** "(Bloomberg) --", "(ANSA) -" at the very start. */
const LEADING_AGENCY = new RegExp(String.raw`^${PAREN_AGENCY}\s?${DATELINE_DASH}?\s?`, 'u');
/** "FIRENZE, 12 MAR -" after a leading agency (ANSA style). */
const TRAILING_PLACE = new RegExp(String.raw`^(${CAPS_PLACE})(?:${DATELINE_SEGMENT}){0,2}\s?${DATELINE_DASH}\s?`, 'u');
/** "WARSAW, March 12 (Reuters) -", "Brest (AFP) –", "MADRID, 3 mar (EFE).-", "NEW DELHI, Jan 5 (PTI)". */
const PLACE_AGENCY = new RegExp(String.raw`^(${PLACE})((?:${DATELINE_SEGMENT}){0,2})\s?${PAREN_AGENCY}\s?(?:${DATELINE_DASH}\s?)?`, 'u');
/** "TORONTO — ", "HARLAN SPRINGS, Neb. —": capitals place and a dash, no agency. */
const CAPS_ONLY = new RegExp(String.raw`^(${CAPS_PLACE})((?:${DATELINE_SEGMENT}){0,2})\s(?:--?|[\u2013\u2014\u2015])\s`, 'u');

/** Longest line head we look at: datelines are short. */
const HEAD = 160;

/**
 * If the line opens with a news dateline, returns the canonical agency it names (or null
 * for an agency-less dateline such as `TORONTO — `) and the index where the dateline
 * (with its closing dash and space) ends. Otherwise null.
 */
export function findDateline(line: string): DatelineMatch | null {
  let lead = 0;
  while (lead < line.length && isWhitespaceUnit(line.charCodeAt(lead))) lead++;
  // every pattern opens with a bracket, 新 or an upper-case letter (any non-ASCII character is left to them)
  const first = line.charCodeAt(lead);
  if (first < 0x80 && first !== 0x28 && first !== 0x5b && !(first >= 0x41 && first <= 0x5a)) return null;
  const head = line.slice(lead, lead + HEAD);
  const found = matchHead(head);
  return found === null ? null : { agency: found.agency, end: lead + found.end };
}

/** An ASCII character that cannot continue a CAPS_WORD after its first letter (not A-Z, an apostrophe or a full stop). */
function notCapsContinuation(c: number): boolean {
  return c < 0x80 && !(c >= 0x41 && c <= 0x5a) && c !== 0x27 && c !== 0x2e;
}

function matchHead(head: string): DatelineMatch | null {
  const c0 = head.charCodeAt(0);
  // LEADING_AGENCY and YONHAP_DATELINE open with a round bracket, CJK_BRACKET_DATELINE with a square one
  const round = c0 === 0x28 || c0 === 0xff08;
  const leading = round ? LEADING_AGENCY.exec(head) : null;
  if (leading) {
    const entry = agencyEntry(leading[1] ?? '');
    if (entry) {
      let end = leading[0].length;
      const place = TRAILING_PLACE.exec(head.slice(end));
      if (place && !CAPS_NOT_PLACES.has(place[1] ?? '')) end += place[0].length;
      return { agency: entry.canonical, end };
    }
  }
  const bracket = c0 === 0x3010 || c0 === 0xff3b || c0 === 0x5b ? CJK_BRACKET_DATELINE.exec(head) : null;
  if (bracket) {
    const inner = (bracket[1] ?? '').replace(/[\s\u3000]+/g, '');
    // 【東川原共同】, ［東京12日ロイター］, 【AFP=時事】: the agency ends the bracket or opens an "A=B" credit.
    const agency =
      cjkAgencySuffix(inner) ??
      inner.split(/[=＝]/u).map((part) => agencyEntry(part)?.canonical ?? cjkAgencySuffix(part)).find((a) => a) ??
      null;
    if (agency) return { agency, end: bracket[0].length };
  }
  const yonhap = round ? YONHAP_DATELINE.exec(head) : null;
  if (yonhap) {
    const agency = agencyEntry(yonhap[2] ?? '')?.canonical ?? null;
    if (agency) return { agency, end: yonhap[0].length };
  }
  const xinhua = c0 === 0x65b0 ? XINHUA_DATELINE.exec(head) : null;
  if (xinhua) return { agency: 'Xinhua', end: xinhua[0].length };

  // PLACE_AGENCY and CAPS_ONLY open with an upper-case letter; PLACE_AGENCY holds a round bracket,
  // CAPS_ONLY's first word continues in capitals
  if (c0 < 0x80 && !(c0 >= 0x41 && c0 <= 0x5a)) return null;
  const placed = head.includes('(') || head.includes('（') ? PLACE_AGENCY.exec(head) : null;
  if (placed) {
    const entry = agencyEntry(placed[3] ?? '');
    if (entry && placed[0].length < head.length) return { agency: entry.canonical, end: placed[0].length };
  }
  const caps = notCapsContinuation(head.charCodeAt(1)) ? null : CAPS_ONLY.exec(head);
  if (caps && !CAPS_NOT_PLACES.has(caps[1] ?? '') && /\p{Lu}{3}/u.test(caps[1] ?? '')) {
    return { agency: null, end: caps[0].length };
  }
  return null;
}
