/**
 * Pure, multilingual, line-level metadata recognisers used by the cleaner.
 * No AWS, no fs, no env. This file only re-exports.
 */
export { detectLanguage } from './language.ts';
export type { DatelineMatch, SignoffSplit, SignoffLine, BylineMatch, ContributorsMatch, DateLineMatch, CreditMatch, MediaLabelMatch } from './types.ts';
export { canonicalAgency } from './agency.ts';
export { findDateline } from './dateline.ts';
export { splitSignoff, isSignoffLine } from './signoff.ts';
export { parseByline, parseBareByline, isNameShaped } from './byline.ts';
export { parseContributors } from './contributors.ts';
export { parseDateLine, findCredit, stripMediaLabel } from './stubs.ts';
