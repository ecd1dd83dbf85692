import { agencyEntry, cjkAgencySuffix } from './agency.ts';
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
  const lead = line.match(/^\s*/)?.[0].length ?? 0;
  const head = line.slice(lead, lead + HEAD);
  const found = matchHead(head);
  return found === null ? null : { agency: found.agency, end: lead + found.end };
}

function matchHead(head: string): DatelineMatch | null {
  const leading = LEADING_AGENCY.exec(head);
  if (leading) {
    const entry = agencyEntry(leading[1] ?? '');
    if (entry) {
      let end = leading[0].length;
      const place = TRAILING_PLACE.exec(head.slice(end));
      if (place && !CAPS_NOT_PLACES.has(place[1] ?? '')) end += place[0].length;
      return { agency: entry.canonical, end };
    }
  }
  const bracket = CJK_BRACKET_DATELINE.exec(head);
  if (bracket) {
    const inner = (bracket[1] ?? '').replace(/[\s\u3000]+/g, '');
    // 【東川原共同】, ［東京12日ロイター］, 【AFP=時事】: the agency ends the bracket or opens an "A=B" credit.
    const agency =
      cjkAgencySuffix(inner) ??
      inner.split(/[=＝]/u).map((part) => agencyEntry(part)?.canonical ?? cjkAgencySuffix(part)).find((a) => a) ??
      null;
    if (agency) return { agency, end: bracket[0].length };
  }
  const yonhap = YONHAP_DATELINE.exec(head);
  if (yonhap) {
    const agency = agencyEntry(yonhap[2] ?? '')?.canonical ?? null;
    if (agency) return { agency, end: yonhap[0].length };
  }
  const xinhua = XINHUA_DATELINE.exec(head);
  if (xinhua) return { agency: 'Xinhua', end: xinhua[0].length };

  const placed = PLACE_AGENCY.exec(head);
  if (placed) {
    const entry = agencyEntry(placed[3] ?? '');
    if (entry && placed[0].length < head.length) return { agency: entry.canonical, end: placed[0].length };
  }
  const caps = CAPS_ONLY.exec(head);
  if (caps && !CAPS_NOT_PLACES.has(caps[1] ?? '') && /\p{Lu}{3}/u.test(caps[1] ?? '')) {
    return { agency: null, end: caps[0].length };
  }
  return null;
}
