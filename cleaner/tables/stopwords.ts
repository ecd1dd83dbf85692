/**
 * Stop-word sets per ISO 639-1 code, built once from the `stopword` package lists.
 * Used for the stop-word density feature: running prose is dense in function words,
 * menus, headline lists and tag clouds are not.
 */
// Named imports only: the package's ESM entry re-exports one module per language, so a bundler keeps
// just these lists (a namespace import with a computed key kept all 62, ~211 KB).
import { cat, ces, dan, deu, eng, fra, ind, ita, nld, nob, pol, por, ron, rus, spa, swe, tur, ukr } from 'stopword';

/** ISO 639-1 -> the `stopword` package's list, for the languages the cleaner uses (the pooled ones). */
const LISTS: Readonly<Record<string, readonly string[]>> = {
  en: eng, es: spa, de: deu, fr: fra, it: ita, pt: por, nl: nld, id: ind, pl: pol, sv: swe, da: dan, no: nob,
  ro: ron, cs: ces, ru: rus, uk: ukr, tr: tur, ca: cat,
};

/**
 * Languages whose stop words are pooled for the density feature. The pool does not depend on the
 * detected language, so a line measures the same whatever page it sits on (cleaning the cleaned
 * text again must give the same result).
 */
export const POOLED_STOPWORD_LANGUAGES: readonly string[] = [
  'en', 'es', 'de', 'fr', 'it', 'pt', 'nl', 'id', 'pl', 'sv', 'da', 'no', 'ro', 'cs', 'ru', 'uk', 'tr', 'ca',
];

const EMPTY: ReadonlySet<string> = new Set();

const SETS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(LISTS).map(([code, list]) => [code, new Set(list.map((w) => w.toLowerCase()))]),
);

/** The stop-word set of a pooled language (empty for the others). */
export function stopwordsFor(language: string): ReadonlySet<string> {
  return SETS.get(language) ?? EMPTY;
}

/** The pooled stop-word set (see POOLED_STOPWORD_LANGUAGES). */
export const POOLED_STOPWORDS: ReadonlySet<string> = new Set(POOLED_STOPWORD_LANGUAGES.flatMap((lang) => [...stopwordsFor(lang)]));
