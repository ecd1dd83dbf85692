import { describe, expect, it } from 'vitest';
import { canonicalAgency } from '../../cleaner/metadata/index.ts';
import { isWhitespaceUnit } from '../../cleaner/metadata/spaces.ts';

describe('canonicalAgency', () => {
  it.each([
    ['Reuters', 'Reuters'], ['REUTERS', 'Reuters'], ['(Reuters)', 'Reuters'],
    ['Associated Press', 'AP'], ['The Associated Press', 'AP'], ['AP', 'AP'], ['the associated press', 'AP'],
    ['AFP', 'AFP'], ['Agence France-Presse', 'AFP'], ['Agence France–Presse', 'AFP'],
    ['Bloomberg', 'Bloomberg'], ['Bloomberg News', 'Bloomberg'],
    ['dpa', 'dpa'], ['Deutsche Presse-Agentur', 'dpa'], ['dpa-infocom', 'dpa'], ['dpa/sn', 'dpa'], ['(dpa/lno)', 'dpa'],
    ['EFE', 'EFE'], ['Agencia EFE', 'EFE'], ['ANSA', 'ANSA'], ['ANP', 'ANP'],
    ['Kyodo', 'Kyodo'], ['Kyodo News', 'Kyodo'], ['共同', 'Kyodo'], ['共同通信', 'Kyodo'],
    ['PA Media', 'PA Media'], ['Press Association', 'PA Media'], ['PA Sport Staff', 'PA Media'],
    ['PTI', 'PTI'], ['Press Trust of India', 'PTI'],
    ['The Canadian Press', 'The Canadian Press'], ['CP', 'The Canadian Press'],
    ['ANTARA', 'Antara'], ['Antara News', 'Antara'], ['Lusa', 'Lusa'], ['Agência Lusa', 'Lusa'],
    ['Yonhap', 'Yonhap'], ['연합뉴스', 'Yonhap'], ['Xinhua', 'Xinhua'], ['新华社', 'Xinhua'],
    ['  The  Associated   Press ', 'AP'],
  ])('%j -> %s', (name, canonical) => {
    expect(canonicalAgency(name)).toBe(canonical);
  });

  it.each([
    ['ap'], ['Ap'], ['pa'], ['antara'], ['lusa'], ['cp'], ['APPLE'], ['Reutersville'], ['Mapa'], ['Share'], [''], ['By Jane Doe'],
    ['x'.repeat(500)],
  ])('%j is not an agency', (name) => {
    expect(canonicalAgency(name)).toBeNull();
  });
});

describe('agency lookup fast paths (gates implied by the lookups)', () => {
  // The punctuation trim runs only when an end holds one of its characters (whitespace included);
  // the exact forms only for strings as short as the longest; the folded names only when an ASCII
  // name has the length and first letter of one (a double space or non-ASCII text is folded first);
  // the desk suffix only with a slash.
  it.each([
    ['\u3000Reuters', 'Reuters'], ['Reuters\u00a0', 'Reuters'], ['\u2028AFP', 'AFP'], ['REUTERS', 'Reuters'], ['The  Associated Press', 'AP'],
    [' (AFP) ', 'AFP'], ['Agence France\u2013Presse', 'AFP'], ['AGENCE FRANCE-PRESSE', 'AFP'], ['(dpa/lno)', 'dpa'], ['AFP/Reuters', 'AFP'],
    ['Algemeen Nederlands Persbureau', 'ANP'], ['ALGEMEEN  NEDERLANDS  PERSBUREAU', 'ANP'], ['Kantor Berita Antara/abc', 'Antara'],
    ['\u00abXinhua\u00bb', 'Xinhua'], ["'PA'", 'PA Media'], ['\u5171\u540c\u901a\u4fe1\u793e', 'Kyodo'],
  ])('%j -> %s', (name, canonical) => {
    expect(canonicalAgency(name)).toBe(canonical);
  });

  it.each([['Algemeen Nederlands Persbureaux'], ['pa'], ['Reuters News Today'], ['Reutersx'], ['xReuters']])('%j is none', (name) => {
    expect(canonicalAgency(name)).toBeNull();
  });

  it('isWhitespaceUnit is exactly what \\s matches, for every UTF-16 unit', () => {
    for (let c = 0; c < 0x10000; c++) expect(isWhitespaceUnit(c)).toBe(/\s/u.test(String.fromCharCode(c)));
  });
});
