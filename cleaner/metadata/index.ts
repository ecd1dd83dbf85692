/**
 * Pure, multilingual, line-level metadata recognisers used by the cleaner.
 * No AWS, no fs, no env. Minimal stub: real implementations follow.
 */

export interface DatelineMatch { readonly agency: string | null; readonly end: number }
export interface SignoffSplit { readonly text: string; readonly agency: string }
export interface SignoffLine { readonly agency: string | null }
export interface BylineMatch { readonly authors: string[]; readonly agencies: string[] }
export interface ContributorsMatch { readonly authors: string[] }
export interface DateLineMatch { readonly date: string | null; readonly kind: 'published' | 'updated' | 'other' }
export interface CreditMatch { readonly credit: string; readonly rest: string; readonly position: 'whole' | 'prefix' | 'suffix' }
export interface MediaLabelMatch { readonly label: string; readonly rest: string }

export function detectLanguage(_text: string): string { return 'und'; }
export function canonicalAgency(_name: string): string | null { return null; }
export function findDateline(_line: string): DatelineMatch | null { return null; }
export function splitSignoff(_line: string): SignoffSplit | null { return null; }
export function isSignoffLine(_line: string): SignoffLine | null { return null; }
export function parseByline(_line: string): BylineMatch | null { return null; }
export function parseContributors(_line: string): ContributorsMatch | null { return null; }
export function parseDateLine(_line: string): DateLineMatch | null { return null; }
export function findCredit(_line: string): CreditMatch | null { return null; }
export function stripMediaLabel(_line: string): MediaLabelMatch | null { return null; }
