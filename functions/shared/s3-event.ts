/**
 * S3 event notifications delivered through SQS: parse one SQS message body into the object
 * events the ingest path acts on.
 *
 * The shape check is deliberately narrower than Powertools' `S3Schema`: it requires only the fields
 * this function reads. Powertools' schema also requires `userIdentity`, `responseElements` and an
 * IPv4 `sourceIPAddress`, so an upload over IPv6 (or s3rver's `::ffff:127.0.0.1`) would fail
 * validation and park a perfectly good event in the DLQ.
 *
 * It is hand-written rather than zod: zod was ~450 KB of the handler's ~1.3 MB bundle for a dozen
 * field checks. It behaves like the zod schema it replaced (kept in test/functions/s3-event-shape.test.ts,
 * which checks both agree, messages included): unknown fields pass, every problem is reported as
 * "✖ <message>\n  → at <path>", in zod's words.
 */
import { EventParseError } from './errors.ts';

/** Sequencers are right-padded to this many hex digits so that string order is event order. */
export const SEQUENCER_WIDTH = 32;

/** Sequencer used when an event carries none: sorts before every real one. */
export const MISSING_SEQUENCER = '0'.repeat(SEQUENCER_WIDTH);

/** Event-name prefixes and what they mean for the record. */
const EVENT_ACTIONS: ReadonlyArray<readonly [prefix: string, action: S3ObjectAction]> = [
  ['ObjectCreated:', 'created'], // Put, Post, Copy, CompleteMultipartUpload
  ['ObjectRemoved:', 'removed'], // Delete, DeleteMarkerCreated
  ['LifecycleExpiration:', 'removed'], // Delete, DeleteMarkerCreated
];

const TEST_EVENT_NAME = 's3:TestEvent';

// ---- shape validation (a tiny subset of zod's semantics and messages) ----

type Path = ReadonlyArray<string | number>;

/** One problem found in a message body: where, and what (zod's wording). */
export interface ShapeIssue {
  readonly path: Path;
  readonly message: string;
}

/** Checks `value` at `path`, appending problems to `issues`. */
type Check = (value: unknown, path: Path, issues: ShapeIssue[]) => void;

/** zod's name for the type of a value in "received …". */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : 'Infinity';
  return typeof value;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const expected = (what: string, value: unknown): string => `Invalid input: expected ${what}, received ${typeName(value)}`;

/** A string; `minLength` 1 refuses ''. */
const str =
  (minLength = 0): Check =>
  (value, path, issues) => {
    if (typeof value === 'string') {
      if (value.length < minLength) issues.push({ path, message: `Too small: expected string to have >=${minLength} characters` });
      return;
    }
    issues.push({ path, message: expected('string', value) });
    // zod's length check also runs on a non-string that has a length: an empty array gets a second issue.
    if (Array.isArray(value) && value.length < minLength) issues.push({ path, message: `Too small: expected array to have >=${minLength} items` });
  };

/** A finite non-negative integer. */
const nonNegativeInt: Check = (value, path, issues) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) issues.push({ path, message: expected('number', value) });
  else if (!Number.isInteger(value)) issues.push({ path, message: 'Invalid input: expected int, received number' });
  else if (value < 0) issues.push({ path, message: 'Too small: expected number to be >=0' });
};

const literal =
  (text: string): Check =>
  (value, path, issues) => {
    if (value !== text) issues.push({ path, message: `Invalid input: expected ${JSON.stringify(text)}` });
  };

/** Absent (undefined) is fine; with `nullable`, null too. */
const optional =
  (check: Check, nullable = false): Check =>
  (value, path, issues) => {
    if (value === undefined || (nullable && value === null)) return;
    check(value, path, issues);
  };

/** An object with at least these fields (others pass: zod's looseObject). Fields are checked in order. */
const looseObject =
  (shape: Readonly<Record<string, Check>>): Check =>
  (value, path, issues) => {
    if (!isRecord(value)) {
      issues.push({ path, message: expected('object', value) });
      return;
    }
    for (const [name, check] of Object.entries(shape)) check(value[name], [...path, name], issues);
  };

const arrayOf =
  (item: Check): Check =>
  (value, path, issues) => {
    if (!Array.isArray(value)) issues.push({ path, message: expected('array', value) });
    else for (let i = 0; i < value.length; i++) item(value[i], [...path, i], issues);
  };

/** The fields of one notification record this function reads. */
const S3_RECORD = looseObject({
  eventSource: optional(literal('aws:s3')),
  eventName: str(1),
  eventTime: optional(str()),
  s3: looseObject({
    bucket: looseObject({ name: str(1) }),
    object: looseObject({
      key: str(1),
      size: optional(nonNegativeInt),
      eTag: optional(str()),
      versionId: optional(str(), true),
      sequencer: optional(str()),
    }),
  }),
});

const S3_NOTIFICATION = looseObject({ Records: arrayOf(S3_RECORD) });

/** The fields of S3_RECORD, typed (what the checks above guarantee). */
interface S3NotificationRecord {
  readonly eventName: string;
  readonly eventTime?: string;
  readonly s3: {
    readonly bucket: { readonly name: string };
    readonly object: {
      readonly key: string;
      readonly size?: number;
      readonly eTag?: string;
      readonly versionId?: string | null;
      readonly sequencer?: string;
    };
  };
}

function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** zod's prettifyError: one "✖ message" per issue (shallowest first), with "→ at path" when not the root. */
export function formatShapeIssues(issues: readonly ShapeIssue[]): string {
  return [...issues]
    .sort((a, b) => a.path.length - b.path.length)
    .map((i) => (i.path.length === 0 ? `✖ ${i.message}` : `✖ ${i.message}\n  → at ${formatPath(i.path)}`))
    .join('\n');
}

/** Problems of `json` as an S3 notification; [] when it is one. */
export function s3NotificationIssues(json: unknown): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  S3_NOTIFICATION(json, [], issues);
  return issues;
}

export type S3ObjectAction = 'created' | 'removed';

/** One object event, with the key decoded and the sequencer normalised. */
export interface S3ObjectEvent {
  readonly action: S3ObjectAction;
  /** As S3 sends it, e.g. "ObjectCreated:CompleteMultipartUpload". */
  readonly eventName: string;
  readonly eventTime: string | null;
  readonly bucket: string;
  /** The object key, URL-decoded ("+" is a space). */
  readonly key: string;
  /** The key exactly as it appeared in the event. */
  readonly rawKey: string;
  /** Object size in bytes (absent from delete events). */
  readonly size: number | null;
  /** ETag without quotes (absent from delete events). */
  readonly eTag: string | null;
  /** Present when the bucket is versioned. */
  readonly versionId: string | null;
  /** Normalised with `normaliseSequencer`; MISSING_SEQUENCER when the event had none. */
  readonly sequencer: string;
}

/** An event we received and deliberately did nothing with. */
export interface IgnoredS3Event {
  readonly eventName: string;
  readonly reason: 'test-event' | 'unsupported-event';
}

export interface ParsedS3Message {
  readonly records: readonly S3ObjectEvent[];
  readonly ignored: readonly IgnoredS3Event[];
}

/**
 * Uppercase hex, right-padded with '0' to SEQUENCER_WIDTH: S3 says to compare sequencers of one
 * key by right-padding the shorter one, so after this plain string comparison orders events.
 */
export function normaliseSequencer(sequencer: string): string {
  const hex = sequencer.trim().toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex)) throw new EventParseError(`sequencer is not hexadecimal: ${JSON.stringify(sequencer)}`);
  if (hex.length > SEQUENCER_WIDTH) {
    throw new EventParseError(`sequencer longer than ${SEQUENCER_WIDTH} hex digits: ${JSON.stringify(sequencer)}`);
  }
  return hex.padEnd(SEQUENCER_WIDTH, '0');
}

/** S3 URL-encodes keys in notifications and writes spaces as "+". */
export function decodeS3Key(rawKey: string): string {
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch (cause) {
    throw new EventParseError('object key in the event is not valid URL encoding', { cause, context: { key: rawKey } });
  }
}

function actionOf(eventName: string): S3ObjectAction | null {
  for (const [prefix, action] of EVENT_ACTIONS) if (eventName.startsWith(prefix)) return action;
  return null;
}

function stripQuotes(eTag: string): string {
  return eTag.replace(/^"(.*)"$/, '$1');
}

/**
 * Parses one SQS message body. `s3:TestEvent` and event types other than ObjectCreated/ObjectRemoved
 * come back in `ignored`; anything that is not an S3 notification throws EventParseError, so the
 * message fails, is retried and ends in the DLQ rather than being dropped.
 */
export function parseS3Message(body: string): ParsedS3Message {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new EventParseError('SQS message body is not JSON', { cause });
  }
  if (isRecord(json) && json.Event === TEST_EVENT_NAME) {
    return { records: [], ignored: [{ eventName: TEST_EVENT_NAME, reason: 'test-event' }] };
  }
  const issues = s3NotificationIssues(json);
  if (issues.length > 0) {
    // The issues name fields and indices only, never values from the message.
    throw new EventParseError(`SQS message body is not an S3 event notification: ${formatShapeIssues(issues)}`, {
      context: { issues: issues.map((i) => ({ path: formatPath(i.path), message: i.message })) },
    });
  }

  const records: S3ObjectEvent[] = [];
  const ignored: IgnoredS3Event[] = [];
  for (const rec of (json as { readonly Records: readonly S3NotificationRecord[] }).Records) {
    const action = actionOf(rec.eventName);
    if (action === null) {
      ignored.push({ eventName: rec.eventName, reason: 'unsupported-event' });
      continue;
    }
    const { bucket, object } = rec.s3;
    const key = decodeS3Key(object.key);
    let sequencer: string;
    try {
      sequencer = object.sequencer === undefined ? MISSING_SEQUENCER : normaliseSequencer(object.sequencer);
    } catch (cause) {
      throw new EventParseError('invalid sequencer in S3 event', { cause, context: { bucket: bucket.name, key } });
    }
    records.push({
      action,
      eventName: rec.eventName,
      eventTime: rec.eventTime ?? null,
      bucket: bucket.name,
      key,
      rawKey: object.key,
      size: object.size ?? null,
      eTag: object.eTag === undefined || object.eTag === '' ? null : stripQuotes(object.eTag),
      versionId: object.versionId ?? null,
      sequencer,
    });
  }
  return { records, ignored };
}
