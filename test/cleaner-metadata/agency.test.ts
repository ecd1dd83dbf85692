import { describe, expect, it } from 'vitest';
import { canonicalAgency } from '../../cleaner/metadata/index.ts';

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
