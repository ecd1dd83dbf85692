/**
 * S3 event notifications delivered through SQS: parse one SQS message body into the object
 * events the ingest path acts on.
 *
 * The schema is deliberately narrower than Powertools' `S3Schema`: it requires only the fields
 * this function reads. Powertools' schema also requires `userIdentity`, `responseElements` and an
 * IPv4 `sourceIPAddress`, so an upload over IPv6 (or s3rver's `::ffff:127.0.0.1`) would fail
 * validation and park a perfectly good event in the DLQ.
 */
import { z } from 'zod';
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

const S3TestEventSchema = z.looseObject({ Event: z.literal(TEST_EVENT_NAME) });
const S3NotificationSchema = z.looseObject({ Records: z.array(S3RecordSchema) });

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
  if (S3TestEventSchema.safeParse(json).success) {
    return { records: [], ignored: [{ eventName: TEST_EVENT_NAME, reason: 'test-event' }] };
  }
  const parsed = S3NotificationSchema.safeParse(json);
  if (!parsed.success) {
    throw new EventParseError(`SQS message body is not an S3 event notification: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }

  const records: S3ObjectEvent[] = [];
  const ignored: IgnoredS3Event[] = [];
  for (const rec of parsed.data.Records) {
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
