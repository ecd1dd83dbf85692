import type { BylineMatch, ContributorsMatch, CreditMatch, DateLineMatch, DatelineMatch, MediaLabelMatch, SignoffLine, SignoffSplit } from './types.ts';
export function parseDateLine(_line: string): DateLineMatch | null { return null; }
export function findCredit(_line: string): CreditMatch | null { return null; }
export function stripMediaLabel(_line: string): MediaLabelMatch | null { return null; }
