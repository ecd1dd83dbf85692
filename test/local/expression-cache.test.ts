import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedParse, type ExpressionParser, type ParseContext } from '../../local/expression-cache.ts';
import { WRITE_CONDITION } from '../../functions/shared/article-store.ts';

const require = createRequire(import.meta.url);
/** dynalite's own parser module; the tests wrap their own copy of its parse, never the shared one. */
const parserModule = require('dynalite/db/conditionParser') as ExpressionParser;
const { compare } = require('dynalite/db') as { compare: unknown };
const raw: ExpressionParser = { parse: (input, options) => parserModule.parse(input, options) };

const NAMES = { '#id': 'articleId', '#seq': 'sourceSequencer', '#cvk': 'cleanerVersionKey' };

/** A fresh context as dynalite's validateExpressions builds it (every name and value unused). */
function context(vals: Record<string, object>, names: Record<string, string> = NAMES): ParseContext & Record<string, unknown> {
  return {
    attrNames: names,
    attrVals: vals,
    unusedAttrNames: Object.fromEntries(Object.keys(names).map((k) => [k, true])),
    unusedAttrVals: Object.fromEntries(Object.keys(vals).map((k) => [k, true])),
    isReserved: () => false,
    compare,
  };
}

/** Parse result (or thrown message) and the unused sets afterwards. */
function outcome(parse: ExpressionParser['parse'], input: string, ctx: ParseContext) {
  let result: unknown;
  try {
    result = parse(input, { context: ctx });
  } catch (err) {
    result = `threw: ${(err as Error).message}`;
  }
  return { result, unusedAttrNames: { ...ctx.unusedAttrNames }, unusedAttrVals: { ...ctx.unusedAttrVals } };
}

const value = fc.oneof(
  fc.string().map((S) => ({ S })),
  fc.integer().map((n) => ({ N: String(n) })),
  fc.boolean().map((BOOL) => ({ BOOL })),
);

describe('dynalite condition-expression parse cache', () => {
  it('gives what a fresh parse gives for the write condition, whatever the values (after the first parse)', () => {
    const parse = cachedParse(raw);
    outcome(parse, WRITE_CONDITION, context({ ':seq': { S: 'template' }, ':cvk': { S: 'template' } }));
    fc.assert(
      fc.property(value, value, (seq, cvk) => {
        const vals = { ':seq': seq, ':cvk': cvk };
        expect(outcome(parse, WRITE_CONDITION, context(vals))).toEqual(outcome(raw.parse, WRITE_CONDITION, context(structuredClone(vals))));
      }),
    );
  });

  it('carries this request\'s value objects, never the first request\'s', () => {
    const parse = cachedParse(raw);
    parse('#seq < :seq', { context: context({ ':seq': { S: 'first' } }, { '#seq': 'sourceSequencer' }) });
    const second = { S: 'second' };
    const tree = parse('#seq < :seq', { context: context({ ':seq': second }, { '#seq': 'sourceSequencer' }) }) as {
      expression: { args: unknown[] };
    };
    expect(tree.expression.args[1]).toBe(second);
  });

  it('matches fresh parses over other expressions, names, unused names/values and errors', () => {
    const cases: Array<[string, Record<string, string>, Record<string, object>]> = [
      ['attribute_not_exists(#id)', NAMES, { ':seq': { S: 'a' } }], // unused value: an error, not cached
      ['#a.#b[1] = :v AND size(#a) > :n', { '#a': 'x', '#b': 'y' }, { ':v': { S: 's' }, ':n': { N: '3' } }],
      ['#a IN (:v, :w)', { '#a': 'x' }, { ':v': { S: 's' }, ':w': { S: 't' } }],
      ['#a BETWEEN :lo AND :hi', { '#a': 'x' }, { ':lo': { N: '1' }, ':hi': { N: '2' } }],
      ['attribute_type(#a, :t)', { '#a': 'x' }, { ':t': { S: 'S' } }],
      ['begins_with(#a, :v)', { '#a': 'x' }, { ':v': { N: '1' } }], // type error, from the types alone
      ['#a = = :v', { '#a': 'x' }, { ':v': { S: 's' } }], // syntax error
    ];
    const parse = cachedParse(raw);
    for (const [input, names, vals] of cases) {
      for (let run = 0; run < 3; run++) {
        // Vary the values (same types) between runs: BETWEEN's order flips on the last run.
        const varied = Object.fromEntries(
          Object.entries(vals).map(([k, v]) => [k, 'N' in v && k === ':lo' && run === 2 ? { N: '5' } : 'S' in v && k !== ':t' ? { S: `${(v as { S: string }).S}${run}` } : v]),
        );
        expect(outcome(parse, input, context(varied, names)), `${input} run ${run}`).toEqual(outcome(raw.parse, input, context(structuredClone(varied), names)));
      }
    }
  });

  it('stays correct (inert) with a parser that copies the values into its tree', () => {
    let calls = 0;
    const copying: ExpressionParser = {
      parse: (input, options) => {
        calls++;
        return JSON.parse(JSON.stringify(parserModule.parse(input, options))) as unknown;
      },
    };
    const parse = cachedParse(copying);
    for (const S of ['a', 'b', 'c']) {
      const ctx = context({ ':seq': { S } }, { '#seq': 'sourceSequencer' });
      const tree = parse('#seq < :seq', { context: ctx }) as { expression: { args: unknown[] } };
      expect(tree.expression.args[1]).toEqual({ S });
    }
    expect(calls).toBe(3);
  });

  it('parses once per (expression, names, value types)', () => {
    let calls = 0;
    const counting: ExpressionParser = { parse: (input, options) => (calls++, parserModule.parse(input, options)) };
    const parse = cachedParse(counting);
    for (let i = 0; i < 5; i++) parse(WRITE_CONDITION, { context: context({ ':seq': { S: `${i}` }, ':cvk': { S: 'k' } }) });
    expect(calls).toBe(1);
    parse(WRITE_CONDITION, { context: context({ ':seq': { N: '1' }, ':cvk': { S: 'k' } }) });
    expect(calls).toBe(2);
  });
});
