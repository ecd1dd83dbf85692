/**
 * Features of the line model. Input: the normalised non-blank lines of one page. Output: a
 * row-major matrix (one row per line, FEATURE_NAMES.length columns).
 *
 * Cost: one pass over the code units of each line (class table lookups, an FNV hash per
 * word for stop words and month names), then O(lines) context features from prefix sums,
 * plus one sort for the density rank. No regex runs per line.
 */
import * as chars from './chars.ts';
import * as stopTable from './stop-table.ts';
import type { StopTable } from './stop-table.ts';

// Module-local copies of the imported constants: a transpiler that turns ESM into CommonJS
// (tsx on a .cts path, some test runners) reads imports through getters, which costs a
// function call per character in the hot loop.
const CHAR_CLASS = chars.CHAR_CLASS;
const C_CJK = chars.C_CJK;
const C_DIGIT = chars.C_DIGIT;
const C_LETTER = chars.C_LETTER;
const C_LOWER = chars.C_LOWER;
const C_PUNCT = chars.C_PUNCT;
const C_SPACE = chars.C_SPACE;
const C_UPPER = chars.C_UPPER;
const wordHash = chars.wordHash;
const HASH_MASK = stopTable.HASH_MASK;

/** Local (per-line) features, in column order. */
export const LOCAL_FEATURES = [
  'logChars', // log(1 + characters)
  'logTokens', // log(1 + words), CJK characters counting half a word each
  'letterShare',
  'digitShare',
  'punctShare',
  'upperShare', // upper-case letters / cased letters
  'endsSentence', // last char (before closing quotes/brackets) is . ! ? … 。 ！ ？
  'endsColon',
  'commaDensity', // commas (, ， 、) per word
  'stopDensity', // stop words per word (language list, or best of common lists); CJK: function chars
  'titleCase', // share of words starting with an upper-case letter
  'hasUrl', // ://, www., or an @ inside a word (e-mail, handle)
  'hasHash', // #
  'separators', // log(1 + count of | · › » • / ▸ >)
  'startsBullet',
  'startsDigit',
  'startsParen', // ( or [
  'startsLower',
  'dateLike', // month/weekday name, 19xx/20xx year or hh:mm, on a line of at most 10 words
  'allCaps',
  'cjkShare',
  'avgWordLen', // mean word length / 10, capped at 2
  'hasQuote', // “ ” " « » „ 「
  'hasCopyright', // © ®
  'shortNoPunct', // at most 4 words and no sentence end
  'headingLike', // at most 12 words, mostly title case, no sentence end
  'sentenceLike', // at least 10 words and (sentence end or stop density >= 0.15)
  'longLine', // at least 25 words
  'endsEllipsis', // … or ... at the end (teasers)
  'logRepeat', // log(number of identical lines on the page)
  'relPos', // index / (n - 1)
  'relPosMid', // relPos * (1 - relPos)
  'massPos', // share of the page's characters before this line
  'massPosMid', // massPos * (1 - massPos)
  'tokensVsMedian', // logTokens - log(1 + page median of words)
] as const;

/** Series smoothed over neighbours (means excluding the line itself). */
const SMOOTHED = ['logTokens', 'sentenceLike', 'stopDensity', 'endsSentence', 'shortNoPunct', 'letterShare'] as const;
/** Window radii of the smoothed series. */
const WINDOWS = [1, 2, 5] as const;

/** Context features computed from the local ones over the page. */
export const CONTEXT_FEATURES = [
  ...SMOOTHED.flatMap((s) => WINDOWS.map((w) => `${s}_w${w}`)),
  'prevSentence', // previous line is sentence-like
  'nextSentence',
  'logDistSentence', // log(1 + lines to the nearest sentence-like line), 0 on one
  'sandwiched', // sentence-like lines within 3 lines both before and after
  'densityRank', // rank of the ±3-window character mass, 1 = densest
  'inDense', // inside the max-sum run of (words - 10)
  'logDistDense', // log(1 + lines to that run)
  'inDenseLoose', // inside the max-sum run of (words - 4)
  'inDenseStrict', // inside the max-sum run of (sentence-like ? words : -8)
  'denseShare', // share of the page's characters inside the strict dense run (page-level)
  'logPageLines', // log(1 + lines on the page) (page-level)
] as const;

export const FEATURE_NAMES: readonly string[] = [...LOCAL_FEATURES, ...CONTEXT_FEATURES];
export const N_LOCAL = LOCAL_FEATURES.length;
export const N_FEATURES = FEATURE_NAMES.length;

/** Month and weekday names and abbreviations (lower case) in the common languages. */
const DATE_WORDS: readonly string[] = [
  'jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july',
  'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
  'januar', 'februar', 'märz', 'mai', 'juni', 'juli', 'oktober', 'dezember', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag',
  'janvier', 'février', 'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
  'gennaio', 'febbraio', 'aprile', 'maggio', 'giugno', 'luglio', 'settembre', 'ottobre', 'dicembre',
  'janeiro', 'fevereiro', 'março', 'maio', 'junho', 'julho', 'setembro', 'outubro', 'novembro', 'dezembro',
  'januari', 'februari', 'maart', 'mei', 'augustus', 'ago', 'updated', 'published', 'am', 'pm', 'gmt', 'utc', 'est', 'bst', 'cet',
];
const DATE_HASHES: readonly number[] = DATE_WORDS.map((w) => wordHash(w, 0, w.length) & HASH_MASK);

/** Flag in a lookup value: the word is a month/weekday/time word. Stop-list bits are 0..29. */
const DATE_FLAG = 1 << 30;

/**
 * Open-addressing hash table (linear probing) from word hash to stop-list bits | DATE_FLAG:
 * one typed-array probe per word instead of Map/Set lookups. Built once per StopTable.
 */
interface WordTable {
  readonly keys: Int32Array; // hash + 1 (0 = empty slot)
  readonly values: Int32Array;
  readonly mask: number;
}

const WORD_TABLES = new WeakMap<StopTable, WordTable>();

function wordTable(stop: StopTable): WordTable {
  const cached = WORD_TABLES.get(stop);
  if (cached) return cached;
  const entries = new Map<number, number>(stop.masks);
  for (const h of DATE_HASHES) entries.set(h, (entries.get(h) ?? 0) | DATE_FLAG);
  let size = 1024;
  while (size < entries.size * 4) size *= 2;
  const keys = new Int32Array(size);
  const values = new Int32Array(size);
  const mask = size - 1;
  for (const [h, v] of entries) {
    let slot = h & mask;
    while (keys[slot] !== 0) slot = (slot + 1) & mask;
    keys[slot] = h + 1;
    values[slot] = v;
  }
  const table = { keys, values, mask };
  WORD_TABLES.set(stop, table);
  return table;
}

/** Lookup value of a word hash (0 when absent). */
function lookup(t: WordTable, h: number): number {
  const key = h + 1;
  let slot = h & t.mask;
  for (;;) {
    const k = t.keys[slot]!;
    if (k === key) return t.values[slot]!;
    if (k === 0) return 0;
    slot = (slot + 1) & t.mask;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const lowerCode = chars.lowerCode;

/** Characters that end a sentence, and closers that may follow them. */
const SENTENCE_END: ReadonlySet<number> = new Set(
  ['.', '!', '?', '…', '。', '！', '？', '．'].map((c) => c.charCodeAt(0)),
);
const CLOSERS: ReadonlySet<number> = new Set(
  ['"', '\'', '”', '’', '»', ')', ']', '」', '』', '）', '›', '*'].map((c) => c.charCodeAt(0)),
);
const COMMAS: ReadonlySet<number> = new Set([',', '，', '、', ';', '；'].map((c) => c.charCodeAt(0)));
const SEPARATORS: ReadonlySet<number> = new Set(['|', '·', '›', '»', '•', '/', '▸', '>', '»', '→', '|'].map((c) => c.charCodeAt(0)));
const BULLETS: ReadonlySet<number> = new Set(
  ['•', '-', '*', '–', '—', '·', '▪', '■', '►', '▶', '◦', '●', '○', '→', '✓', '✔', '+'].map((c) => c.charCodeAt(0)),
);
const QUOTES: ReadonlySet<number> = new Set(['"', '“', '”', '«', '»', '„', '「', '」', '『'].map((c) => c.charCodeAt(0)));
const K_COMMA = 1;
const K_SEP = 2;
const K_QUOTE = 3;
const K_HASH = 4;
const K_AT = 5;
const K_COLON = 6;
const K_COPY = 7;

/** Kind of each punctuation code unit (0 = none of interest), so the hot loop does one array read. */
function buildPunctKinds(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const c of QUOTES) t[c] = K_QUOTE;
  for (const c of SEPARATORS) t[c] = K_SEP;
  for (const c of COMMAS) t[c] = K_COMMA;
  t[0x23] = K_HASH;
  t[0x40] = K_AT;
  t[0x3a] = K_COLON;
  t[0xa9] = K_COPY; // ©
  t[0xae] = K_COPY; // ®
  return t;
}
const PUNCT_KIND: Uint8Array = buildPunctKinds();
const CODE_COLON = 0x3a;
const CODE_ELLIPSIS = 0x2026;
const CODE_DOT = 0x2e;
const CODE_PAREN = 0x28;
const CODE_BRACKET = 0x5b;

const SENTENCE_MIN_WORDS = 10;
const SENTENCE_MIN_STOP = 0.15;
const LONG_LINE_WORDS = 25;
const DENSE_OFFSET = 10;
const DENSE_LOOSE_OFFSET = 4;
const DENSE_STRICT_PENALTY = 8;
const DENSITY_RADIUS = 3;
const SANDWICH_RADIUS = 3;
const TOKENS_CAP = 200;
/** Multiplier packing (density, index) into one exact double (index < 2^21, density < 2^31). */
const RANK_PACK = 2 ** 21;
const RANK_DENSITY_MAX = 2 ** 31 - 1;

/**
 * Fill row `row` of `out` with the local features of `line` (all but the page-level ones,
 * which the caller fills), and return its token count (words + CJK characters / 2).
 */
function localFeatures(
  line: string, out: Float64Array, row: number, stop: StopTable, table: WordTable, langMask: number, listCounts: Int32Array,
): number {
  const n = line.length;
  let letters = 0;
  let cased = 0;
  let upper = 0;
  let digits = 0;
  let punct = 0;
  let cjk = 0;
  let cjkFunc = 0;
  let commas = 0;
  let seps = 0;
  let quotes = 0;
  let words = 0;
  let wordChars = 0;
  let titleWords = 0;
  let hasDateWord = false;
  let hasYear = false;
  let hasTime = false;
  let hasHash = false;
  let hasAt = false;
  let hasCopy = false;
  listCounts.fill(0);
  let wordStart = -1;
  let wordUpperFirst = false;
  let wordDigits = 0;
  let hash = FNV_OFFSET;
  let prevClass = C_SPACE;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? line.charCodeAt(i) : 0x20;
    const cls = i < n ? CHAR_CLASS[c]! : C_SPACE;
    const inWord = cls === C_LOWER || cls === C_UPPER || cls === C_LETTER || cls === C_DIGIT;
    if (inWord) {
      if (wordStart < 0) {
        wordStart = i;
        wordUpperFirst = cls === C_UPPER;
        wordDigits = 0;
        hash = FNV_OFFSET;
      }
      if (cls === C_DIGIT) wordDigits++;
      // FNV-1a of the lower-cased code units, as chars.wordHash computes it
      hash = Math.imul(hash ^ (c < 0x80 ? (cls === C_UPPER ? c + 0x20 : c) : lowerCode(c)), FNV_PRIME);
    } else if (wordStart >= 0) {
      // a word ended at i
      const len = i - wordStart;
      words++;
      wordChars += len;
      if (wordUpperFirst) titleWords++;
      if (wordDigits === 0) {
        const m = lookup(table, (hash >>> 0) & HASH_MASK);
        if (m !== 0) {
          let mm = m & langMask;
          while (mm !== 0) {
            const b = 31 - Math.clz32(mm & -mm); // lowest set bit
            listCounts[b] = listCounts[b]! + 1;
            mm &= mm - 1;
          }
          if ((m & DATE_FLAG) !== 0 && len <= 9) hasDateWord = true;
        }
      } else if (wordDigits === len && len === 4) {
        const c0 = line.charCodeAt(wordStart);
        const c1 = line.charCodeAt(wordStart + 1);
        if ((c0 === 0x31 && c1 === 0x39) || (c0 === 0x32 && c1 === 0x30)) hasYear = true;
      }
      wordStart = -1;
    }
    if (i === n) break;
    switch (cls) {
      case C_LOWER: letters++; cased++; break;
      case C_UPPER: letters++; cased++; upper++; break;
      case C_LETTER: letters++; break;
      case C_DIGIT: digits++; break;
      case C_CJK:
        cjk++;
        letters++;
        if (stop.cjkFunction[c] === 1) cjkFunc++;
        break;
      case C_PUNCT:
        punct++;
        switch (PUNCT_KIND[c]) {
          case K_COMMA: commas++; break;
          case K_SEP: seps++; break;
          case K_QUOTE: quotes++; break;
          case K_HASH: hasHash = true; break;
          case K_AT: hasAt = hasAt || prevClass === C_LOWER || prevClass === C_UPPER || prevClass === C_DIGIT; break;
          case K_COLON:
            if (prevClass === C_DIGIT && i + 1 < n && CHAR_CLASS[line.charCodeAt(i + 1)] === C_DIGIT) hasTime = true;
            break;
          case K_COPY: hasCopy = true; break;
          default: break;
        }
        break;
      default: break;
    }
    prevClass = cls;
  }
  // stop density: the best list among the allowed ones
  let bestList = 0;
  for (let b = 0; b < listCounts.length; b++) if (listCounts[b]! > bestList) bestList = listCounts[b]!;
  const tokens = words + cjk / 2;
  const tokDen = Math.max(1, tokens);
  let stopDensity = words > 0 ? bestList / Math.max(1, words) : 0;
  if (cjk > 0) stopDensity = Math.max(stopDensity, (cjkFunc / cjk) * 2.5);
  // last meaningful char
  let end = n - 1;
  while (end >= 0 && CLOSERS.has(line.charCodeAt(end))) end--;
  const last = end >= 0 ? line.charCodeAt(end) : 0;
  const endsSentence = SENTENCE_END.has(last) ? 1 : 0;
  const endsEllipsis = last === CODE_ELLIPSIS
    || (last === CODE_DOT && end >= 2 && line.charCodeAt(end - 1) === CODE_DOT && line.charCodeAt(end - 2) === CODE_DOT) ? 1 : 0;
  const first = n > 0 ? line.charCodeAt(0) : 0;
  const firstCls = n > 0 ? CHAR_CLASS[first]! : C_SPACE;
  const second = n > 1 ? line.charCodeAt(1) : 0;
  const startsBullet = BULLETS.has(first) && (n === 1 || CHAR_CLASS[second] === C_SPACE) ? 1 : 0;
  const hasUrl = hasAt || line.includes('://') || line.includes('www.') ? 1 : 0;
  const upperShare = cased > 0 ? upper / cased : 0;
  const titleCase = words > 0 ? titleWords / words : 0;
  const shortNoPunct = tokens <= 4 && !endsSentence ? 1 : 0;
  const sentenceLike = tokens >= SENTENCE_MIN_WORDS && (endsSentence === 1 || stopDensity >= SENTENCE_MIN_STOP) ? 1 : 0;
  const len = Math.max(1, n);
  const o = row;
  out[o + 0] = Math.log1p(n);
  out[o + 1] = Math.log1p(Math.min(tokens, TOKENS_CAP));
  out[o + 2] = letters / len;
  out[o + 3] = digits / len;
  out[o + 4] = punct / len;
  out[o + 5] = upperShare;
  out[o + 6] = endsSentence;
  out[o + 7] = last === CODE_COLON ? 1 : 0;
  out[o + 8] = Math.min(commas / tokDen, 1);
  out[o + 9] = Math.min(stopDensity, 1);
  out[o + 10] = titleCase;
  out[o + 11] = hasUrl;
  out[o + 12] = hasHash ? 1 : 0;
  out[o + 13] = Math.log1p(seps);
  out[o + 14] = startsBullet;
  out[o + 15] = firstCls === C_DIGIT ? 1 : 0;
  out[o + 16] = first === CODE_PAREN || first === CODE_BRACKET ? 1 : 0;
  out[o + 17] = firstCls === C_LOWER ? 1 : 0;
  out[o + 18] = (hasDateWord || hasYear || hasTime) && tokens <= 10 ? 1 : 0;
  out[o + 19] = cased >= 4 && upperShare > 0.8 ? 1 : 0;
  out[o + 20] = cjk / len;
  out[o + 21] = words > 0 ? Math.min(wordChars / words / 10, 2) : 0;
  out[o + 22] = quotes > 0 ? 1 : 0;
  out[o + 23] = hasCopy ? 1 : 0;
  out[o + 24] = shortNoPunct;
  out[o + 25] = tokens <= 12 && titleCase >= 0.6 && !endsSentence ? 1 : 0;
  out[o + 26] = sentenceLike;
  out[o + 27] = tokens >= LONG_LINE_WORDS ? 1 : 0;
  out[o + 28] = endsEllipsis;
  return tokens;
}

/** Column index of a local feature. */
const colOf = (name: (typeof LOCAL_FEATURES)[number]): number => LOCAL_FEATURES.indexOf(name);
const COL = {
  logTokens: colOf('logTokens'),
  sentenceLike: colOf('sentenceLike'),
  logRepeat: colOf('logRepeat'),
  relPos: colOf('relPos'),
  relPosMid: colOf('relPosMid'),
  massPos: colOf('massPos'),
  massPosMid: colOf('massPosMid'),
  tokensVsMedian: colOf('tokensVsMedian'),
} as const;
const SMOOTHED_COLS: readonly number[] = SMOOTHED.map(colOf);

/** Indices [start, end) of the max-sum contiguous run of `scores` (Kadane); [0, 0) if all are negative. */
export function maxSumRun(scores: Float64Array): [number, number] {
  let best = 0;
  let bestStart = 0;
  let bestEnd = 0;
  let cur = 0;
  let curStart = 0;
  for (let i = 0; i < scores.length; i++) {
    if (cur <= 0) {
      cur = 0;
      curStart = i;
    }
    cur += scores[i]!;
    if (cur > best) {
      best = cur;
      bestStart = curStart;
      bestEnd = i + 1;
    }
  }
  return [bestStart, bestEnd];
}

/** Mean of `v` over [i - r, i + r] excluding i, using prefix sums `p` (p[k] = sum of v[0..k)). */
function windowMean(p: Float64Array, n: number, i: number, r: number, v: number): number {
  const lo = Math.max(0, i - r);
  const hi = Math.min(n, i + r + 1);
  const count = hi - lo - 1;
  return count > 0 ? (p[hi]! - p[lo]! - v) / count : 0;
}

/** Codes that share another language's stop-word list. */
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = { no: 'nb', nn: 'nb', ms: 'id' };

/** Map from ISO 639-1 code (or undefined) to the bit mask of stop lists to use. */
export function languageMask(stop: StopTable, language: string | undefined): number {
  if (language !== undefined) {
    const two = language.toLowerCase().slice(0, 2);
    const code = LANGUAGE_ALIASES[two] ?? two;
    const i = stop.langs.indexOf(code);
    if (i >= 0) return 1 << i;
  }
  return stop.commonMask;
}

/**
 * Feature matrix of a page: row-major Float64Array of lines.length * N_FEATURES.
 * Never throws on odd input (empty lines, empty pages, any code units).
 */
export function extractFeatures(lines: readonly string[], stop: StopTable, language?: string): Float64Array {
  const n = lines.length;
  const d = N_FEATURES;
  const x = new Float64Array(n * d);
  if (n === 0) return x;
  const mask = languageMask(stop, language);
  const listCounts = new Int32Array(stop.langs.length);
  const table = wordTable(stop);
  const chars = new Float64Array(n);
  const tokens = new Float64Array(n);
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    tokens[i] = localFeatures(line, x, i * d, stop, table, mask, listCounts);
    chars[i] = line.length;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  // page-level local features
  let totalChars = 0;
  for (let i = 0; i < n; i++) totalChars += chars[i]!;
  const sortedTokens = Float64Array.from(tokens).sort();
  const median = sortedTokens[n >> 1]!;
  const logMedian = Math.log1p(Math.min(median, TOKENS_CAP));
  let massBefore = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    const rel = n > 1 ? i / (n - 1) : 0.5;
    const mass = totalChars > 0 ? massBefore / totalChars : 0;
    massBefore += chars[i]!;
    x[o + COL.logRepeat] = Math.log(counts.get(lines[i]!) ?? 1);
    x[o + COL.relPos] = rel;
    x[o + COL.relPosMid] = rel * (1 - rel);
    x[o + COL.massPos] = mass;
    x[o + COL.massPosMid] = mass * (1 - mass);
    x[o + COL.tokensVsMedian] = x[o + COL.logTokens]! - logMedian;
  }
  // smoothed series via prefix sums
  let col = N_LOCAL;
  const prefix = new Float64Array(n + 1);
  for (const c of SMOOTHED_COLS) {
    for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + x[i * d + c]!;
    for (const r of WINDOWS) {
      for (let i = 0; i < n; i++) x[i * d + col] = windowMean(prefix, n, i, r, x[i * d + c]!);
      col++;
    }
  }
  // distance to sentence-like lines
  const sent = COL.sentenceLike;
  const distPrev = new Float64Array(n);
  const distNext = new Float64Array(n);
  let lastSeen = -1e9;
  for (let i = 0; i < n; i++) {
    distPrev[i] = i - lastSeen;
    if (x[i * d + sent] === 1) lastSeen = i;
  }
  lastSeen = 1e9;
  for (let i = n - 1; i >= 0; i--) {
    distNext[i] = lastSeen - i;
    if (x[i * d + sent] === 1) lastSeen = i;
  }
  // density: ±R character mass, ranked
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + chars[i]!;
  const density = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    density[i] = prefix[Math.min(n, i + DENSITY_RADIUS + 1)]! - prefix[Math.max(0, i - DENSITY_RADIUS)]!;
  }
  // rank by density, ties by index: sort packed (density, index) keys natively
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = Math.min(density[i]!, RANK_DENSITY_MAX) * RANK_PACK + (i % RANK_PACK);
  packed.sort();
  const rank = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const line = packed[r]! % RANK_PACK;
    rank[line] = n > 1 ? r / (n - 1) : 1;
  }
  // dense runs
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = Math.min(tokens[i]!, TOKENS_CAP) - DENSE_OFFSET;
  const [ds, de] = maxSumRun(scores);
  for (let i = 0; i < n; i++) scores[i] = Math.min(tokens[i]!, TOKENS_CAP) - DENSE_LOOSE_OFFSET;
  const [ls, le] = maxSumRun(scores);
  for (let i = 0; i < n; i++) scores[i] = x[i * d + sent] === 1 ? Math.min(tokens[i]!, TOKENS_CAP) : -DENSE_STRICT_PENALTY;
  const [ss, se] = maxSumRun(scores);
  let strictChars = 0;
  for (let i = ss; i < se; i++) strictChars += chars[i]!;
  const denseShare = totalChars > 0 ? strictChars / totalChars : 0;
  const logLines = Math.log1p(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let c = col;
    const isSent = x[o + sent] === 1;
    const dp = distPrev[i]!;
    const dn = distNext[i]!;
    x[o + c++] = dp === 1 ? 1 : 0;
    x[o + c++] = dn === 1 ? 1 : 0;
    x[o + c++] = isSent ? 0 : Math.log1p(Math.min(dp, dn, n));
    x[o + c++] = dp <= SANDWICH_RADIUS && dn <= SANDWICH_RADIUS ? 1 : 0;
    x[o + c++] = rank[i]!;
    x[o + c++] = i >= ds && i < de ? 1 : 0;
    x[o + c++] = Math.log1p(i < ds ? ds - i : i >= de ? i - de + 1 : 0);
    x[o + c++] = i >= ls && i < le ? 1 : 0;
    x[o + c++] = i >= ss && i < se ? 1 : 0;
    x[o + c++] = denseShare;
    x[o + c++] = logLines;
  }
  return x;
}
