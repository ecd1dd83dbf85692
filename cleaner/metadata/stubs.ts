import type { BylineMatch, ContributorsMatch, CreditMatch, DateLineMatch, DatelineMatch, MediaLabelMatch, SignoffLine, SignoffSplit } from './types.ts';
export function parseByline(_line: string): BylineMatch | null { return null; }
export function parseContributors(_line: string): ContributorsMatch | null { return null; }
export function parseDateLine(_line: string): DateLineMatch | null { return null; }
export function findCredit(_line: string): CreditMatch | null { return null; }
export function stripMediaLabel(_line: string): MediaLabelMatch | null { return null; }
