/**
 * Wire agencies: canonical name -> the ways pages write it.
 *
 * `names` match case-insensitively when the whole candidate is the name (a parenthesised
 * dateline agency, a byline, a sign-off). `exact` forms match only in the case written:
 * they are short or are ordinary words in some language ("PA" = Pennsylvania, "antara" =
 * "between" in Indonesian, "lusa" = Portuguese). `risky` marks agencies that are never
 * accepted as a bare trailing sign-off (too many false positives); in parentheses they are.
 * `cjk` forms are matched without word boundaries (no spaces in Japanese/Chinese/Korean).
 */
export interface AgencyEntry {
  readonly canonical: string;
  readonly names: readonly string[];
  readonly exact: readonly string[];
  readonly cjk: readonly string[];
  readonly risky?: boolean;
}

export const AGENCIES: readonly AgencyEntry[] = [
  { canonical: 'Reuters', names: ['Reuters', 'Reuters News', 'Reuters Breakingviews'], exact: [], cjk: ['ロイター', '路透社', '路透', '로이터'] },
  {
    canonical: 'AP',
    names: ['Associated Press', 'The Associated Press', 'AP News'],
    exact: ['AP'],
    cjk: ['AP通信', '美联社', '美聯社', 'AP연합뉴스'],
    risky: true,
  },
  {
    canonical: 'AFP',
    names: ['Agence France-Presse', 'Agence France Presse', 'Agence France–Presse'],
    exact: ['AFP', 'Afp'],
    cjk: ['AFP時事', '法新社'],
  },
  { canonical: 'Bloomberg', names: ['Bloomberg', 'Bloomberg News'], exact: [], cjk: ['ブルームバーグ', '彭博社', '彭博'] },
  {
    canonical: 'dpa',
    names: ['Deutsche Presse-Agentur', 'Deutsche Presse Agentur', 'dpa-infocom', 'dpa-AFX'],
    exact: ['dpa', 'DPA'],
    cjk: [],
  },
  { canonical: 'EFE', names: ['Agencia EFE', 'Agência EFE'], exact: ['EFE', 'Efe'], cjk: [] },
  { canonical: 'ANSA', names: ['ANSA', 'Agenzia ANSA'], exact: [], cjk: [] },
  { canonical: 'ANP', names: ['Algemeen Nederlands Persbureau'], exact: ['ANP'], cjk: [] },
  { canonical: 'Kyodo', names: ['Kyodo', 'Kyodo News', 'Kyodo News Agency'], exact: [], cjk: ['共同通信社', '共同通信', '共同'] },
  {
    canonical: 'PA Media',
    names: ['PA Media', 'Press Association', 'PA Sport', 'PA Sport Staff', 'PA Reporters', 'PA Reporter', 'PA Wire'],
    exact: ['PA'],
    cjk: [],
    risky: true,
  },
  { canonical: 'PTI', names: ['Press Trust of India'], exact: ['PTI'], cjk: [] },
  { canonical: 'The Canadian Press', names: ['The Canadian Press', 'Canadian Press', 'La Presse Canadienne'], exact: ['CP'], cjk: [], risky: true },
  { canonical: 'Antara', names: ['Antara News', 'Kantor Berita Antara', 'ANTARA News'], exact: ['ANTARA', 'Antara'], cjk: [] },
  { canonical: 'Lusa', names: ['Agência Lusa', 'Agencia Lusa'], exact: ['Lusa', 'LUSA'], cjk: [] },
  { canonical: 'Yonhap', names: ['Yonhap', 'Yonhap News', 'Yonhap News Agency'], exact: [], cjk: ['연합뉴스', '聯合ニュース', '韩联社', '韓聯社'] },
  { canonical: 'Xinhua', names: ['Xinhua', 'Xinhua News Agency'], exact: [], cjk: ['新华社', '新華社', '新華社通信'] },
];

/**
 * Desk suffix after an agency: "(dpa/sn)", "(dpa/lno)", "(AFP/Reuters)" keeps the first agency.
 * Only a short slash suffix: "Bloomberg, Once a Tough Talker" is a headline, not an agency.
 */
export const AGENCY_DESK_SUFFIX = /^([^/]{2,40}?)\s?\/\s?[\p{L}.-]{1,12}$/u;
