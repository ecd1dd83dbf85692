import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { franc } from 'franc-min';
import { detectLanguage } from '../../cleaner/metadata/index.ts';
import { ISO639_3_TO_1, TRIGRAM_LANGUAGES } from '../../cleaner/metadata/tables/languages.ts';
import { TRIGRAM_MODELS } from '../../cleaner/metadata/tables/trigrams.ts';

// Original sentences written for these tests (no publisher text).
const CASES: readonly (readonly [string, string])[] = [
  ['en', 'The harbour board voted on Tuesday to close the old ferry pier after inspectors found cracks in two of its concrete pillars.'],
  ['es', 'El ayuntamiento aprobó el martes el cierre del viejo muelle tras encontrar grietas en dos de sus pilares de hormigón.'],
  ['de', 'Der Gemeinderat hat am Dienstag beschlossen, den alten Fähranleger zu schließen, nachdem Prüfer Risse in zwei Pfeilern gefunden hatten.'],
  ['fr', 'Le conseil municipal a voté mardi la fermeture du vieux ponton après que des inspecteurs ont découvert des fissures dans deux piliers.'],
  ['pt', 'A câmara municipal votou na terça-feira o encerramento do velho cais depois de os inspetores encontrarem fissuras em dois pilares.'],
  ['it', 'Il consiglio comunale ha votato martedì la chiusura del vecchio pontile dopo che gli ispettori hanno trovato crepe in due piloni.'],
  ['nl', 'De gemeenteraad heeft dinsdag besloten de oude veerpier te sluiten nadat inspecteurs scheuren in twee betonnen pijlers hadden gevonden.'],
  ['id', 'Dewan kota memutuskan pada hari Selasa untuk menutup dermaga lama setelah petugas menemukan retakan pada dua tiang betonnya.'],
  ['ru', 'Городской совет во вторник проголосовал за закрытие старого причала после того, как инспекторы нашли трещины в двух опорах.'],
  ['ja', '市議会は火曜日、点検で２本の橋脚にひびが見つかったことを受け、古い桟橋を閉鎖することを決めた。'],
  ['ko', '시의회는 화요일 점검에서 교각 두 곳에 균열이 발견됨에 따라 오래된 부두를 폐쇄하기로 결정했다.'],
  ['zh', '市议会周二投票决定关闭旧码头，因为检查人员在两根混凝土桥墩上发现了裂缝。'],
];

describe('detectLanguage', () => {
  it.each(CASES)('detects %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it.each([[''], ['   '], ['12345 67 890'], ['OK'], ['Share'], ['https://example.org/a/b/c?x=1']])('returns und for %j', (text) => {
    expect(detectLanguage(text)).toBe('und');
  });

  it('ignores URLs and e-mail addresses when deciding', () => {
    const text = `${'https://example.com/very/long/path '.repeat(20)} Der Gemeinderat hat am Dienstag beschlossen, den alten Anleger zu schließen.`;
    expect(detectLanguage(text)).toBe('de');
  });

  it('decides Japanese by kana even when Han characters dominate', () => {
    expect(detectLanguage('北海道東川原町で自動運転バスの実証運行が始まった。')).toBe('ja');
  });

  it('the generated trigram table holds exactly the whitelisted models (run scripts/build-language-table.ts)', () => {
    const generated = Object.fromEntries(Object.entries(TRIGRAM_MODELS).map(([script, models]) => [script, Object.keys(models)]));
    expect(generated).toEqual(TRIGRAM_LANGUAGES);
  });

  it.each(CASES.filter(([lang]) => !['ja', 'ko', 'zh'].includes(lang)))('agrees with franc-min restricted to the whitelist (%s)', (_lang, text) => {
    const script = /\p{Script=Cyrillic}/u.test(text) ? 'Cyrillic' : 'Latin';
    const only = [...(TRIGRAM_LANGUAGES[script] ?? [])];
    expect(detectLanguage(text)).toBe(ISO639_3_TO_1[franc(text, { only, minLength: 1 })]);
  });

  it('only looks at a bounded prefix of very long text', () => {
    const text = CASES[1]?.[1].repeat(2000) ?? '';
    expect(detectLanguage(text)).toBe('es');
  });

  // closestLanguage cleans the sample unit by unit (a lower-case table) and scores with a hash
  // table: text whose lower case depends on context ('Σ', 'İ', surrogates) takes the string path.
  // Either way the answer must be franc's, whatever the case, accents and punctuation.
  const WORDS = [
    'the', 'harbour', 'board', 'voted', 'close', 'ferry', 'der', 'Gemeinderat', 'schließen', 'Fähranleger', 'le', 'conseil',
    'fermeture', 'découvert', 'piliers', 'el', 'ayuntamiento', 'aprobó', 'cierre', 'muelle', 'câmara', 'encerramento',
    'inspetores', 'consiglio', 'chiusura', 'pontile', 'gemeenteraad', 'besloten', 'veerpier', 'dewan', 'memutuskan',
    'dermaga', 'İstanbul', 'ΣΟΦΙΑ', 'σας', 'Ünïcödé', 'naïve', 'façade', '’quoted’', '“Zitat”', '12:30', '2025', '#tag',
    '(note)', '\u{1F600}', '\u{10400}', 'x\u00a0y', 'a\u2028b', '\u212Aelvin',
  ];
  const textArb = fc.array(
    fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom('lower', 'upper', 'as-is'), fc.constantFrom(' ', '  ', ', ', '. ', '\n', ' - ')),
    { minLength: 12, maxLength: 120 },
  ).map((parts) => parts.map(([w, c, sep]) => (c === 'lower' ? w.toLowerCase() : c === 'upper' ? w.toUpperCase() : w) + sep).join(''));

  it('agrees with franc-min on generated Latin text in any case, with accents, symbols and context-dependent lower cases', () => {
    const only = [...(TRIGRAM_LANGUAGES.Latin ?? [])];
    let checked = 0;
    fc.assert(
      fc.property(textArb, (text) => {
        // only text both detectors score with the Latin models
        if ((text.match(/\p{Script=Latin}/gu) ?? []).length < 40 || (text.match(/\p{Script=Greek}/gu) ?? []).length * 3 > text.length) return;
        checked++;
        expect(detectLanguage(text)).toBe(ISO639_3_TO_1[franc(text, { only, minLength: 1 })]);
      }),
      { seed: 20261128, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(200);
  });

  it.each([
    ['İ lower-cases to two units (i + U+0307)', 'SİN de Bİr is in İİİ dan de İnİ İn İİİ İndİ de in İs İn İt İnİ İndİ'],
    ['final sigma', 'ΣΑΣ the harbour board voted to close the old ferry pier ΟΔΟΣ after inspectors found cracks'],
    ['a lone surrogate', 'the harbour board \uD800voted to close the old ferry pier after inspectors found cracks'],
  ])('agrees with franc-min when the lower case depends on context: %s', (_what, text) => {
    const only = [...(TRIGRAM_LANGUAGES.Latin ?? [])];
    expect(detectLanguage(text)).toBe(ISO639_3_TO_1[franc(text, { only, minLength: 1 })]);
  });

  // Every unit of the Latin models, rare letters included (the direct table indexes them all):
  // original sentences in the other whitelisted languages must get franc's answer too.
  it.each([
    ['vi', 'Hội đồng thành phố đã bỏ phiếu vào thứ Ba để đóng cửa bến phà cũ sau khi các thanh tra viên phát hiện vết nứt trên hai cột bê tông. Người dân được khuyên dùng cầu tàu mới ở phía bắc.'],
    ['pl', 'Rada miasta przegłosowała we wtorek zamknięcie starego mola po tym, jak inspektorzy znaleźli pęknięcia w dwóch betonowych filarach. Mieszkańcy mają korzystać z nowej przystani.'],
    ['cs', 'Městská rada v úterý odhlasovala uzavření starého mola poté, co inspektoři našli trhliny ve dvou betonových pilířích. Obyvatelé mají používat nové přístaviště na severu.'],
    ['hu', 'A városi tanács kedden megszavazta a régi móló bezárását, miután az ellenőrök repedéseket találtak két betonoszlopon. A lakóknak az új kikötőt kell használniuk.'],
    ['ro', 'Consiliul local a votat marți închiderea vechiului debarcader după ce inspectorii au găsit fisuri în doi stâlpi de beton. Locuitorii vor folosi noul ponton din nord.'],
    ['tr', 'Belediye meclisi salı günü, müfettişlerin iki beton sütunda çatlak bulmasının ardından eski iskeleyi kapatma kararı aldı. Sakinlerin kuzeydeki yeni iskeleyi kullanması istendi.'],
    ['sv', 'Kommunfullmäktige röstade på tisdagen för att stänga den gamla färjebryggan sedan inspektörer hittat sprickor i två betongpelare. Invånarna ska använda den nya bryggan.'],
    ['hr', 'Gradsko vijeće u utorak je izglasalo zatvaranje starog pristaništa nakon što su inspektori pronašli pukotine na dva betonska stupa. Građani će koristiti novi gat na sjeveru.'],
  ])('agrees with franc-min on %s text with rare letters', (_lang, text) => {
    const only = [...(TRIGRAM_LANGUAGES.Latin ?? [])];
    const expected = ISO639_3_TO_1[franc(text, { only, minLength: 1 })];
    expect(detectLanguage(text)).toBe(expected);
    expect(detectLanguage(text.toUpperCase())).toBe(ISO639_3_TO_1[franc(text.toUpperCase(), { only, minLength: 1 })]);
  });

  /** franc's rank distance written plainly (string trigrams, Maps), over the Latin models: the reference. */
  function referenceLatin(text: string): string {
    const cleaned = ` ${text.slice(0, 2048).replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} `;
    const counts = new Map<string, number>();
    for (let i = 0; i + 3 <= cleaned.length; i++) counts.set(cleaned.slice(i, i + 3), (counts.get(cleaned.slice(i, i + 3)) ?? 0) + 1);
    let best = 'und';
    let bestDistance = Infinity;
    for (const [code, model] of Object.entries(TRIGRAM_MODELS.Latin ?? {})) {
      const ranks = new Map<string, number>();
      model.split('|').forEach((t, r) => ranks.set(t, r));
      let d = 0;
      for (const [t, c] of counts) d += ranks.has(t) ? Math.abs(c - (ranks.get(t) ?? 0) - 1) : 300;
      if (d < bestDistance) { bestDistance = d; best = code; }
    }
    return ISO639_3_TO_1[best] ?? 'und';
  }

  it('agrees with the plain rank distance on random text over every unit of the Latin models (close calls)', () => {
    const units = [...new Set(Object.values(TRIGRAM_MODELS.Latin ?? {}).join('').replace(/\|/g, ''))];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units, ' ', ' ', 'e', 'a'), { minLength: 60, maxLength: 400 }).map((xs) => xs.join('')), (text) => {
        expect(detectLanguage(text)).toBe(referenceLatin(text));
      }),
      { seed: 20261128, numRuns: 400 },
    );
  });
});
