/**
 * The ingest Lambda: SQS (S3 notifications) -> decode, clean -> DynamoDB. Thin on purpose: the
 * work is in process.ts, the wiring in deps.ts.
 *
 * Each SQS message is processed independently (Powertools BatchProcessor); a failed message is
 * reported in `batchItemFailures` so only it is retried, and never swallowed.
 */
import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ConfigError } from '../shared/errors.ts';
import { defaultDeps, resolveDeps, type IngestDeps } from './deps.ts';
import { processSqsRecord } from './process.ts';

export type { IngestDeps } from './deps.ts';

export type IngestHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export const createHandler = (deps: IngestDeps): IngestHandler => {
  const resolved = resolveDeps(deps);
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = (record: SQSRecord) => processSqsRecord(record, resolved);
  const ingest = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    // throwOnFullBatchFailure: false -> a batch where every message failed is reported the same
    // way as a partial failure (all ids in batchItemFailures), instead of an invocation error.
    processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
  return middy<SQSEvent, SQSBatchResponse, Error, Context>(ingest)
    .use(injectLambdaContext(resolved.logger, { resetKeys: true }))
    .use(logMetrics(resolved.metrics, { captureColdStartMetric: true }));
};

/** Builds the deployed handler at init when the environment is complete; ConfigError is deferred. */
function createDeployedHandler(): IngestHandler | undefined {
  try {
    return createHandler(defaultDeps());
  } catch (err) {
    if (err instanceof ConfigError) return undefined; // rethrown by the first invocation below
    throw err;
  }
}

let deployed = createDeployedHandler();

/**
 * The Lambda entry point. Config and clients are built at module scope (the init phase) when the
 * environment is complete; otherwise importing this module still works (tests, the local stack
 * import createHandler) and every invocation fails with the ConfigError naming the variable.
 */
export const handler: IngestHandler = async (event, context) => {
  deployed ??= createHandler(defaultDeps());
  return deployed(event, context);
};
