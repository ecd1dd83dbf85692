/**
 * Step 4a, recognise: run the metadata line recognisers (cleaner/metadata) on each line.
 * A recogniser that throws is treated as "no match": clean() must never throw.
 */
import type { Line } from '../page.ts';
import {
  findCredit, isSignoffLine, parseByline, parseContributors, parseDateLine, stripMediaLabel,
} from '../metadata/index.ts';
import { CONTRIBUTORS_MAX_WORDS, META_MAX_WORDS } from '../thresholds.ts';
import { stripTrailingLabel } from '../tables/phrases.ts';

export function safe<T>(f: () => T): T | null {
  try {
    return f() ?? null;
  } catch {
    return null;
  }
}

/** safe(() => f(arg)) without allocating a closure per call (the recognisers run on every line). */
export function safeCall<A, T>(f: (arg: A) => T, arg: A): T | null {
  try {
    return f(arg) ?? null;
  } catch {
    return null;
  }
}

export function recogniseLines(lines: Line[]): void {
  for (const l of lines) recogniseLine(l);
}

/** Runs the recognisers on one line (needs the line's own features: words, textLike). */
export function recogniseLine(l: Line): void {
  const t = l.text;
  l.mediaLabel = safeCall(stripMediaLabel, t);
  const captionPart = stripTrailingLabel(l.mediaLabel ? l.mediaLabel.rest : t);
  l.credit = safeCall(findCredit, captionPart);
  // bylines and date lines are short and never prose (classify ignores them on text-like lines)
  if (l.words <= META_MAX_WORDS && !l.textLike) {
    l.signoffLine = safeCall(isSignoffLine, t);
    l.byline = safeCall(parseByline, t);
    l.dateLine = safeCall(parseDateLine, t);
  }
  if (l.words <= CONTRIBUTORS_MAX_WORDS) l.contributors = safeCall(parseContributors, t);
}
