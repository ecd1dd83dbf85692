/**
 * Stop-word lookup for the line model: every word of every list is hashed once at module
 * load (FNV-1a of its lower-cased code units) into a Map from hash to a bit mask of the
 * lists that contain it, so counting stop words in a line allocates no strings.
 */
import { wordHash } from './chars.ts';

/** One stop-word list: ISO 639-1 code and its words. */
export interface StopList {
  readonly lang: string;
  readonly words: readonly string[];
}

export interface StopTable {
  /** hash -> bit mask of list indexes (bit i = lists[i]). */
  readonly masks: ReadonlyMap<number, number>;
  /** ISO 639-1 codes, index = bit. */
  readonly langs: readonly string[];
  /** Bit mask of the lists used when the language is unknown. */
  readonly commonMask: number;
  /** Single-character function words of CJK lists (char code -> 1). */
  readonly cjkFunction: Uint8Array;
}

/** Hashes are cut to 30 bits so they stay small integers (fast Map keys in V8). */
export const HASH_MASK = 0x3fffffff;

/** Lists consulted (best of) when no language is given. */
export const COMMON_LANGS: readonly string[] = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl'];

/** Languages written without spaces: their single-char stop words feed `cjkFunction`. */
const CJK_LANGS: ReadonlySet<string> = new Set(['ja', 'zh']);

export function buildStopTable(lists: readonly StopList[]): StopTable {
  if (lists.length > 30) throw new RangeError(`at most 30 stop-word lists fit a mask, got ${lists.length}`);
  const masks = new Map<number, number>();
  const cjkFunction = new Uint8Array(0x10000);
  let commonMask = 0;
  lists.forEach((list, i) => {
    if (COMMON_LANGS.includes(list.lang)) commonMask |= 1 << i;
    for (const w of list.words) {
      if (CJK_LANGS.has(list.lang)) {
        if (w.length === 1) cjkFunction[w.charCodeAt(0)] = 1;
        continue;
      }
      const h = wordHash(w, 0, w.length) & HASH_MASK;
      masks.set(h, (masks.get(h) ?? 0) | (1 << i));
    }
  });
  return { masks, langs: lists.map((l) => l.lang), commonMask, cjkFunction };
}
