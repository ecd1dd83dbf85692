/**
 * Public types of the cleaner. The cleaner is a pure library: no AWS, no fs, no env.
 * Input is already-decoded text (see functions/shared/decode.ts for bytes -> text).
 */

/** Why a line was dropped. Codes are stable: downstream services may count them. */
export type RemovalReason =
  | 'nav' // menus, breadcrumbs, section kickers, "Skip to content"
  | 'share' // share bars, "Follow topic:", social buttons
  | 'newsletter' // sign-up and subscription pitches
  | 'paywall' // metered-paywall and "subscribe to read" messages
  | 'consent' // cookie and consent banners
  | 'ad' // "Advertisement", "Anzeige", "Publicidad" markers
  | 'related' // "See more on", "Read more:", "Related:", most-read lists
  | 'byline' // "By Jane Doe", author lines
  | 'date' // date and time lines, reading time
  | 'credit' // a photo credit, when it is not paired into images[]
  | 'caption' // an image caption (also listed in images[])
  | 'label' // "Image caption," / "[1/2]" gallery and screen-reader labels on their own
  | 'signoff' // agency sign-offs and desk codes on their own line
  | 'contributors' // "Reporting by ...; Editing by ..."
  | 'bio' // author bios
  | 'pullquote' // a pull quote repeating a body sentence
  | 'comment' // reader comments
  | 'footer' // copyright, legal, contact blocks, "###"
  | 'widget' // scoreboards, ratings, "Was this helpful?", audio players
  | 'duplicate' // a line repeated from elsewhere on the page
  | 'outside-body' // short or menu-like text outside the article's dense region
  | 'boilerplate'; // anything else judged not to be article text

export interface RemovedLine {
  readonly text: string;
  readonly reason: RemovalReason;
}

export interface ImageInfo {
  readonly caption: string | null;
  readonly credit: string | null;
}

export interface CleanOptions {
  /** Cap on lines examined; the rest are removed as 'boilerplate'. @default 100_000 */
  readonly maxLines?: number;
}

/** What clean() returns: a plain object, the cleaning part of the DynamoDB record. */
export interface CleanResult {
  readonly title: string | null;
  /** Paragraphs joined by "\n\n"; each paragraph comes from one input line. */
  readonly body: string;
  readonly paragraphs: readonly string[];
  /** ISO 639-1 code, or "und" when undetermined. */
  readonly language: string;
  readonly authors: readonly string[];
  /** Canonical agency names: "Reuters", "AP", "AFP", ... */
  readonly agencies: readonly string[];
  /** "YYYY-MM-DD" or null. */
  readonly publishedAt: string | null;
  readonly images: readonly ImageInfo[];
  /** Every non-blank input line that is not title/body, in page order, with a reason. */
  readonly removed: readonly RemovedLine[];
  /** Tokens of letters or digits in the body (CJK characters count one each). */
  readonly wordCount: number;
}
