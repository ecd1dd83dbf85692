/**
 * Tunable thresholds of the cleaner, as named constants. `clean()` options may override
 * some of them later; keep every magic number here.
 */

/** A line with at least this many words that reads like a sentence counts as article text. */
export const TEXT_MIN_WORDS = 8;
/** A line this long counts as text without final punctuation if it is dense in stop words. */
export const TEXT_LONG_WORDS = 20;
/** Stop-word share above which a long unpunctuated line reads like prose. */
export const TEXT_MIN_STOP_RATIO = 0.2;
/** Least stop-word share of a sentence in a Latin/Cyrillic-script line (lists of names have none). */
export const TEXT_MIN_SENTENCE_STOP_RATIO = 0.08;
/** CJK characters per "word" when weighing CJK text against space-separated text. */
export const CJK_CHARS_PER_WORD = 2;

/** Region weights: how much a line of each kind pulls the article region towards or away from it. */
export const WEIGHT = {
  /** A text-like line the page shows more than once (ticker, teaser, standfirst copy). */
  repeatedText: 0,
  /** A short line ending like a sentence ("He said no."). */
  shortSentence: 1,
  /** Per word of a sentence-shaped line without stop words (results, line-ups). */
  dataPerWord: 0.35,
  /** A footnote that belongs to the article ("($1 = 3.88 zlotys)"). */
  footnote: 2,
  /** An item of a run of same-shaped list lines (tour dates, schedules). */
  listRunItem: 1,
  /** A list item ("• 200g flour", "1. Preheat"). */
  listItem: -1,
  /** A short line repeated on the page (kicker, menu item). */
  repeatedShort: -6,
  /** Any other short line: menu items, kickers, teaser headlines. */
  short: -3,
  /** Byline, date, sign-off and contributor lines. */
  meta: -2,
  /** A line matching a boilerplate phrase. */
  phrase: -6,
  /** A barrier line (consent, comments, footer, most-read lists). */
  barrier: -1000,
} as const;

/** The title is searched in this many lines above the first body line. */
export const TITLE_WINDOW = 25;
/** Title word-count bounds. */
export const TITLE_MIN_WORDS = 3;
export const TITLE_MAX_WORDS = 40;
/** Title score lost per line of distance from the body. */
export const TITLE_DISTANCE_COST = 0.4;

/** A caption is at most this many words. */
export const CAPTION_MAX_WORDS = 80;
/** A line is a pull quote when it repeats at least this many words of a longer body paragraph. */
export const PULLQUOTE_MIN_WORDS = 5;
/** Byline and date lines longer than this are not looked at. */
export const META_MAX_WORDS = 25;
/** A comment-section phrase closes the article when at least this many words of text came before it. */
export const COMMENTS_MIN_TEXT_WORDS = 60;
/** A tags header closes the article after at least this many words of text or list items. */
export const TAGS_MIN_CONTENT_WORDS = 40;
/** Repeated lines up to this many words are page furniture, never body (kickers, menu items). */
export const REPEATED_SHORT_MAX_WORDS = 20;
/** Consecutive same-shaped lines (first word and separator) form a list from this many lines on. */
export const LIST_RUN_MIN_LINES = 4;
/** List-run items have at least this many words. */
export const LIST_RUN_MIN_WORDS = 3;
/** "Reporting by …; Editing by …" lines longer than this are not looked at. */
export const CONTRIBUTORS_MAX_WORDS = 60;
