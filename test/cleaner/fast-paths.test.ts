import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitLines } from '../../cleaner/steps/split.ts';
import { normaliseLine, PRINTABLE_ASCII_RE } from '../../cleaner/steps/normalise.ts';
import { markListRuns } from '../../cleaner/steps/features.ts';
import { LIST_ITEM_RE, measureLine } from '../../cleaner/steps/features.ts';
import { POOLED_STOPWORDS } from '../../cleaner/tables/stopwords.ts';
import { LOWER_COMPLEX, lowerUnit, wordCount } from '../../cleaner/text.ts';
import { clean } from '../../cleaner/clean.ts';
import type { Line } from '../../cleaner/page.ts';
import type { RemovalReason } from '../../cleaner/types.ts';
import { firstCharsOf, lineShape, mayBeByline, mayBeCredit, mayBeDateLine, mayBeMediaLabel, mayBeSignoffLine, recogniseLine } from '../../cleaner/steps/recognise.ts';
import { findCredit, isSignoffLine, parseByline, parseDateLine, stripMediaLabel } from '../../cleaner/metadata/index.ts';
import { CREDIT_BY_LABELS, CREDIT_LABELS, MEDIA_LABELS, PAREN_CREDIT_LEADS, SLASH_CREDIT_AGENCIES, STANDALONE_CREDITS, TRAILING_CREDIT_JUNK } from '../../cleaner/metadata/tables/credits.ts';
import { AGENCIES } from '../../cleaner/metadata/tables/agencies.ts';
import { BYLINE_PREFIXES, CONTRIBUTOR_AUTHOR_ROLES, CONTRIBUTOR_OTHER_ROLES, STAFF_WORDS } from '../../cleaner/metadata/tables/bylines.ts';
import { parseContributors } from '../../cleaner/metadata/index.ts';
import { isTagsHeader, TAG_HEADERS } from '../../cleaner/steps/region.ts';
import { trimQuotes } from '../../cleaner/steps/classify.ts';
import { META_MAX_WORDS } from '../../cleaner/thresholds.ts';
import {
  BARRIER_PHRASES, BARRIER_REASONS, CONTAINS_PHRASES, EXACT_PHRASES, matchPhrase, PATTERN_PHRASES, PREFIX_MAX_WORDS, PREFIX_PHRASES,
  SHORT_FOOTER_WORDS, stripTrailingLabel, type PhraseRule,
} from '../../cleaner/tables/phrases.ts';

/**
 * The speed-ups of the cleaner core must agree with the plain code they replace: each test below
 * compares a fast path with the slow one on inputs chosen to break it (case mappings that change
 * length or depend on context, astral characters, lines on the edge of each gate).
 */

const lineOf = (text: string): Line => splitLines(text).lines[0]!;

/** Characters that stress lower-casing and tokenising. */
const TRICKY = [
  'A', 'z', 'É', 'é', 'İ', 'ı', 'Σ', 'σ', 'ς', 'ẞ', 'ß', 'Ǆ', 'ǅ', 'Ω', 'K', 'ſ', 'Я', 'я', 'Ё', '東', 'ア', 'あ', '〆',
  '\u2E80', '\u3005', '𐐀', '𐐨', '😀', '\uD800', '\uDC00', '\uFFFF', '1', '٣', ' ', '-', '.', "'", '’', '\u0301',
];
const trickyText = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.constantFrom(...[...POOLED_STOPWORDS].slice(0, 400)), fc.string({ maxLength: 3 })), { maxLength: 12 })
  .map((parts) => parts.join(' ').trim())
  .filter((t) => t !== '' && !t.includes('\n') && !t.includes('\r'));

describe('lowerUnit', () => {
  it('gives the unit a string of that unit lower-cases to, or LOWER_COMPLEX', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const lower = String.fromCharCode(c).toLowerCase();
      const u = lowerUnit(c);
      if (u !== LOWER_COMPLEX && !(lower.length === 1 && lower.charCodeAt(0) === u)) wrong.push(`U+${c.toString(16)}`);
    }
    expect(wrong).toEqual([]);
    // length-changing and context-dependent mappings take the slow path
    expect(lowerUnit(0x130)).toBe(LOWER_COMPLEX);
    expect(lowerUnit(0x3a3)).toBe(LOWER_COMPLEX);
  });

  it('lower-cases a word of simple units exactly like toLowerCase', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...TRICKY.filter((ch) => ch.length === 1)), maxLength: 8 }), (w) => {
      const units = [...Array(w.length).keys()].map((k) => lowerUnit(w.charCodeAt(k)));
      if (units.some((u) => u === LOWER_COMPLEX) || /[\uD800-\uDFFF]/.test(w)) return;
      expect(String.fromCharCode(...units)).toBe(w.toLowerCase());
    }), { numRuns: 1000 });
  });
});

describe('measureLine stop-word fast path', () => {
  // a copy of the pooled set is a different Set object: measureLine then takes the slice + toLowerCase path
  const slow = new Set(POOLED_STOPWORDS);

  it('counts the same stop words as the Set lookup', () => {
    const cases = [
      'THE CAT AND THE DOG', 'Über die Brücke und über den Fluss', 'ΣΑΣ και σας', 'İN THE İNN', 'Это было ЭТО',
      'Ǆ ǅ ǆ', 'we’re here', 'Der 𐐀 und 😀 die', 'DIE', 'Die\uD800der', 'ſie ſind',
    ];
    for (const t of cases) {
      const fast = lineOf(t);
      const ref = lineOf(t);
      measureLine(fast);
      measureLine(ref, slow);
      expect(fast.stopRatio, t).toBe(ref.stopRatio);
      expect(fast.capsRatio, t).toBe(ref.capsRatio);
      expect(fast.words, t).toBe(ref.words);
    }
  });

  it('agrees with the Set lookup on generated lines', () => {
    fc.assert(fc.property(trickyText, (t) => {
      const fast = lineOf(t);
      const ref = lineOf(t);
      measureLine(fast);
      measureLine(ref, slow);
      expect(fast.stopRatio).toBe(ref.stopRatio);
      expect(fast.capsRatio).toBe(ref.capsRatio);
      expect(fast.digitRatio).toBe(ref.digitRatio);
    }), { numRuns: 1000 });
  });

  it('list shape matches LIST_ITEM_RE', () => {
    const cases = ['- item', '• item', '1. one', '12) twelve', 'a) first', 'A) first', '—\u00a0x', '✔ done', '* star', '-x', '', 'x'];
    for (const t of cases.filter((x) => x !== '')) {
      const l = lineOf(t);
      measureLine(l);
      expect(l.listShape, t).toBe(LIST_ITEM_RE.test(t));
    }
  });
});

/** matchPhrase written plainly from the exported tables: every phrase of every table tried in order. */
function referencePhrase(line: string, words: number): PhraseRule | null {
  const keyOf = (x: string) => x.toLowerCase().replace(/[\s:.!?…›»>|•·\-–—]+$/u, '');
  const lower = line.toLowerCase();
  const key = keyOf(line).replace(/^[•·▪►▶»>|\-–—*]\s?/u, '');
  for (const [reason, phrases] of Object.entries(EXACT_PHRASES) as [RemovalReason, string[]][]) {
    for (const p of phrases) {
      if (keyOf(p) !== key) continue;
      // the first table entry with this key decides
      return { reason, barrier: BARRIER_REASONS.has(reason) || BARRIER_PHRASES.has(key) };
    }
  }
  if (words <= PREFIX_MAX_WORDS) {
    for (const [reason, phrases] of Object.entries(PREFIX_PHRASES) as [RemovalReason, string[]][]) {
      for (const p of phrases) {
        if (!lower.startsWith(p)) continue;
        const next = lower.charAt(p.length);
        if (next !== '' && /[\p{L}\p{N}]/u.test(next) && /[\p{L}\p{N}]/u.test(p.charAt(p.length - 1))) continue;
        const barrier = BARRIER_REASONS.has(reason);
        if (barrier && reason === 'footer' && words <= SHORT_FOOTER_WORDS && !/\p{N}/u.test(line)) return { reason, barrier: false };
        return { reason, barrier };
      }
    }
  }
  for (const [reason, phrases] of Object.entries(CONTAINS_PHRASES) as [RemovalReason, string[]][]) {
    for (const p of phrases) if (lower.includes(p)) return { reason, barrier: BARRIER_REASONS.has(reason) };
  }
  for (const { re, reason, barrier } of PATTERN_PHRASES) if (re.test(line)) return { reason, barrier: barrier ?? false };
  return null;
}

describe('matchPhrase fast paths', () => {
  const tablePhrases = [EXACT_PHRASES, PREFIX_PHRASES, CONTAINS_PHRASES].flatMap((t) => Object.values(t).flat() as string[]);
  const decorate = fc.tuple(
    fc.constantFrom('', '• ', '- ', '— ', '» ', '* ', '| ', ' ', '12 ', 'About ', 'Über ', 'À ', 'x'),
    fc.oneof(fc.constantFrom(...tablePhrases), fc.constantFrom(...TRICKY), fc.string({ maxLength: 6 })),
    fc.constantFrom('', ' ', ':', '.', '!', ' ›', ' »', ' —', '…', ' comments', ' says:', '@x', ' Acme', 'x', '\u00a0'),
    fc.boolean(),
  ).map(([a, b, c, upper]) => { const t = `${a}${b}${c}`; return upper ? t.toUpperCase() : t; });

  const check = (t: string): void => {
    const l = lineOf(t.trim() === '' ? 'x' : t);
    measureLine(l);
    expect(matchPhrase(l.text, l.words), JSON.stringify(l.text)).toEqual(referencePhrase(l.text, l.words));
  };

  it('agrees with the plain table scan on every table phrase, decorated', () => {
    for (const p of tablePhrases) for (const t of [p, p.toUpperCase(), `• ${p}:`, `${p} ›`, `— ${p}`, `${p} now`, `x ${p} y`]) check(t);
  });

  it('agrees with the plain table scan on the pattern shapes', () => {
    const cases = [
      '— 14 comments', '14 Comments', '\u00a014 replies', ' 3 responses', 'About Acme Corp', 'ABOUT ACME', 'Über Acme', 'Über Acme',
      'À propos de Acme', 'Chi è Mario', 'Over Acme', 'Tentang Acme', 'about acme', '12', 'ab', '…', 'Yes', 'nein', 'Tel: 555',
      'jane says:', 'By Jane Doe | Reuters', 'Jane Doe @jane', 'More top stories', 'Comments (3)',
      '***', '| |', '#', '--', '(...)', 'Tel: 555 1234', 'Tel: none', 'WhatsApp: +44 7000', 'Fax:(0)12', 'x ***', '1 ***',
      // first units that case-fold into ASCII (the first-unit dispatch must try every pattern on them)
      '\u017Fource: Reuters', '\u212Aommentare (3)', '\u212Aommentare (3) x', '\u017Fhare', '\u2014 3 comments', '\u3000 3 replies',
      '5 min read', '12 thoughts on “A post”', 'Click to share on X', 'Privacy notice: we', 'View all (12)', 'Image 3 of 12',
      'You have 3 free articles left', '3/12', '[1/2]', 'Source: Reuters', 'FORWARD-LOOKING STATEMENTS', 'Reading time: 4 min',
      'we use cookies on this site', 'Read our cookie policy. All rights reserved.', 'x (c) y', 'a.b*c+d?e', 'use cookies(',
    ];
    for (const t of cases) check(t);
  });

  it('agrees with the plain table scan on generated lines', () => {
    fc.assert(fc.property(decorate, check), { numRuns: 3000 });
  });
});

describe('recogniser gates', () => {
  const aliases = AGENCIES.flatMap((a) => [...a.names, ...a.exact, ...a.cjk]);
  const relativeWords = ['yesterday', 'Today', 'JUST NOW', 'gestern', 'heute', 'ayer', 'hoy', 'hier', "aujourd'hui", 'ieri', 'oggi', 'gisteren', 'vandaag', 'kemarin', 'hari ini'];
  const pieces = [
    ...aliases, ...BYLINE_PREFIXES, ...STAFF_WORDS, ...relativeWords, 'Jane Doe', 'JANE DOE', 'Senior Correspondent', 'jmp/sbk', 'sn/bg',
    'dpa:250312-99-123456/2', 'This report by', 'was first published', 'Posted on', 'Updated', 'Published', 'Last updated', 'by', 'BY',
    '12 March 2025', '3 hours ago', '14:52', 'GMT', 'ago', 'min read', '|', ',', '/', '-', '(', ')', '.', ':', 'World', 'news', 'the',
  ];
  const decorated = aliases.flatMap((a) => [
    a, `(${a})`, `(${a}).`, `- ${a}`, `/${a}`, `/ ${a}`, `${a}.`, `${a}/sn`, `(${a}/sn)`, `${a} / sn`, `${a} staff`, `${a} Sport Staff`,
    `By ${a}`, `Jane Doe, ${a}`, `Jane Doe | ${a}`, `${a} KRS MNB`, `${a} ab/cd`, `"${a}"`, `[${a}]`, `The ${a}`, a.toUpperCase(), a.toLowerCase(),
  ]);
  const crafted = [
    ...decorated, ...relativeWords, ...relativeWords.map((w) => `Updated ${w}`), ...BYLINE_PREFIXES.flatMap((p) => [`${p} Jane Doe`, `${p}: Jane Doe`, `${p}:Jane Doe`, `${p.toUpperCase()} JANE DOE`]),
    'jmp/sbk/rmb', 'sn / bg', 'dpa:250312-99-123456/2', 'This report by The Canadian Press was first published March 12, 2025.',
    'Posted on 14 September 2024 by Ruth Kinsella', 'Written by Jane Doe on November 14, 2019', 'Last updated yesterday by Jane Doe',
    'Jane Doe Reuters staff', 'JANE DOE ASSOCIATED PRESS', 'Words and pictures by Jane Doe', 'ein Beitrag von Anna Schmidt',
    // FIRST_PUBLISHED_BY in any case (and U+017F, which folds to 's'), and other 't' lines
    'THIS STORY BY REUTERS WAS FIRST PUBLISHED', 'this article by The Canadian Press was first published today', 'ThIs report by AFP was first published',
    'Thi\u017F report by The Canadian Press was first published March 12, 2025.', 'This  report by AFP was first published', 'Thisreport by AFP',
    'The Canadian Press', 'TASS', 'tass', 'Tass/ab', 'T', 'Th', 'This', 'This ', 'tk/ab/cd', 'The report by AFP was first published',
  ];
  const generated = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 7 })
    .chain((ws) => fc.constantFrom(ws.join(' '), ws.join(''), ws.join(', ')));

  const checkGates = (t: string): void => {
    const shape = lineShape(t);
    if (!mayBeSignoffLine(t, shape)) expect(isSignoffLine(t), `signoff ${JSON.stringify(t)}`).toBeNull();
    if (!mayBeByline(t, shape)) expect(parseByline(t), `byline ${JSON.stringify(t)}`).toBeNull();
    if (!mayBeDateLine(shape)) expect(parseDateLine(t), `date ${JSON.stringify(t)}`).toBeNull();
  };

  it('are necessary conditions on lines built from the recognisers\' tables', () => {
    let matched = 0;
    for (const t of crafted) {
      checkGates(t);
      if (isSignoffLine(t) || parseByline(t) || parseDateLine(t)) matched++;
    }
    // the crafted lines reach every recogniser's matching paths
    expect(matched).toBeGreaterThan(crafted.length / 3);
  });

  it('are necessary conditions on generated lines', () => {
    fc.assert(fc.property(generated, checkGates), { numRuns: 4000 });
  });

  it('still reject ordinary lines (they are gates, not pass-throughs)', () => {
    const t = 'Markets rally as investors cheer the data';
    const shape = lineShape(t);
    expect([mayBeSignoffLine(t, shape), mayBeByline(t, shape)]).toEqual([false, false]);
    expect(mayBeDateLine(lineShape('Sign in'))).toBe(false);
    expect(mayBeDateLine(lineShape('Sign in yesterday'))).toBe(true);
  });

  it('leave recogniseLine as the ungated recognisers would', () => {
    fc.assert(fc.property(generated, (t) => {
      const l = lineOf(t);
      measureLine(l);
      recogniseLine(l);
      const gated = l.words <= META_MAX_WORDS && !l.textLike;
      expect(l.signoffLine).toEqual(gated ? isSignoffLine(l.text) : null);
      expect(l.byline).toEqual(gated ? parseByline(l.text) : null);
      expect(l.dateLine).toEqual(gated ? parseDateLine(l.text) : null);
    }), { numRuns: 1000 });
  });
});

describe('media label and credit gates', () => {
  const creditLines = [
    ...CREDIT_LABELS.flatMap((l) => [`${l}: Jane Doe`, `${l}:Jane Doe`, `${l.toUpperCase()}: REUTERS`, `A boat at sea. ${l}: Jane Doe`, `${l}: Jane Doe | A boat at sea`]),
    ...CREDIT_BY_LABELS.flatMap((l) => [`${l} Jane Doe`, `A boat at sea. ${l.toUpperCase()} Jane Doe`]),
    ...PAREN_CREDIT_LEADS.flatMap((l) => [`(${l}/Jane Doe)`, `A boat at sea (${l}: Jane Doe).`, `(${l}/Jane Doe) A boat at sea`]),
    ...SLASH_CREDIT_AGENCIES.flatMap((a) => [`${a}/Jane Doe`, `A boat at sea. ${a}/Jane Doe/File Photo`]),
    ...STANDALONE_CREDITS.flatMap((c) => [c, `A boat at sea. ${c}`]),
    ...TRAILING_CREDIT_JUNK.flatMap((j) => [`REUTERS/Jane Doe ${j}`, `A boat at sea ${j}`, j, j.toLowerCase(), `Alamy ${j}`, `A boat (Handout) ${j.toUpperCase()}`]),
    ...PAREN_CREDIT_LEADS.flatMap((l) => [`(${l}) A boat at sea`, `(${l} Jane Doe) A boat at sea`]),
    'Image source, Getty Images', 'Image copyright Reuters', 'Bildquelle: dpa', '(c) Acme Ltd', 'A boat at sea (c) Jane Doe',
    'Doug Mills/The New York Times', 'Photo illustration by Jane Doe', 'Credit...', 'Credit…', '[1/2] A boat', '1/5 A boat',
    'Image caption, A boat', 'Photo 3 of 12: A boat', 'Video: A boat', 'Enlarge this image', 'toggle caption', 'Image 2 of 9',
  ];
  const pieces = [...new Set(creditLines.flatMap((l) => l.split(' '))), ':', '/', '(', ')', '.', 'a', 'the', 'boat'];
  const generated = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));

  const check = (t: string): void => {
    if (!mayBeMediaLabel(t)) expect(stripMediaLabel(t), `media ${JSON.stringify(t)}`).toBeNull();
    if (!mayBeCredit(t)) expect(findCredit(t), `credit ${JSON.stringify(t)}`).toBeNull();
  };

  it('read the first characters of every MEDIA_LABELS regex', () => {
    for (const re of MEDIA_LABELS) expect(firstCharsOf(re), re.source).not.toBeNull();
    expect(firstCharsOf(/^(?:Ab|cd)x|^\d/i)).toBe('Ac0123456789ac0123456789AC0123456789');
    // an optional first atom or an unanchored alternative gives no gate
    expect(firstCharsOf(/^a?b/)).toBeNull();
    expect(firstCharsOf(/^ab|cd/)).toBeNull();
  });

  it('are necessary conditions on credit and label lines built from the tables', () => {
    let matched = 0;
    for (const t of creditLines) {
      check(t);
      if (findCredit(t) || stripMediaLabel(t)) matched++;
    }
    expect(matched).toBeGreaterThan(creditLines.length / 2);
  });

  it('are necessary conditions on generated lines', () => {
    fc.assert(fc.property(generated, check), { numRuns: 4000 });
  });

  it('reject a plain sentence', () => {
    const t = 'The council met on Tuesday to discuss the budget.';
    expect([mayBeMediaLabel(t), mayBeCredit(t)]).toEqual([true, false]);
    expect(mayBeMediaLabel('Zebra crossings closed')).toBe(false);
  });

  it('leave recogniseLine as the ungated recognisers would', () => {
    fc.assert(fc.property(generated, (t) => {
      const l = lineOf(t);
      measureLine(l);
      recogniseLine(l);
      const media = stripMediaLabel(l.text);
      expect(l.mediaLabel).toEqual(media);
      expect(l.credit).toEqual(findCredit(stripTrailingLabel(media ? media.rest : l.text)));
    }), { numRuns: 1000 });
  });
});

describe('normaliseLine printable-ASCII fast path', () => {
  it('gives what collapsing space runs and trimming gives', () => {
    const ascii = fc.string({ unit: fc.constantFrom(' ', ' ', 'a', 'B', '1', '.', '~', '\t', '\u007f', 'é'), maxLength: 12 });
    fc.assert(fc.property(ascii, (t) => {
      if (PRINTABLE_ASCII_RE.test(t)) expect(normaliseLine(t)).toBe(t.replace(/ {2,}/g, ' ').trim());
    }), { numRuns: 3000 });
    for (const t of ['', ' ', 'a', ' a', 'a ', 'a  b', 'a b', '  ']) expect(normaliseLine(t), JSON.stringify(t)).toBe(t.replace(/ {2,}/g, ' ').trim());
  });
});

describe('markListRuns', () => {
  it('marks the same runs as comparing every line with the one before', () => {
    const page = ['Intro line that is long enough to be prose in this text here.', '- one thing', '- two thing', '- three thing', '- four thing',
      'June 9 -- Venue A', 'June 10 -- Venue B', 'June 11 -- Venue C', 'June 12 -- Venue D', 'End.'].join('\n');
    const lines = splitLines(page).lines;
    for (const l of lines) measureLine(l);
    markListRuns(lines);
    expect(lines.map((l) => l.listRun)).toEqual([false, true, true, true, true, true, true, true, true, false]);
  });
});

describe('body word count from the feature scan', () => {
  it('equals wordCount of the body', () => {
    const pages = [
      'A title for the page here\n\nThe council met on Tuesday to discuss the budget for the year ahead and more.\n\nIt agreed to spend more on the roads, and less on the parks, said the mayor. REUTERS',
      '東京の会議\n\n東京で2025年に会議が開かれました。多くの人が参加しました、と主催者は述べた。\n\nThe meeting in Tokyo drew many people from abroad, the organisers said today.',
      'Title of the piece\n\nSecond para with numbers 12 and 3.5 and more words to be prose-like here today.\n\n(AP) — Third paragraph ends here with the agency sign-off and some more text. (AP)',
    ];
    for (const p of pages) {
      const r = clean(p);
      expect(r.wordCount, p.slice(0, 20)).toBe(wordCount(r.body));
    }
    fc.assert(fc.property(fc.array(trickyText, { minLength: 1, maxLength: 8 }), (parts) => {
      const r = clean(parts.join('\n\n'));
      expect(r.wordCount).toBe(wordCount(r.body));
    }), { numRuns: 300 });
  });
});

describe('first-unit gates of the role and tags-header checks', () => {
  const roles = [...CONTRIBUTOR_AUTHOR_ROLES, ...CONTRIBUTOR_OTHER_ROLES];

  it('parseContributors still finds a role line in any case, bracketed or dashed', () => {
    for (const r of roles) {
      for (const t of [`${r} Jane Doe`, `${r.toUpperCase()} JANE DOE`, `${r.charAt(0).toUpperCase()}${r.slice(1)} Jane Doe`, `${r.charAt(0)}${r.slice(1).toUpperCase()} Jane Doe`, `(${r} Jane Doe)`, `— ${r} Jane Doe`]) {
        expect(parseContributors(t), JSON.stringify(t)).not.toBeNull();
      }
    }
  });

  it('parseContributors rejects lines whose first letter starts no role', () => {
    for (const t of ['Jane Doe reported this', 'Xylophone by Jane', 'The reporting by Jane Doe', 'zebra', 'R', 'Re', 'Rx by Jane']) expect(parseContributors(t), t).toBeNull();
  });

  /** isTagsHeader written plainly. */
  const referenceTagsHeader = (l: Line): boolean => l.words <= 3 && TAG_HEADERS.has(l.text.toLowerCase().replace(/[\s:.]+$/u, ''));
  const checkTags = (t: string): void => {
    const l = lineOf(t.trim() === '' ? 'x' : t);
    measureLine(l);
    expect(isTagsHeader(l), JSON.stringify(l.text)).toBe(referenceTagsHeader(l));
  };

  it('isTagsHeader agrees with the plain check on the headers, decorated', () => {
    let headers = 0;
    for (const h of TAG_HEADERS) {
      for (const t of [h, h.toUpperCase(), `${h}:`, `${h.charAt(0).toUpperCase()}${h.slice(1)} :`, `${h}.`, ` ${h}`, `x${h}`, `${h} x`, `• ${h}`]) {
        checkTags(t);
        if (referenceTagsHeader(lineOf(t))) headers++;
      }
    }
    // the headers themselves are found (the gate cannot pass by rejecting everything)
    expect(headers).toBeGreaterThanOrEqual(TAG_HEADERS.size * 3);
  });

  it('isTagsHeader agrees with the plain check on generated lines', () => {
    const piece = fc.oneof(fc.constantFrom(...TAG_HEADERS), fc.constantFrom(...TRICKY), fc.string({ maxLength: 3 }));
    fc.assert(fc.property(fc.tuple(piece, piece, fc.constantFrom('', ':', ' .', ' : ')), ([a, b, c]) => checkTags(`${a}${b}${c}`)), { numRuns: 2000 });
  });
});

describe('trimQuotes', () => {
  const QUOTE_TRIM_RE = /^["'“”‘’«»„\s]+|["'“”‘’«»„\s]+$/gu;
  const ends = ['', '"', "'", '“', '”', '‘', '’', '«', '»', '„', ' ', '\u00a0', '\u3000', '\t', '\ufeff', '\u2028', '「', '—', '😀', '\uD800'];

  it('agrees with the regex it replaces on quoted, spaced and bare texts', () => {
    let trimmed = 0;
    for (const a of ends) for (const b of ends) for (const core of ['', 'A quote', '“', 'x', 'It’s “fine”', ' ', '😀']) {
      const t = `${a}${b}${core}${b}${a}`;
      const want = t.replace(QUOTE_TRIM_RE, '');
      expect(trimQuotes(t), JSON.stringify(t)).toBe(want);
      if (want !== t) trimmed++;
    }
    expect(trimmed).toBeGreaterThan(1000);
  });

  it('agrees with the regex on generated texts', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...ends), fc.constantFrom(...TRICKY)), { maxLength: 8 }), (parts) => {
      const t = parts.join('');
      expect(trimQuotes(t)).toBe(t.replace(QUOTE_TRIM_RE, ''));
    }), { numRuns: 3000 });
  });
});
