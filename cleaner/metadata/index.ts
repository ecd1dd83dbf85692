/**
 * Pure, multilingual, line-level metadata recognisers used by the cleaner.
 * No AWS, no fs, no env. This file only re-exports; vocabularies live in ./tables/.
 */
export type {
  BylineMatch,
  ContributorsMatch,
  CreditMatch,
  DateKind,
  DateLineMatch,
  DatelineMatch,
  MediaLabelMatch,
  SignoffLine,
  SignoffSplit,
} from './types.ts';
export { detectLanguage } from './language.ts';
export { canonicalAgency } from './agency.ts';
export { findDateline } from './dateline.ts';
export { splitSignoff, isSignoffLine } from './signoff.ts';
export { parseByline, parseBareByline, isNameShaped } from './byline.ts';
export { parseContributors } from './contributors.ts';
export { parseDateLine } from './date.ts';
export { findCredit, stripMediaLabel } from './credit.ts';
