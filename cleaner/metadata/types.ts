/** Result shapes of the metadata recognisers (plain objects). */

export interface DatelineMatch {
  /** Canonical agency named in the dateline, or null (e.g. `TORONTO — `). */
  readonly agency: string | null;
  /** Index in the line just past the dateline (and the dash/space that ends it). */
  readonly end: number;
}
export interface SignoffSplit {
  /** The paragraph without its trailing sign-off. */
  readonly text: string;
  readonly agency: string;
}
export interface SignoffLine {
  readonly agency: string | null;
}
export interface BylineMatch {
  readonly authors: string[];
  readonly agencies: string[];
}
export interface ContributorsMatch {
  readonly authors: string[];
}
export type DateKind = 'published' | 'updated' | 'other';
export interface DateLineMatch {
  /** YYYY-MM-DD of the first absolute date, or null (relative, no year, time only). */
  readonly date: string | null;
  readonly kind: DateKind;
  /** Every absolute date on the line with its own kind, in order (optional extra). */
  readonly dates?: readonly { readonly date: string; readonly kind: DateKind }[];
  /** True when the line is a reading/listening-time line ("5 min read"). */
  readonly readingTime?: boolean;
}
export interface CreditMatch {
  /** The credit exactly as it appears, with its prefix and punctuation. */
  readonly credit: string;
  /** The rest of the line (caption text), trimmed; '' when position is 'whole'. */
  readonly rest: string;
  readonly position: 'whole' | 'prefix' | 'suffix';
}
export interface MediaLabelMatch {
  readonly label: string;
  readonly rest: string;
}
