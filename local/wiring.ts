/**
 * The only place the local stack touches the production code in functions/: the same clients
 * factory and the same handler factory the Lambda uses, given loopback endpoints and the
 * local resource names. No `if (local)` on the other side.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type Clients, createClients } from '../functions/shared/clients.ts';
import { articleIdFor } from '../functions/shared/record.ts';
import { DEFAULT_METRICS_NAMESPACE, DEFAULT_SERVICE_NAME } from '../functions/shared/config.ts';
import { createHandler } from '../functions/ingest/index.ts';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { LOCAL_REGION } from './notifications.ts';
import { S3RVER_CREDENTIALS } from './s3-server.ts';

export { articleIdFor as articleIdOf };

export interface LocalClients extends Clients {
  /** Plain DynamoDB client for table administration (CreateTable). */
  readonly dynamo: DynamoDBClient;
}

export interface LocalEndpoints {
  readonly s3: string;
  readonly dynamodb: string;
}

/** Clients for the loopback endpoints, built by the production factory. */
export function createLocalClients(endpoints: LocalEndpoints): LocalClients {
  const clients = createClients({ endpoints, region: LOCAL_REGION, credentials: { ...S3RVER_CREDENTIALS }, forcePathStyle: true });
  const dynamo = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: { ...S3RVER_CREDENTIALS } });
  return { ...clients, dynamo };
}

/** A Lambda handler for SQS events (middy handlers have this call shape). */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface HandlerWiring {
  readonly clients: Clients;
  readonly names: { readonly rawBucket: string; readonly bodiesBucket: string; readonly tableName: string };
  /** The handler's Powertools log level. */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
}

export type HandlerFactory = (wiring: HandlerWiring) => Promise<SqsHandler>;

/** The deployed handler: functions/ingest createHandler(deps) with the local clients and names. */
export const defaultHandlerFactory: HandlerFactory = async ({ clients, names, logLevel }) => {
  const logger = new Logger({ serviceName: DEFAULT_SERVICE_NAME, logLevel });
  return createHandler({
    s3: clients.s3,
    ddb: clients.ddb,
    config: { tableName: names.tableName, bodiesBucket: names.bodiesBucket },
    logger,
    // Metrics' own warnings (e.g. "No application metrics to publish" after an s3:TestEvent) go
    // through the same log level; whether EMF is printed at all is POWERTOOLS_METRICS_DISABLED's call.
    metrics: new Metrics({ serviceName: DEFAULT_SERVICE_NAME, namespace: DEFAULT_METRICS_NAMESPACE, logger }),
  });
};
