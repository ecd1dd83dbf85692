/**
 * The hand-written shape check of s3-event.ts against the zod schema it replaced (zod is kept out
 * of the handler's bundle; it may stay in tests). Both must accept and refuse the same bodies and
 * describe the problems in the same words: the EventParseError messages (and the DLQ triage that
 * reads them) did not change when zod left the handler.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatShapeIssues, s3NotificationIssues } from '../../functions/shared/s3-event.ts';
import { s3Record } from './helpers.ts';

/** The zod schema s3-event.ts used until the bundle diet, verbatim. */
const S3RecordSchema = z.looseObject({
  eventSource: z.literal('aws:s3').optional(),
  eventName: z.string().min(1),
  eventTime: z.string().optional(),
  s3: z.looseObject({
    bucket: z.looseObject({ name: z.string().min(1) }),
    object: z.looseObject({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().optional(),
      versionId: z.string().nullish(),
      sequencer: z.string().optional(),
    }),
  }),
});
const S3NotificationSchema = z.looseObject({ Records: z.array(S3RecordSchema) });

/** zod's verdict, in the same form as ours: '' when valid, else the prettified issues. */
function zodVerdict(json: unknown): string {
  const r = S3NotificationSchema.safeParse(json);
  return r.success ? '' : z.prettifyError(r.error);
}

function ourVerdict(json: unknown): string {
  const issues = s3NotificationIssues(json);
  return issues.length === 0 ? '' : formatShapeIssues(issues);
}

/** Paths (into one notification) of every field the schema looks at, plus a few it ignores. */
const PATHS: ReadonlyArray<ReadonlyArray<string | number>> = [
  [],
  ['Records'],
  ['Records', 0],
  ['Records', 1],
  ['Records', 0, 'eventSource'],
  ['Records', 0, 'eventName'],
  ['Records', 0, 'eventTime'],
  ['Records', 0, 's3'],
  ['Records', 0, 's3', 'bucket'],
  ['Records', 0, 's3', 'bucket', 'name'],
  ['Records', 0, 's3', 'object'],
  ['Records', 0, 's3', 'object', 'key'],
  ['Records', 0, 's3', 'object', 'size'],
  ['Records', 0, 's3', 'object', 'eTag'],
  ['Records', 0, 's3', 'object', 'versionId'],
  ['Records', 0, 's3', 'object', 'sequencer'],
  ['Records', 1, 's3', 'object', 'size'],
  ['Records', 0, 'userIdentity'],
];

const JSON_VALUES = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, '', 'aws:s3', 'x', 0, -1, 1.5, -2.5, 1e999, 42, true, [], {}, [1], { name: 'b' }),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -5, max: 5 }),
);

function setAt(root: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof root !== 'object' || root === null) return root;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  if (rest.length > 0 && !(head! in copy)) return copy; // only damage what exists (JSON has no holes)
  const next = setAt(copy[head!], rest, value);
  if (next === undefined && rest.length === 0) delete copy[head!];
  else copy[head!] = next;
  return copy;
}

const validNotification = () => ({ Records: [s3Record({ key: 'a+b.txt' }), s3Record({ key: 'gone.txt', eventName: 'ObjectRemoved:Delete', versionId: 'v1' })] });

describe('s3NotificationIssues agrees with the zod schema it replaced', () => {
  it.each([
    ['a valid notification', validNotification()],
    ['an empty object', {}],
    ['an array', []],
    ['null', null],
    ['a number', 5],
    ['Records not an array', { Records: 5 }],
    ['a null record', { Records: [null] }],
    ['several problems at several depths', { Records: [{ eventSource: 'x', eventName: '', s3: { object: { size: -1.5, versionId: 5 } } }] }],
    ['an infinite size', { Records: [{ eventName: 'a', s3: { bucket: { name: 'b' }, object: { key: 'k', size: 1e999 } } }] }],
    ['a negative size', { Records: [{ eventName: 'a', s3: { bucket: { name: 'b' }, object: { key: 'k', size: -1 } } }] }],
    ['s3 as an array', { Records: [{ eventName: 'a', s3: [] }] }],
  ])('%s', (_what, json) => {
    expect(ourVerdict(json)).toBe(zodVerdict(json));
  });

  it('on random damage to a valid notification (same verdict, same words)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), JSON_VALUES), { minLength: 1, maxLength: 4 }), (edits) => {
        let json: unknown = validNotification();
        for (const [path, value] of edits) json = setAt(json, path, value);
        expect(ourVerdict(json)).toBe(zodVerdict(json));
      }),
      { numRuns: 3000 },
    );
  });
});
