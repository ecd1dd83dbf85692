import type { ContributorsMatch } from './types.ts';
import { collapseSpaces, isWhitespaceUnit } from './spaces.ts';
import { CONTRIBUTOR_AUTHOR_ROLES, CONTRIBUTOR_OTHER_ROLES, MAX_BYLINE_LENGTH } from './tables/bylines.ts';
import { splitNameList } from './byline.ts';

const MAX_CONTRIBUTORS_LENGTH = MAX_BYLINE_LENGTH * 2;
const AUTHOR_ROLES = [...CONTRIBUTOR_AUTHOR_ROLES].sort((a, b) => b.length - a.length);
const OTHER_ROLES = [...CONTRIBUTOR_OTHER_ROLES].sort((a, b) => b.length - a.length);

/** Every role, by first character. */
const ROLES_BY_LEAD: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const r of [...AUTHOR_ROLES, ...OTHER_ROLES]) {
    const list = m.get(r.charAt(0));
    if (list) list.push(r); else m.set(r.charAt(0), [r]);
  }
  return m;
})();
/** Pairs of ASCII units (index first * 128 + second; 1) whose lower case starts some role. */
const ROLE_ASCII_LEADS: Uint8Array = (() => {
  const roles = [...AUTHOR_ROLES, ...OTHER_ROLES];
  if (roles.some((r) => r.length < 2)) return new Uint8Array(0x4000).fill(1);
  const leads = new Set(roles.map((r) => r.slice(0, 2)));
  return Uint8Array.from({ length: 0x4000 }, (_, k) => (leads.has(String.fromCharCode(k >> 7, k & 0x7f).toLowerCase()) ? 1 : 0));
})();
const ROLE_MAX_LENGTH = Math.max(0, ...[...AUTHOR_ROLES, ...OTHER_ROLES].map((r) => r.length));

/**
 * Whether the lower-cased line starts with some role (what roleAt needs of the first segment, a
 * prefix of the line). Lower-casing a prefix gives a prefix of the lower-cased line (no role has
 * a sigma, the one context-dependent letter).
 */
function startsWithRole(s: string): boolean {
  // two ASCII first units lower-case on their own and start the lower-cased head: no role starts
  // with them lower-cased, no role (every role has at least two units)
  const c0 = s.charCodeAt(0);
  const c1 = s.charCodeAt(1);
  if (c0 < 0x80 && c1 < 0x80 && ROLE_ASCII_LEADS[(c0 << 7) | c1] === 0) return false;
  const head = s.slice(0, ROLE_MAX_LENGTH + 1).toLowerCase();
  return (ROLES_BY_LEAD.get(head.charAt(0)) ?? []).some((r) => head.startsWith(r));
}
const LETTER_START_RE = /^\p{L}/u;

function roleAt(segment: string, roles: readonly string[]): string | null {
  const lower = segment.toLowerCase();
  for (const r of roles) {
    if (!lower.startsWith(r)) continue;
    const next = segment.charAt(r.length);
    if (next === '' || /[\s:：]/u.test(next) || /[:：]$/u.test(r)) return r;
  }
  return null;
}

/**
 * Parses a contributors credit line: "Reporting by X in Warsaw and Y in Gdansk; Additional
 * reporting by Z; Editing by W" -> authors [X, Y]. The line may be wrapped in parentheses.
 * A line of non-author roles only ("Editing by W") gives authors []. Null when the line
 * does not start with a known role.
 */
export function parseContributors(line: string): ContributorsMatch | null {
  if (line.length > 4 * MAX_CONTRIBUTORS_LENGTH) return null;
  let s = collapseSpaces(line);
  if (s.length > MAX_CONTRIBUTORS_LENGTH) return null;
  // A line that starts with a letter keeps it through the bracket/dash strips below, and its first
  // segment starts there (separators never start with a letter): no role starts with it, no match.
  if (LETTER_START_RE.test(s) && !startsWithRole(s)) return null;
  s = s.replace(/^[(（]\s?|^[-–—]{1,2}\s?/u, '').replace(/\s?[)）]\.?$/, '');
  // Likewise after the strips: unless a separator can start the line (whitespace, ';', '.', '/'),
  // the first segment is a prefix of it and must start with a role.
  const c = s.charCodeAt(0);
  if (!(isWhitespaceUnit(c) || c === 0x3b || c === 0x2e || c === 0x2f) && !startsWithRole(s)) return null;
  const segments = s.split(/\s?;\s?|\.\s(?=\p{Lu})|\s?\/\s(?=\p{Lu})/u).filter((x) => x.trim() !== '');
  const first = segments[0] ?? '';
  if (roleAt(first, OTHER_ROLES) === null && roleAt(first, AUTHOR_ROLES) === null) return null;
  const authors: string[] = [];
  for (const segment of segments) {
    // Non-author roles win when both match ("additional reporting by" vs "reporting by" are distinct prefixes).
    if (roleAt(segment, OTHER_ROLES) !== null) continue;
    const role = roleAt(segment, AUTHOR_ROLES);
    if (role === null) continue;
    const names = segment.slice(role.length).replace(/^\s?[:：]?\s?/u, '');
    authors.push(...splitNameList(names));
  }
  return { authors };
}
