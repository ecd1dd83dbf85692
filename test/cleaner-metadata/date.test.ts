import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateLine } from '../../cleaner/metadata/index.ts';
import {
  RELATIVE_DATE, RELATIVE_DATE_ANCHORS, RELATIVE_DATE_WORDS, RELATIVE_DATE_WORDS_ANCHORS,
} from '../../cleaner/metadata/tables/dates.ts';

// [line, date, kind]
const DATE_LINES: readonly (readonly [string, string | null, 'published' | 'updated' | 'other'])[] = [
  ['April 4, 2025', '2025-04-04', 'other'],
  ['4 April 2025 09:15 GMT', '2025-04-04', 'other'],
  ['2025-04-04', '2025-04-04', 'other'],
  ['2025-04-04T09:15:00Z', '2025-04-04', 'other'],
  ['Published 04.04.2025, 09:15 Uhr', '2025-04-04', 'published'],
  ['Updated 5 hours ago', null, 'updated'],
  ['Apr 4, 2025 · 6 min read', '2025-04-04', 'other'],
  ['4 de abril de 2025', '2025-04-04', 'other'],
  ['Publicado el 4 de abril de 2025, 09:15', '2025-04-04', 'published'],
  ['Actualizado 04/04/2025 10:02', '2025-04-04', 'updated'],
  ['4 avril 2025', '2025-04-04', 'other'],
  ['Publié le 4 avril 2025 à 9h15', '2025-04-04', 'published'],
  ['Mis à jour le 5 avril 2025', '2025-04-05', 'updated'],
  ['4. April 2025', '2025-04-04', 'other'],
  ['Veröffentlicht am 04.04.2025', '2025-04-04', 'published'],
  ['Aktualisiert am 5. April 2025, 10:02 Uhr', '2025-04-05', 'updated'],
  ['4 de abril de 2025 às 09h15', '2025-04-04', 'other'],
  ['Atualizado em 05/04/2025', '2025-04-05', 'updated'],
  ['Pubblicato il 4 aprile 2025', '2025-04-04', 'published'],
  ['Gepubliceerd op 4 april 2025', '2025-04-04', 'published'],
  ['4 April 2025, 09:15 WIB', '2025-04-04', 'other'],
  ['Diperbarui 5 April 2025', '2025-04-05', 'updated'],
  ['Kamis, 3 Maret 2025 10:00 WIB', '2025-03-03', 'other'],
  ['4 апреля 2025 г.', '2025-04-04', 'other'],
  ['Обновлено 5 апреля 2025, 10:02', '2025-04-05', 'updated'],
  ['2025年4月4日 9時15分', '2025-04-04', 'other'],
  ['（2025年4月5日 10時02分 更新）', '2025-04-05', 'updated'],
  ['2025년 4월 4일 09:15', '2025-04-04', 'other'],
  ['입력 2025.04.04 09:15', '2025-04-04', 'published'],
  ['송고시간2025-04-04 09:15', '2025-04-04', 'published'],
  ['Publié le 04/04/2025 à 09h15, mis à jour le 05/04/2025 à 10h02', '2025-04-04', 'published'],
  ['Pubblicato il: 04/04/2025 09:15', '2025-04-04', 'published'],
  ['Last updated: 5 April 2025', '2025-04-05', 'updated'],
  ['Last updated on April 5, 2025', '2025-04-05', 'updated'],
  ['Posted on 4 April 2025 by Mabel Quist', '2025-04-04', 'published'],
  ['Fri 4 Apr 2025 09.15 BST', '2025-04-04', 'other'],
  ['April 4, 2025 at 9:15 a.m. EDT', '2025-04-04', 'other'],
  ['09:41, Fri, Apr 4, 2025 | UPDATED: 10:02, Fri, Apr 4, 2025', '2025-04-04', 'other'],
  ['Apr 4, 2025 Updated Apr 5, 2025', '2025-04-04', 'other'],
  ['Updated 10:02 BST', null, 'updated'],
  ['10:02 BST', null, 'other'],
  ['Apr 4', null, 'other'],
  ['hace 3 horas', null, 'other'],
  ['vor 2 Stunden', null, 'other'],
  ['3時間前', null, 'other'],
  ['2 jam lalu', null, 'other'],
];

describe('parseDateLine', () => {
  it.each(DATE_LINES)('%j', (line, date, kind) => {
    const got = parseDateLine(line);
    expect(got).not.toBeNull();
    expect(got?.date).toBe(date);
    expect(got?.kind).toBe(kind);
  });

  it('reads decomposed (NFD) month names', () => {
    expect(parseDateLine('4 de março de 2025'.normalize('NFD'))?.date).toBe('2025-03-04');
    expect(parseDateLine('4. März 2025'.normalize('NFD'))?.date).toBe('2025-03-04');
  });

  it('lists every absolute date with its own kind', () => {
    expect(parseDateLine('Apr 4, 2025 Updated Apr 5, 2025')?.dates).toEqual([
      { date: '2025-04-04', kind: 'other' },
      { date: '2025-04-05', kind: 'updated' },
    ]);
  });

  it.each([['5 min read'], ['Lesezeit: 4 Min.'], ['Listen to this article · 7 min'], ['Tiempo de lectura: 3 min']])('reading time %j', (line) => {
    expect(parseDateLine(line)).toEqual({ date: null, kind: 'other', readingTime: true });
  });

  it.each([
    ['04/13/2025', '2025-04-13'], // month-first only when day-first is impossible
    ['13/04/2025', '2025-04-13'],
    ['04/05/2025', '2025-05-04'], // ambiguous: day first
    ['04/05/2025 10:31 AM EDT', '2025-04-05'], // ambiguous but US-styled: month first
    ['Updated 4/5/2025, 5:02 p.m. ET', '2025-04-05'],
  ])('numeric order %j', (line, date) => {
    expect(parseDateLine(line)?.date).toBe(date);
  });

  it.each([
    ['The council met on April 4, 2025 to approve the plan for the pier.'],
    ['The night of 23 November'],
    ['Nobody was hurt in 2024.'],
    ['In 2025 prices rose 3.5% across the region.'],
    ['12:31 Ferry talks will resume on Thursday morning'],
    ['Harbourside Athletic 2'],
    ['2'],
    ['April 2025'],
    ['Share'],
    ['February 30, 2025 is not a date at all, says the clerk'],
    [''],
  ])('not a date line: %j', (line) => {
    expect(parseDateLine(line)).toBeNull();
  });

  it('rejects impossible calendar dates but keeps the line as a date line', () => {
    expect(parseDateLine('February 30, 2025')).toEqual({ date: null, kind: 'other', dates: [] });
  });
});

describe('parseDateLine fast paths (gates implied by the regexes)', () => {
  // ASCII lines skip RELATIVE_DATE unless one of its anchor words stands alone; READING_TIME unless
  // the line opens with a digit or a label's first letter; the bracket strip unless a bracket is there.
  it.each([
    ['3 HOURS AGO', null, 'other'],
    ['Updated 3 hours AGO', null, 'updated'],
    ['Chicago, 2 days ago', null, 'other'],
    ['Yesterday', null, 'other'],
    ['UPDATED YESTERDAY 10:31', null, 'updated'],
    ['(Updated 5 hours ago)', null, 'updated'],
    ['[12 March 2025]', '2025-03-12', 'other'],
    ['Vor 3 Stunden', null, 'other'],
    ['il y a 2 jours', null, 'other'],
    ['4 ore fa', null, 'other'],
    ['2 jam yang lalu', null, 'other'],
    ['3 uur geleden', null, 'other'],
    ['hace 2 horas', null, 'other'],
  ] as const)('%j is a date line', (line, date, kind) => {
    const m = parseDateLine(line);
    expect(m?.date).toBe(date);
    expect(m?.kind).toBe(kind);
  });

  it.each([['Chicago'], ['The player scored 3 goals'], ['Hierarchy of 12 needs'], ['favor 3']])('%j is not one', (line) => {
    expect(parseDateLine(line)).toBeNull();
  });

  it.each([['5 min read'], ['LESEZEIT: 3 MIN.'], ['Reading time 4 min'], ['(Listen to this article · 5 min)'], ['Tempo di lettura: 2 min']])(
    '%j is a reading time',
    (line) => {
      expect(parseDateLine(line)).toEqual({ date: null, kind: 'other', readingTime: true });
    },
  );

  const esc = (a: string): string => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ascii = (anchors: readonly string[]): readonly string[] => anchors.filter((a) => /^[\x20-\x7e]+$/.test(a));
  const anchorWord = (anchors: readonly string[]): RegExp =>
    new RegExp(`(?<![A-Za-z0-9_])(?:${ascii(anchors).map(esc).join('|')})(?![A-Za-z0-9_])`, 'i');
  const anyAnchor = (anchors: readonly string[]): RegExp => new RegExp(anchors.map(esc).join('|'), 'iu');
  const FRAGMENTS = [
    '3 ', '12', 'hours', 'hour ', 'days ', 'ago', 'AGO', 'Ago ', ' ', '  ', '\t', 'hace ', 'HACE ', 'há ', 'HÁ ', 'vor ', 'VOR ', 'il y a ', 'IL Y A ',
    'minuti ', ' fa', ' FA', 'uur ', 'geleden', 'jam ', 'yang ', 'lalu', 'LALU', 'Stunden', 'horas ', 'jours', 'yesterday', 'YESTERDAY', 'TODAY',
    'Just now', 'heute', 'hier', 'Hoy', "aujourd'hui", 'hari ini', 'x', '_', '-', '.', ',', 'Chicago', 'player', ' часа ', 'НАЗАД', 'назад', 'Вчера',
    '\u1c80чера', 'сегодня', '時間', '前', '시간', ' 전', 'ſ', '\u212a', 'é', '\u00a0',
  ];
  const isAscii = (s: string): boolean => /^[\x20-\x7e]*$/.test(s);
  it('every RELATIVE_DATE(_WORDS) match holds one of its anchors (standing alone as a word in ASCII text)', () => {
    const words = { all: anchorWord(RELATIVE_DATE_ANCHORS), words: anchorWord(RELATIVE_DATE_WORDS_ANCHORS) };
    const any = { all: anyAnchor(RELATIVE_DATE_ANCHORS), words: anyAnchor(RELATIVE_DATE_WORDS_ANCHORS) };
    let matched = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((xs) => xs.join('')), (s) => {
        if (RELATIVE_DATE.test(s)) {
          matched++;
          expect(any.all.test(s)).toBe(true);
          if (isAscii(s)) expect(words.all.test(s)).toBe(true);
        }
        if (RELATIVE_DATE_WORDS.test(s)) {
          expect(any.words.test(s)).toBe(true);
          if (isAscii(s)) expect(words.words.test(s)).toBe(true);
        }
      }),
      { seed: 20261128, numRuns: 8000 },
    );
    expect(matched).toBeGreaterThan(500);
  });

  it.each([['3 часа назад'], ['3時間前'], ['3시간 전'], ['HÁ 2 DIAS']])('%j is a relative date line', (line) => {
    expect(parseDateLine(line)).toMatchObject({ date: null });
  });

  // keywords are looked for only when one of their words occurs (a literal alternation with the
  // same iu flags); US_STYLE only once a day-month-year date is found.
  it.each([
    ['UPDATED 12.03.2025', '2025-03-12', 'updated'],
    ['Обновлено 5 апреля 2025', '2025-04-05', 'updated'],
    ['2025年1月15日 19時02分 更新', '2025-01-15', 'updated'],
    ['12.03.2025 수정', '2025-03-12', 'updated'],
    ['VERÖFFENTLICHT AM 04.04.2025', '2025-04-04', 'published'],
    ['aktualisiert 10:02 Uhr', null, 'updated'],
    ['3/12/2025 10:00 a.m.', '2025-03-12', 'other'],
    ['3/12/2025', '2025-12-03', 'other'],
    ['3/12/2025 EST', '2025-03-12', 'other'],
    ['PUBLISHED 3/12/2025 10:00 PM ET', '2025-03-12', 'published'],
    ['posted on 3 March 2025 by Ruth Kinsella', '2025-03-03', 'published'],
  ] as const)('%j -> %s (%s)', (line, date, kind) => {
    expect(parseDateLine(line)).toMatchObject({ date, kind });
  });

  // findDates tries a digit-led pattern only when the digit run's length and the next character
  // fit it, and a month-name pattern only when the ASCII letter run there is a month name.
  it.each([
    ['2025年3月12日', '2025-03-12'], ['2025 年 3 月 12 日', '2025-03-12'], ['2025-03-12T10:00Z', '2025-03-12'], ['2025/3/12', '2025-03-12'],
    ['12.03.2025', '2025-03-12'], ['3-12-2025', '2025-12-03'], ['12th March 2025', '2025-03-12'], ['12TH MARCH 2025', '2025-03-12'],
    ['1º de marzo de 2025', '2025-03-01'], ['12. März 2025', '2025-03-12'], ['12ſt March 2025', '2025-03-12'], ['Sept. 12, 2025', '2025-09-12'],
    ['MARCH 12, 2025', '2025-03-12'], ['mar 12 2025', '2025-03-12'], ['Mär 12, 2025', '2025-03-12'],
  ])('%j -> %s', (line, date) => {
    expect(parseDateLine(line)?.date).toBe(date);
  });

  it.each([['Marches 12, 2025'], ['12345 March 2025'], ['x12 March 2025']])('%j has no date', (line) => {
    expect(parseDateLine(line)?.date ?? null).toBeNull();
  });

  // NO_YEAR_DATE runs on an ASCII line only when it names a month (any case).
  it.each([
    ['Updated Jan 7, 10:31', 'updated'], ['JAN 7', 'other'], ['Published 7 MARCH', 'published'], ['Sept. 12', 'other'], ['12 de marzo', 'other'],
  ] as const)('%j is a date line without a date (%s)', (line, kind) => {
    expect(parseDateLine(line)).toEqual({ date: null, kind, dates: [] });
  });

  it.each([['The night of 23 November'], ['Chapter 3'], ['Top 10 things']])('%j is prose', (line) => {
    expect(parseDateLine(line)).toBeNull();
  });
});
