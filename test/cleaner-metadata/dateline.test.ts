import { describe, expect, it } from 'vitest';
import { findDateline } from '../../cleaner/metadata/index.ts';

// [line, agency, text that must follow the dateline]
const DATELINES: readonly (readonly [string, string | null, string])[] = [
  ['OSLO, April 3 (Reuters) - The ferry operator said on Thursday', 'Reuters', 'The ferry operator'],
  ['(Bloomberg) -- Copper prices slid for a third day', 'Bloomberg', 'Copper prices'],
  ['Lorient (AFP) – Les pêcheurs bretons ont bloqué le port', 'AFP', 'Les pêcheurs'],
  ['(ANSA) - BOLOGNA, 4 APR - Il consiglio regionale ha approvato', 'ANSA', 'Il consiglio'],
  ['【西川原共同】町は４日、新しい除雪車を導入した。', 'Kyodo', '町は'],
  ['SEVILLA, 4 abr (EFE).- La Junta ha anunciado hoy', 'EFE', 'La Junta'],
  ['Hamburg (dpa) - Der Hafen meldet einen Rekord', 'dpa', 'Der Hafen'],
  ['Rostock (dpa/mv) - Die Fähre nach Gedser fällt aus', 'dpa', 'Die Fähre'],
  ['KOLKATA, Feb 9 (PTI) The state government on Sunday', 'PTI', 'The state'],
  ['WINNIPEG — The province will freeze hydro rates', null, 'The province'],
  ['DUBLIN (AP) — Irish lawmakers voted late Tuesday', 'AP', 'Irish lawmakers'],
  ['GRAND FORKS, N.D. (AP) — A spring flood crest arrived', 'AP', 'A spring'],
  ['Surabaya (ANTARA) - Pemerintah kota meresmikan taman baru', 'Antara', 'Pemerintah'],
  ['Porto, 4 abr 2025 (Lusa) - A câmara aprovou hoje', 'Lusa', 'A câmara'],
  ['(부산=연합뉴스) 김민준 기자 = 부산시는 4일 새 버스 노선을', 'Yonhap', '부산시는'],
  ['新华社上海4月4日电（记者李明）上海市政府宣布', 'Xinhua', '上海市政府'],
  ['САМАРА, 4 апреля — Городские власти объявили', null, 'Городские'],
  ['Toronto (The Canadian Press) - Ontario will spend', 'The Canadian Press', 'Ontario'],
  ['［大阪　４日　ロイター］ - 関西の百貨店売上高は', 'Reuters', '関西の'],
  ['【AFP=時事】仏政府は４日、', 'AFP', '仏政府は'],
  ['LONDON, April 4 (Reuters Breakingviews) - Banks face', 'Reuters', 'Banks face'],
  ['NAPOLI, 4 APR - Il sindaco ha firmato', null, 'Il sindaco'],
  ['UTRECHT (ANP) - Het college wil de brug', 'ANP', 'Het college'],
];

describe('findDateline', () => {
  it.each(DATELINES)('%j', (line, agency, following) => {
    const found = findDateline(line);
    expect(found).not.toBeNull();
    expect(found?.agency).toBe(agency);
    expect(line.slice(found?.end ?? 0).startsWith(following)).toBe(true);
  });

  it('counts leading whitespace into end', () => {
    expect(findDateline('  OSLO (Reuters) - Text follows here')?.end).toBe('  OSLO (Reuters) - '.length);
  });

  it.each([
    ['The harbour (AP) - is not a dateline because it opens with a lowercase word'],
    ['BREAKING — Flood barriers fail on the east bank'],
    ['UPDATE 2 — Copper slides'],
    ['By the end of the day (maybe) - nothing happened'],
    ['Lorient (photo) – Les pêcheurs'],
    ['I — for one — disagree.'],
    ['OK — fine.'],
    ["EDITOR'S NOTE — This story is part of a series on rural schools"],
    ['Meanwhile — the river rose.'],
    ['(Updates with analyst comment in fifth paragraph)'],
    ['【PR】春の新作バッグが登場'],
    [''],
  ])('no dateline in %j', (line) => {
    expect(findDateline(line)).toBeNull();
  });
});

describe('findDateline fast paths (gates implied by the anchored patterns)', () => {
  // A line is only matched when its first character can open a pattern (a bracket, 新, an upper-case
  // letter, or any non-ASCII character); PLACE_AGENCY needs a round bracket, CAPS_ONLY a second capital.
  it.each([
    ['  (Bloomberg) -- Stocks fell', 'Bloomberg', 17],
    ['\u3000【ワシントン共同】米国', 'Kyodo', 10],
    ['[Reuters] text', 'Reuters', 10],
    ['新华社北京3月12日电 记者', 'Xinhua', 12],
    ["O'HARE, Ill. — A crash", null, 15],
    ['ÉVORA — A', null, 8],
    ['São Paulo (EFE).- El', 'EFE', 18],
    ['Brest （AFP） – Le', 'AFP', 14],
  ])('%j', (line, agency, end) => {
    expect(findDateline(line)).toEqual({ agency, end });
  });

  it.each([['the WARSAW (Reuters) - x'], ['"WARSAW (Reuters) - x'], ['Toronto — The'], ['1 TORONTO — x']])('%j has none', (line) => {
    expect(findDateline(line)).toBeNull();
  });
});
