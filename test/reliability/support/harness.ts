/**
 * Drives the real ingest handler (functions/ingest createHandler) the way SQS + Lambda do:
 * S3-shaped notification bodies (local/notifications.ts encodes keys as S3 does), a fresh
 * Lambda context per invocation, quiet Powertools logger and metrics.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import { createHandler, type IngestDeps } from '../../../functions/ingest/index.ts';
import { fakeLambdaContext } from '../../../local/lambda-context.ts';
import { toSqsMessageBody, type S3Change } from '../../../local/notifications.ts';

export const BUCKET = 'raw-articles';
export const BODIES = 'article-bodies';

export function quietLogger(): Logger {
  return new Logger({ serviceName: 'reliability-test', logLevel: 'SILENT' });
}

export function quietMetrics(): Metrics {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  return new Metrics({ serviceName: 'reliability-test', namespace: 'ReliabilityTest' });
}

export interface HarnessOptions {
  readonly s3: S3Client;
  readonly ddb: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly logger?: Logger;
  readonly maxObjectBytes?: number;
}

export type Invoke = (records: readonly SQSRecord[], opts?: { timeoutMs?: number }) => Promise<SQSBatchResponse>;

export function makeHandler(o: HarnessOptions): Invoke {
  const deps: IngestDeps = {
    s3: o.s3,
    ddb: o.ddb,
    config: { tableName: o.tableName, bodiesBucket: BODIES, ...(o.maxObjectBytes ? { maxObjectBytes: o.maxObjectBytes } : {}) },
    logger: o.logger ?? quietLogger(),
    metrics: quietMetrics(),
  };
  const handler = createHandler(deps);
  return async (records, opts = {}) => {
    const event: SQSEvent = { Records: [...records] };
    return handler(event, fakeLambdaContext({ timeoutMs: opts.timeoutMs ?? 30_000 }));
  };
}

/** One SQS record carrying the notification of `change`. */
export function sqsRecordFor(change: S3Change, messageId: string = randomUUID()): SQSRecord {
  return sqsRecordWithBody(toSqsMessageBody(change), messageId);
}

export function sqsRecordWithBody(body: string, messageId: string = randomUUID()): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:articles-ingest',
    awsRegion: 'us-east-1',
  };
}

export const failedIds = (r: SQSBatchResponse | void): string[] => (r?.batchItemFailures ?? []).map((f) => f.itemIdentifier).sort();

/** An original, clearly article-like text that the cleaner keeps (status ok). */
export function articleText(tag: string): string {
  return [
    `Harbour council update ${tag}`,
    '',
    `The harbour council met on Tuesday evening to discuss version ${tag} of the ferry timetable, and members agreed to publish the final plan next week after a short consultation with residents.`,
    '',
    `Officials said the change labelled ${tag} would add two evening crossings to the outer islands and keep fares at their current level until the spring, ending a long dispute with shift workers.`,
  ].join('\n');
}
