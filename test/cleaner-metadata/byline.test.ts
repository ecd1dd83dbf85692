import { describe, expect, it } from 'vitest';
import { parseBareByline, parseByline, parseContributors } from '../../cleaner/metadata/index.ts';

// [line, authors, agencies]
const BYLINES: readonly (readonly [string, string[], string[]])[] = [
  ['By Helen Marsh', ['Helen Marsh'], []],
  ['By HELEN MARSH and OWEN PRICE', ['HELEN MARSH', 'OWEN PRICE'], []],
  ['By Helen Marsh, Reuters', ['Helen Marsh'], ['Reuters']],
  ['Helen Marsh | Reuters', ['Helen Marsh'], ['Reuters']],
  ['By OWEN PRICE Associated Press', ['OWEN PRICE'], ['AP']],
  ['Von Katrin Vogel', ['Katrin Vogel'], []],
  ['Von Katrin Vogel und Jonas Brandt', ['Katrin Vogel', 'Jonas Brandt'], []],
  ['Por Lucía Herrera', ['Lucía Herrera'], []],
  ['Por Lucía Herrera y Tomás Ibarra', ['Lucía Herrera', 'Tomás Ibarra'], []],
  ['Par Élodie Marchand', ['Élodie Marchand'], []],
  ['Oleh Rina Wulandari', ['Rina Wulandari'], []],
  ['Di Giulia Ferri', ['Giulia Ferri'], []],
  ['Door Pieter van den Berg', ['Pieter van den Berg'], []],
  ['Por João da Costa', ['João da Costa'], []],
  ['From Reuters', [], ['Reuters']],
  ['By The Associated Press', [], ['AP']],
  ['By PA Sport Staff', [], ['PA Media']],
  ['AFP', [], ['AFP']],
  ['EFE', [], ['EFE']],
  ['By Dr. Helen Marsh, Senior Correspondent', ['Helen Marsh'], []],
  ['By Prof. Owen Price', ['Owen Price'], []],
  ['Helen Marsh | Senior Science Editor', ['Helen Marsh'], []],
  ['Katrin Vogel, dpa', ['Katrin Vogel'], ['dpa']],
  ['by Owen Price', ['Owen Price'], []],
  ['BY HELEN MARSH', ['HELEN MARSH'], []],
  ['By Helen Marsh in Lisbon', ['Helen Marsh'], []],
  ['By Helen Marsh with AFP', ['Helen Marsh'], ['AFP']],
  ['By Helen Marsh, Owen Price and Ana Ruiz', ['Helen Marsh', 'Owen Price', 'Ana Ruiz'], []],
  ['Posted on 3 April 2025 by Mabel Quist', ['Mabel Quist'], []],
  ['Автор: Ирина Соколова', ['Ирина Соколова'], []],
  ['김민준 기자', ['김민준'], []],
  ['佐藤花子記者', ['佐藤花子'], []],
  ['Penulis: Rina Wulandari', ['Rina Wulandari'], []],
  ['Testo di Giulia Ferri', ['Giulia Ferri'], []],
  ['By J. R. Hartley', ['J. R. Hartley'], []],
  ["By Siobhan O'Neill-Byrne", ["Siobhan O'Neill-Byrne"], []],
  ['Written by Mabel Quist, MS, RD on April 2, 2025', ['Mabel Quist'], []],
  ['By Helen Marsh, PhD', ['Helen Marsh'], []],
  ['By Helen Marsh | April 4, 2025', ['Helen Marsh'], []],
  ['Tessa Lind, Business Insider', ['Tessa Lind'], []],
  ['Text: Katrin Vogel', ['Katrin Vogel'], []],
  ['Texto: Lucía Herrera', ['Lucía Herrera'], []],
  ['Par Élodie MARCHAND - AFP', ['Élodie MARCHAND'], ['AFP']],
  ['Redazione ANSA', [], ['ANSA']],
  ['Por Lusa', [], ['Lusa']],
  ['Pewarta: Rina Wulandari', ['Rina Wulandari'], []],
  ['Helen Marsh, PA Political Correspondent', ['Helen Marsh'], ['PA Media']],
  ['By Jean-Luc Moreau', ['Jean-Luc Moreau'], []],
];

describe('parseByline', () => {
  it.each(BYLINES)('%j', (line, authors, agencies) => {
    expect(parseByline(line)).toEqual({ authors, agencies });
  });

  it.each([
    ['By the end of the day, the pier was closed.'],
    ['By Monday, the river had risen by a metre.'],
    ['By 2030 the town wants every bus to be electric.'],
    ["By Owen's count, forty boats were lost."],
    ['By far the biggest change is the new timetable.'],
    ['From Monday the bridge will be closed to lorries.'],
    ['From the archive: the flood of 1953'],
    ['Por la mañana llovió en toda la provincia.'],
    ['Von der Leyen besucht Kiew'],
    ['Par ailleurs, la mairie a annoncé une hausse.'],
    ['Di tengah hujan, warga tetap datang.'],
    ['Door de regen werd de wedstrijd afgelast.'],
    ['PA'],
    ['Most Read'],
    ['Share this article'],
    ['By'],
    ['By signing up you agree to our terms'],
    ['By Tuesday Morning'],
    ['Bloomberg, Once a Tough Talker, Becomes a Pander Bear'],
    ['Text messages show the plan was agreed in March'],
    ['Reuters, Washington,'],
    ['Pankaj Mehta, Head of Research at Northmoor Securities, said the rally would not last.'],
    [''],
  ])('not a byline: %j', (line) => {
    expect(parseByline(line)).toBeNull();
  });
});

describe('parseBareByline', () => {
  it.each([
    ['Helen Marsh', ['Helen Marsh']],
    ['Helen Marsh and Owen Price', ['Helen Marsh', 'Owen Price']],
    ['Pieter van den Berg', ['Pieter van den Berg']],
  ])('%j', (line, authors) => {
    expect(parseBareByline(line)).toEqual({ authors });
  });

  it.each([
    ['Most Read'], ['Share'], ['Key events'], ['Sign up here.'], ['The river keepers'], ['Home'], ['Related topics'], ['By Helen Marsh'],
    ['FRANCE WINS'], ['Public Notices'], ['Media Contacts'], ['Harbourside Athletic'], ['Cookie Policy'], ['Morning Headlines'],
  ])(
    'not a bare byline: %j',
    (line) => {
      expect(parseBareByline(line)).toBeNull();
    },
  );
});

describe('parseContributors', () => {
  it.each([
    ['Reporting by Helen Marsh in Oslo and Owen Price in Bergen; Editing by Ana Ruiz', ['Helen Marsh', 'Owen Price']],
    ['(Reporting by Helen Marsh; Additional reporting by Owen Price; Editing by Ana Ruiz)', ['Helen Marsh']],
    ['Reporting by Helen Marsh, Owen Price and Ana Ruiz; Writing by Lena Holt; Editing by Bo Kim', ['Helen Marsh', 'Owen Price', 'Ana Ruiz', 'Lena Holt']],
    ['Editing by Ana Ruiz', []],
    ['Additional reporting by Owen Price', []],
    ['With assistance from Owen Price.', []],
    ['—With assistance from Owen Price.', []],
    ['Reporte de Lucía Herrera; Editado por Tomás Ibarra', ['Lucía Herrera']],
    ['(Bericht von Katrin Vogel, redigiert von Jonas Brandt)', ['Katrin Vogel']],
  ])('%j', (line, authors) => {
    expect(parseContributors(line)).toEqual({ authors });
  });

  it.each([
    ['Reporting on the flood was difficult for everyone.'],
    ['By Helen Marsh'],
    ['Editing the video took a week.'],
    ['Writing letters is a dying art.'],
  ])('not a contributors line: %j', (line) => {
    expect(parseContributors(line)).toBeNull();
  });
});

describe('parseContributors fast path (a role must open the first segment)', () => {
  // Unless a separator can open the stripped line (whitespace, ';', '.', '/'), its first segment is
  // a prefix of it: a line that does not start with a role is rejected before splitting.
  it.each([
    ['(Reporting by Jane Doe in Warsaw; Editing by John Roe)', ['Jane Doe']],
    ['\u2014 Reporting by Jane Doe', ['Jane Doe']],
    ['-- Reporting by Jane Doe', ['Jane Doe']],
    ['; Reporting by Jane Doe', ['Jane Doe']],
    ['. Reporting by Jane Doe', ['Jane Doe']],
    ['/ Reporting by Jane Doe', ['Jane Doe']],
    ['( Reporting by Jane Doe )', ['Jane Doe']],
    ['\uff08\u8a18\u8005\uff1a\u5c71\u7530\u592a\u90ce\uff09', []],
  ])('%j', (line, authors) => {
    expect(parseContributors(line)).toEqual({ authors });
  });

  it.each([['"Reporting by Jane Doe"'], ['1 Reporting by Jane Doe'], ['((Reporting by Jane Doe))']])('%j is none', (line) => {
    expect(parseContributors(line)).toBeNull();
  });
});

describe('agency with staff words (length gate before lower-casing the last word)', () => {
  it.each([
    ['By Reuters Staff', [], ['Reuters']], ['REUTERS STAFF', [], ['Reuters']], ['By PA Sport Staff', [], ['PA Media']],
    ['Reuters DES\u212a', [], ['Reuters']], ['By AFP Reporters', [], ['AFP']], ['Jane Doe, Reuters Staff', ['Jane Doe'], ['Reuters']],
  ])('%j', (line, authors, agencies) => {
    expect(parseByline(line)).toEqual({ authors, agencies });
  });

  it('a longer last word is not a staff word', () => {
    expect(parseByline('AFP Staffers')).toBeNull();
  });
});
