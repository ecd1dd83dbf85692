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
import { forgetAgencyAnswers } from './agency.ts';
import { forgetSpaces } from './spaces.ts';

/** Drops what the recognisers remember between calls (answers keyed by text of the last page). */
export function forgetRecognisedText(): void {
  forgetAgencyAnswers();
  forgetSpaces();
}
export { findDateline } from './dateline.ts';
export { splitSignoff, isSignoffLine } from './signoff.ts';
export { parseByline, parseBareByline, isNameShaped } from './byline.ts';
export { parseContributors } from './contributors.ts';
export { parseDateLine } from './date.ts';
export { findCredit, stripMediaLabel } from './credit.ts';
