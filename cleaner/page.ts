/**
 * The working state the pipeline steps pass along: one `Line` per non-blank input line,
 * enriched step by step. Internal to the cleaner (not part of the result contract).
 */
import type { RemovalReason } from './types.ts';
import type { PhraseRule } from './tables/phrases.ts';

export type Label = 'title' | 'body' | 'caption' | 'credit' | 'removed';

export interface Line {
  /** Position among the non-blank lines. */
  readonly index: number;
  /** Block number: blank lines separate blocks. */
  readonly block: number;
  /** The normalised line. */
  readonly text: string;
  // ---- features (step computeFeatures)
  /** Agency sign-off at the end of the line, if any; features are measured without it. */
  signoff: { text: string; agency: string } | null;
  words: number;
  /** The text the features were measured on (the line without its sign-off). */
  measured: string;
  /** wordCount(measured) when the scan could tell it (no CJK characters), else -1. */
  measuredWords: number;
  chars: number;
  endsSentence: boolean;
  stopRatio: number;
  capsRatio: number;
  digitRatio: number;
  listShape: boolean;
  /** Sentence-shaped but without stop words: results, line-ups, lists of names. */
  dataLike: boolean;
  /** Part of a run of same-shaped list lines. */
  listRun: boolean;
  /** A currency or similar footnote of the article. */
  footnote: boolean;
  /** How many lines of the page have exactly this text. */
  repeats: number;
  /** Long and sentence-like: the stuff article bodies are made of. */
  textLike: boolean;
  phrase: PhraseRule | null;
  // ---- recognisers (step recognise)
  credit: { credit: string; rest: string; position: 'whole' | 'prefix' | 'suffix' } | null;
  mediaLabel: { label: string; rest: string } | null;
  byline: { authors: string[]; agencies: string[] } | null;
  dateLine: { date: string | null; kind: 'published' | 'updated' | 'other' } | null;
  contributors: { authors: string[] } | null;
  signoffLine: { agency: string | null } | null;
  // ---- decisions
  label: Label | null;
  reason: RemovalReason | null;
  /** Caption text when label is 'caption' (without credit and label). */
  caption: string | null;
  /** Credit string carried by this line (caption line with inline credit, or credit line). */
  creditText: string | null;
  /** A credit line whose credit was attached to a neighbouring caption. */
  paired: boolean;
  /** Paragraph text when label is 'body' (sign-off removed). */
  paragraph: string | null;
  /** Agency named by a sign-off stripped from the paragraph, or by a dateline. */
  agencies: string[];
}
