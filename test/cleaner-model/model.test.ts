import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bodyMask, bodyProbabilities, BODY_THRESHOLD, MODEL_VERSION, ModelWeightsError, smoothProbabilities,
  validateWeights, viterbiBody,
} from '../../cleaner/model/index.ts';
import { WEIGHTS } from '../../cleaner/model/weights.ts';
import { STOP_LISTS } from '../../cleaner/model/stopwords.ts';
import { FEATURE_NAMES, extractFeatures, maxSumRun, N_FEATURES } from '../../cleaner/model/features.ts';
import { buildStopTable } from '../../cleaner/model/stop-table.ts';
import { STAGE2_FEATURES } from '../../cleaner/model/linear.ts';

/** An invented page: navigation, headline, byline, six paragraphs, related links and a footer. */
const MENU = ['Skip to content', 'Home', 'News', 'Sport', 'Weather', 'Culture', 'Opinion', 'Search', 'Sign in', 'Subscribe'];
const HEAD = ['Lake town votes to rebuild its wooden pier', 'By Marta Quell', 'Published 4 March 2025, 09:14', 'Share'];
const PARAGRAPHS = [
  'Residents of Harrowmere voted on Tuesday to rebuild the wooden pier that was closed after a winter storm tore away half of its deck, ending a debate that had divided the lakeside town for almost two years.',
  'The council had proposed a concrete replacement, which engineers said would last longer and cost less to maintain, but a petition signed by more than 1,200 people asked for the original design to be kept.',
  'In the end 64 per cent of those who voted backed the timber option, and the mayor said the council would respect the result even though it meant raising the budget by about a fifth.',
  '"People here have walked on those boards since they were children, and they wanted their grandchildren to do the same," said one of the organisers of the petition, a retired boat builder.',
  'Work is expected to begin in the autumn, once the summer season is over, and the pier should reopen the following spring if the weather allows the crews to keep to their schedule.',
  'The fishing club, which lost its moorings when the pier closed, said it would raise money for new benches and a shelter at the far end, where anglers gather before dawn.',
];
const FOOTER = ['Related stories', 'Ferry timetable changes for the spring', 'Mayor opens new library wing', 'About us', 'Contact', 'Privacy policy', 'Cookie settings', '© 2025 Harrowmere Gazette. All rights reserved.'];

const PAGE = [...MENU, ...HEAD, ...PARAGRAPHS, ...FOOTER];
const FIRST_PARA = MENU.length + HEAD.length;

describe('bodyProbabilities on an invented page', () => {
  const p = bodyProbabilities(PAGE, 'en');

  it('returns one probability in [0, 1] per line', () => {
    expect(p).toBeInstanceOf(Float64Array);
    expect(p.length).toBe(PAGE.length);
    for (const v of p) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('scores the paragraphs above 0.5', () => {
    for (let i = FIRST_PARA; i < FIRST_PARA + PARAGRAPHS.length; i++) expect(p[i], PAGE[i]).toBeGreaterThan(0.5);
  });

  it('scores the menu and the footer below 0.5', () => {
    for (let i = 0; i < MENU.length; i++) expect(p[i], PAGE[i]).toBeLessThan(0.5);
    for (let i = FIRST_PARA + PARAGRAPHS.length; i < PAGE.length; i++) expect(p[i], PAGE[i]).toBeLessThan(0.5);
  });

  it('also works without a language, and bodyMask keeps exactly the paragraphs', () => {
    const q = bodyProbabilities(PAGE);
    for (let i = FIRST_PARA; i < FIRST_PARA + PARAGRAPHS.length; i++) expect(q[i]).toBeGreaterThan(0.5);
    const mask = bodyMask(PAGE, 'en');
    expect(PAGE.filter((_, i) => mask[i])).toEqual(PARAGRAPHS);
  });

  it('is deterministic', () => {
    expect(Array.from(bodyProbabilities(PAGE, 'en'))).toEqual(Array.from(p));
  });

  it('depends on context: a paragraph alone among menu lines scores lower than inside the article', () => {
    const lonely = [...MENU, PARAGRAPHS[0]!, ...FOOTER];
    const q = bodyProbabilities(lonely, 'en');
    expect(q[MENU.length]!).toBeLessThan(p[FIRST_PARA]!);
  });
});

describe('bodyProbabilities on odd input', () => {
  it('handles an empty page', () => {
    expect(bodyProbabilities([]).length).toBe(0);
  });

  it('never throws and keeps the length on arbitrary lines and languages', () => {
    fc.assert(fc.property(
      fc.array(fc.string({ unit: 'grapheme', maxLength: 80 }), { maxLength: 30 }),
      fc.option(fc.constantFrom('en', 'de', 'ja', 'zh', 'xx', '', 'EN-gb'), { nil: undefined }),
      (lines, lang) => {
        const p = bodyProbabilities(lines, lang);
        expect(p.length).toBe(lines.length);
        for (const v of p) expect(Number.isFinite(v)).toBe(true);
      },
    ), { numRuns: 200 });
  });

  it('copes with lone surrogates, control characters and one huge line', () => {
    const lines = ['\uD800', '\u0000\u0001', 'x'.repeat(100_000), '。！？', '…', '   '];
    const p = bodyProbabilities(lines, 'ja');
    expect(p.length).toBe(lines.length);
  });
});

describe('weights module', () => {
  it('has the shape the extractor expects', () => {
    expect(MODEL_VERSION).toBe(WEIGHTS.version);
    expect(MODEL_VERSION.length).toBeGreaterThan(0);
    expect(WEIGHTS.stage1.features).toEqual(FEATURE_NAMES);
    expect(WEIGHTS.stage1.weights.length).toBe(N_FEATURES);
    expect(WEIGHTS.stage1.mean.length).toBe(N_FEATURES);
    expect(WEIGHTS.stage1.scale.length).toBe(N_FEATURES);
    if (WEIGHTS.stage2) expect(WEIGHTS.stage2.features).toEqual(STAGE2_FEATURES);
    for (const v of [...WEIGHTS.stage1.weights, ...WEIGHTS.stage1.mean, ...WEIGHTS.stage1.scale, WEIGHTS.stage1.bias]) {
      expect(Number.isFinite(v)).toBe(true);
    }
    expect(BODY_THRESHOLD).toBeGreaterThan(0);
    expect(BODY_THRESHOLD).toBeLessThan(1);
  });

  it('rejects weights made for other features', () => {
    const bad = { ...WEIGHTS, stage1: { ...WEIGHTS.stage1, features: WEIGHTS.stage1.features.slice(1) } };
    expect(() => validateWeights(bad)).toThrow(ModelWeightsError);
  });

  it('ships stop-word lists for the common languages', () => {
    const langs = STOP_LISTS.map((l) => l.lang);
    for (const l of ['en', 'de', 'fr', 'es', 'ja']) expect(langs).toContain(l);
  });
});

describe('features and smoothing', () => {
  const stop = buildStopTable(STOP_LISTS);

  it('counts stop words of the given language', () => {
    const col = FEATURE_NAMES.indexOf('stopDensity');
    const de = extractFeatures(['Der Hund und die Katze sind in dem Haus'], stop, 'de');
    const en = extractFeatures(['Der Hund und die Katze sind in dem Haus'], stop, 'en');
    expect(de[col]!).toBeGreaterThan(en[col]!);
  });

  it('finds the max-sum run', () => {
    expect(maxSumRun(Float64Array.from([-1, 2, 3, -1, 4, -9, 1]))).toEqual([1, 5]);
    expect(maxSumRun(Float64Array.from([-1, -2]))).toEqual([0, 0]);
  });

  it('smoothing pulls an isolated dip inside a body region up, and Viterbi keeps the region whole', () => {
    const p = Float64Array.from([0.05, 0.05, 0.9, 0.9, 0.4, 0.9, 0.9, 0.05, 0.05]);
    const params = { switchProb: 0.05, prior: 0.3, sharpness: 1 };
    const s = smoothProbabilities(p, params);
    expect(s[4]!).toBeGreaterThan(p[4]!);
    expect(s[0]!).toBeLessThan(0.5);
    expect(Array.from(viterbiBody(p, params))).toEqual([0, 0, 1, 1, 1, 1, 1, 0, 0]);
  });
});
