/**
 * fast-check arbitraries for fuzzing the cleaner: pages that mix realistic article lines with
 * boilerplate, bylines, credits, datelines, unicode and control characters, joined by any
 * newline style. Shared by scripts/fuzz.ts (100k runs) and test/reliability/fuzz.test.ts.
 * All phrases are original, written for this file.
 */
import fc from 'fast-check';

export const WORDS = [
  'the', 'council', 'said', 'on', 'Tuesday', 'that', 'river', 'bridge', 'would', 'reopen', 'after', 'repairs', 'and',
  'residents', 'welcomed', 'news', 'minister', 'announced', 'budget', 'schools', 'hospital', 'police', 'match', 'season',
  'club', 'coach', 'players', 'market', 'prices', 'rose', 'fell', 'percent', 'million', 'year', 'week', 'report',
  'election', 'voters', 'city', 'village', 'storm', 'flood', 'warning', 'Reuters', 'AP', 'AFP', 'By', 'Photo', 'Image',
  'caption', 'Getty', 'Images', 'ist', 'der', 'und', 'la', 'le', 'de', 'el', 'los', 'não', 'что', '東京', '新闻', 'العربية', 'עברית',
] as const;

export const BOILERPLATE = [
  'Skip to content', 'Share this article', 'Share', 'Follow topic:', 'Sign up for our newsletter', 'Subscribe now',
  'Advertisement', 'ADVERTISEMENT', 'Anzeige', 'Publicidad', 'Accept all cookies', 'We use cookies on this site',
  'Read more:', 'Related:', 'See more on', 'Most read', 'Image caption,', '[1/2]', 'Was this helpful?',
  '© 2026 Example Media. All rights reserved.', 'Reporting by Ana Silva; Editing by Tom Reed', '###', 'Menu', 'Home',
  'Comments', 'Listen to this article', '3 min read', 'Subscribe to continue reading',
] as const;

const FIRST_NAMES = ['Jane', 'Ana', 'Tom', 'Li', 'Omar', 'Marta', 'Kwame', 'Sofia', 'Jean-Luc', "O'Neil"] as const;
const LAST_NAMES = ['Doe', 'Silva', 'Reed', 'Wei', 'Haddad', 'Kowalska', 'Mensah', 'García', 'Müller', 'Nakamura'] as const;
const AGENCIES = ['Reuters', 'AP', 'AFP', 'dpa', 'EFE', 'ANSA', 'Getty Images', 'EPA'] as const;
const PLACES = ['LONDON', 'PARIS', 'NEW YORK', 'BERLIN', 'TOKYO', 'SÃO PAULO', 'KYIV', 'CAIRO'] as const;
const MONTHS = ['January', 'March', 'June', 'September', 'December', 'Jan.', 'Sept.'] as const;

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const name = fc.tuple(pick(FIRST_NAMES), pick(LAST_NAMES)).map(([f, l]) => `${f} ${l}`);

/** A sentence-like run of words, 3-40 words, capitalised, with a full stop. */
export const sentence = fc.array(pick(WORDS), { minLength: 3, maxLength: 40 }).map((ws) => {
  const s = ws.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
});

/** A paragraph: 1-5 sentences. */
export const paragraph = fc.array(sentence, { minLength: 1, maxLength: 5 }).map((ss) => ss.join(' '));

export const byline = fc.oneof(
  name.map((n) => `By ${n}`),
  fc.tuple(name, name).map(([a, b]) => `By ${a} and ${b}`),
  fc.tuple(name, pick(AGENCIES)).map(([n, a]) => `By ${n}, ${a}`),
  fc.constant('By By By By'),
);

export const credit = fc.oneof(
  fc.tuple(name, pick(AGENCIES)).map(([n, a]) => `Photo: ${n}/${a}`),
  fc.tuple(name, pick(AGENCIES)).map(([n, a]) => `(${a} Photo/${n})`),
  fc.tuple(sentence, name, pick(AGENCIES)).map(([s, n, a]) => `${s} ${n}/${a}`),
  fc.tuple(sentence, pick(AGENCIES)).map(([s, a]) => `Image caption, ${s} Image source, ${a}`),
);

export const dateline = fc.oneof(
  fc.tuple(pick(PLACES), pick(AGENCIES), paragraph).map(([p, a, s]) => `${p} (${a}) - ${s}`),
  fc.tuple(pick(PLACES), paragraph).map(([p, s]) => `${p} — ${s}`),
);

export const dateLine = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 31 }), pick(MONTHS), fc.integer({ min: 1990, max: 2030 })).map(([d, m, y]) => `Published ${d} ${m} ${y}`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `Updated 2024-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} 10:15 GMT`),
  fc.constant('February 30, 2024'),
  fc.constant('0000-00-00'),
);

/** Characters that break naive text code. */
const NASTY_CHARS = [
  '\u0000', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b[31m', '\u007f', '\u0085', '\u00a0', '\u00ad', '\u200b', '\u200d',
  '\u2028', '\u2029', '\u202e', '\ufeff', '\ufffd', '\u0301', '\u0651', '😀', '👩‍👩‍👧', '🇳🇿', '𝐀', '\t', '((((', '))))', '....', '----',
  '\ud800', '\udfff', '"', '“', '”', '‘', '’', '«', '»', '|', '•', '·', '…', '—', '–',
] as const;

export const unicodeNoise = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.array(pick(NASTY_CHARS), { maxLength: 12 }).map((xs) => xs.join('')),
);

/** A line spliced with nasty characters at random positions. */
const spliced = fc.tuple(paragraph, fc.array(fc.tuple(fc.nat(), pick(NASTY_CHARS)), { maxLength: 4 })).map(([p, ins]) => {
  let s = p;
  for (const [at, ch] of ins) {
    const i = at % (s.length + 1);
    s = s.slice(0, i) + ch + s.slice(i);
  }
  return s;
});

export const line = fc.oneof(
  { weight: 8, arbitrary: paragraph },
  { weight: 5, arbitrary: pick(BOILERPLATE) },
  { weight: 2, arbitrary: byline },
  { weight: 2, arbitrary: credit },
  { weight: 2, arbitrary: dateline },
  { weight: 2, arbitrary: dateLine },
  { weight: 2, arbitrary: unicodeNoise },
  { weight: 2, arbitrary: spliced },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t', '   \u00a0 ') },
  { weight: 1, arbitrary: sentence.map((s) => s.toUpperCase()) },
  { weight: 1, arbitrary: sentence.map((s) => `   ${s}   `) },
);

const NEWLINES = ['\n', '\r\n', '\r', '\n\n', '\u2028'] as const;

/** A whole page: 0-60 lines joined by a mix of newline styles, sometimes with a repeated line. */
export const page = fc
  .tuple(
    fc.array(line, { maxLength: 60 }),
    fc.array(pick(NEWLINES), { minLength: 1, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([lines, newlines, repeat]) => {
    const all = repeat && lines.length > 2 ? [...lines, lines[1] ?? '', lines[0] ?? ''] : lines;
    let out = '';
    all.forEach((l, i) => {
      out += l;
      if (i < all.length - 1) out += newlines[i % newlines.length];
    });
    return out;
  });
