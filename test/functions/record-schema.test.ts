/**
 * schema/article-record.schema.json is generated from the zod schema in
 * functions/shared/record-schema.ts. This test fails when they differ; run
 * `UPDATE_SCHEMA=1 npx vitest run test/functions/record-schema.test.ts` to rewrite the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildArticleRecord, buildTombstone } from '../../functions/shared/record.ts';
import { ARTICLE_STATUSES, REMOVAL_REASONS, articleRecordJsonSchema, parseArticleRecord } from '../../functions/shared/record-schema.ts';
import { OK_FIELDS, SOURCE } from './helpers.ts';

const SCHEMA_PATH = fileURLToPath(new URL('../../schema/article-record.schema.json', import.meta.url));

type JsonSchema = {
  $schema?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean;
};

if (process.env.UPDATE_SCHEMA === '1') {
  writeFileSync(SCHEMA_PATH, `${JSON.stringify(articleRecordJsonSchema(), null, 2)}\n`);
}
const committed = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JsonSchema;

/** A validator for the JSON Schema subset the record schema uses (type, properties, required, enum, items, pattern, minimum). */
function validate(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const typeOf = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
  const actual = typeOf(value);
  if (types.length > 0 && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
    return [`${path}: ${actual} is not ${types.join('|')}`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: pattern`);
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: minimum`);
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => errors.push(...validate(schema.items!, v, `${path}[${i}]`)));
  if (actual === 'object' && schema.properties) {
    const obj = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in obj)) errors.push(`${path}.${name}: required`);
    for (const [name, v] of Object.entries(obj)) {
      const sub = schema.properties[name];
      if (sub === undefined) {
        if (schema.additionalProperties === false) errors.push(`${path}.${name}: not allowed`);
      } else errors.push(...validate(sub, v, `${path}.${name}`));
    }
  }
  return errors;
}

describe('schema/article-record.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (UPDATE_SCHEMA=1 to regenerate)', () => {
    expect(committed).toEqual(articleRecordJsonSchema());
  });

  it('is draft 2020-12, closed, and requires every field but bodyRef', () => {
    expect(committed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(committed.additionalProperties).toBe(false);
    const props = Object.keys(committed.properties ?? {});
    expect(new Set(committed.required)).toEqual(new Set(props.filter((p) => p !== 'bodyRef')));
  });

  it('has the same status and removal-reason enums as the code', () => {
    expect(committed.properties?.status?.enum).toEqual([...ARTICLE_STATUSES]);
    expect(committed.properties?.removed?.items?.properties?.reason?.enum).toEqual([...REMOVAL_REASONS]);
  });

  it('accepts built records and tombstones, and they pass the zod invariants too', () => {
    const at = new Date('2026-11-28T06:30:15.123Z');
    const records = [
      buildArticleRecord(OK_FIELDS, SOURCE, at),
      buildTombstone(SOURCE, at, '1.0.0'),
      { ...buildArticleRecord(OK_FIELDS, SOURCE, at), body: '', removed: [], bodyOffloaded: true, bodyRef: { bucket: 'b', key: 'bodies/x/y.json', bytes: 10 } },
    ];
    for (const r of records) {
      expect(validate(committed, JSON.parse(JSON.stringify(r)))).toEqual([]);
      expect(() => parseArticleRecord(r)).not.toThrow();
    }
  });

  it('the mini validator catches violations (so the test above can fail)', () => {
    const r = JSON.parse(JSON.stringify(buildArticleRecord(OK_FIELDS, SOURCE, new Date()))) as Record<string, unknown>;
    expect(validate(committed, { ...r, status: 'gone' })).not.toEqual([]);
    expect(validate(committed, { ...r, wordCount: -1 })).not.toEqual([]);
    expect(validate(committed, { ...r, extra: true })).not.toEqual([]);
    const { title: _t, ...missing } = r;
    expect(validate(committed, missing)).not.toEqual([]);
  });
});
