import { describe, expect, it } from 'vitest';
import { isSignoffLine, splitSignoff } from '../../cleaner/metadata/index.ts';

describe('splitSignoff', () => {
  it.each([
    ['The ferry will resume service once the pier is repaired. REUTERS', 'The ferry will resume service once the pier is repaired.', 'Reuters'],
    ['Il consiglio regionale ha approvato il piano per le piste ciclabili (ANSA).', 'Il consiglio regionale ha approvato il piano per le piste ciclabili', 'ANSA'],
    ['Les pêcheurs reprendront la mer lundi, selon la préfecture. (AFP)', 'Les pêcheurs reprendront la mer lundi, selon la préfecture.', 'AFP'],
    ['La Junta prevé abrir el nuevo centro de salud en otoño. EFE', 'La Junta prevé abrir el nuevo centro de salud en otoño.', 'EFE'],
    ['The co-op expects to pay its first dividend next year. — AP', 'The co-op expects to pay its first dividend next year.', 'AP'],
    ['Die Fähre nach Gedser soll ab Montag wieder fahren. dpa', 'Die Fähre nach Gedser soll ab Montag wieder fahren.', 'dpa'],
    ['“We will be back,” the skipper said. (Reuters)', '“We will be back,” the skipper said.', 'Reuters'],
    ['Pemerintah kota berencana membuka taman kedua tahun depan. (ANTARA)', 'Pemerintah kota berencana membuka taman kedua tahun depan.', 'Antara'],
    ['The shipyard did not respond to requests for comment. Bloomberg', 'The shipyard did not respond to requests for comment.', 'Bloomberg'],
  ])('%j', (line, text, agency) => {
    expect(splitSignoff(line)).toEqual({ text, agency });
  });

  it.each([
    ['She moved to a farm near Harrisburg, PA'],
    ['The fund was set up with money from Reuters.'],
    ['I first read about it on Reuters'],
    ['The figures were first published by the Associated Press (AP).'],
    ['He said so. AP'],
    ['It rained all week. Anyway'],
    ['REUTERS'],
    ['Short. AFP'],
    ['The union will meet again on Thursday.'],
    ['Prices rose 3% in March (CP).'],
  ])('no sign-off in %j', (line) => {
    expect(splitSignoff(line)).toBeNull();
  });
});

describe('isSignoffLine', () => {
  it.each([
    ['jmp/sbk/rmb', null], ['ab/cd', null], ['PTI KRS MNB', 'PTI'], ['© dpa-infocom, dpa:250404-930-112233/1', 'dpa'],
    ['dpa:250404-99-556677/3', 'dpa'], ['REUTERS', 'Reuters'], ['(AFP)', 'AFP'], ['— AP', 'AP'], ['(ANSA).', 'ANSA'],
    ['EFE', 'EFE'], ['EFE ab/cd', 'EFE'], ['AFP xyz/abc', 'AFP'], ['(PA)', 'PA Media'],
    ['This report by The Canadian Press was first published April 4, 2025.', 'The Canadian Press'],
  ])('%j -> %s', (line, agency) => {
    expect(isSignoffLine(line)).toEqual({ agency });
  });

  it.each([
    ['(Reporting by Jane Doe; Editing by John Roe)'], ['and/or'], ['PA'], ['Share'], ['Reuters Plus sponsored content'],
    ['© 2025 Reuters. All rights reserved'], ['The agency said the ferry will run.'], [''],
  ])('%j is not a sign-off line', (line) => {
    expect(isSignoffLine(line)).toBeNull();
  });
});

describe('sign-off fast paths (gates implied by the anchored patterns)', () => {
  // isSignoffLine tries each anchored pattern only when the line's first/last characters allow it;
  // splitSignoff looks the forced capture (bracketed text or last token) up before running its regex.
  it.each([
    ['this report by The Canadian Press was first published March 12, 2025.', 'The Canadian Press'],
    ['THIS REPORT BY THE CANADIAN PRESS WAS FIRST PUBLISHED MARCH 12, 2025.', 'The Canadian Press'],
    ['© dpa-infocom, dpa:250312-99-123456/2', 'dpa'],
    ['dpa:250312-99-123456/2', 'dpa'],
    ['jmp/sbk/rmb', null],
    ['PTI JSK SSK', 'PTI'],
    ['(EFE) ab/cd', 'EFE'],
    ['Xinhua JSK', 'Xinhua'],
    ['\uff08\u5171\u540c\uff09', 'Kyodo'],
    ['\u2014 AP', 'AP'],
    ['/dpa', 'dpa'],
  ])('%j is a sign-off line (%s)', (line, agency) => {
    expect(isSignoffLine(line)).toEqual({ agency });
  });

  it.each([['and/or'], ['PA'], ['Reuters Reuters Reuters Reuters Reuters Reuters Reuters'], ['Ümit']])('%j is not', (line) => {
    expect(isSignoffLine(line)).toBeNull();
  });

  it.each([
    ['The deal was signed on Tuesday. \u2014AP', 'AP'],
    ['The deal was signed on Tuesday. \u2014 AP', 'AP'],
    ['The deal was signed on Tuesday. -REUTERS', 'Reuters'],
    ['The deal was signed on Tuesday. (AFP).', 'AFP'],
    ['The deal was signed on Tuesday (Reuters)', 'Reuters'],
    ['The deal was signed on Tuesday. ( dpa )', 'dpa'],
  ])('%j ends with a sign-off (%s)', (line, agency) => {
    expect(splitSignoff(line)?.agency).toBe(agency);
  });

  it('bounds its look-back by the longest capture (30 bracketed, 25 bare characters)', () => {
    const para = 'これは長い段落です。';
    expect(splitSignoff(`${para.repeat(3)} 共同`)?.agency).toBe('Kyodo');
    expect(splitSignoff(`${para.repeat(30)}共同`)).toBeNull();
    expect(splitSignoff(`The deal was signed on Tuesday. (${' '.repeat(10)}AFP${' '.repeat(17)})`)?.agency).toBe('AFP');
    expect(splitSignoff(`The deal was signed on Tuesday. (${' '.repeat(10)}AFP${' '.repeat(18)})`)).toBeNull();
  });

  it.each([['The deal was signed on Tuesday. x\u2014AP'], ['The deal was signed on Tuesday. (AFP)(x)'], ['The deal was signed on Tuesday. )AFP)']])(
    '%j does not',
    (line) => {
      expect(splitSignoff(line)).toBeNull();
    },
  );
});
