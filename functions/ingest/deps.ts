/**
 * What the ingest handler needs, and how the deployed Lambda builds it from the environment.
 * The local stack passes its own clients and names to createHandler instead.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoArticleStore, type ArticleStore } from '../shared/article-store.ts';
import { createClients } from '../shared/clients.ts';
import { credentialsFromEnv } from '../shared/credentials.ts';
import {
  DEFAULT_MAX_OBJECT_BYTES,
  DEFAULT_METRICS_NAMESPACE,
  DEFAULT_SERVICE_NAME,
  getConfig,
  loadConfig,
  type IngestConfig,
} from '../shared/config.ts';
import type { ProcessDeps } from './process.ts';

export interface IngestDeps {
  readonly s3: S3Client;
  readonly ddb: DynamoDBDocumentClient;
  /** Names and limits; the rest of IngestConfig falls back to its defaults. */
  readonly config: Pick<IngestConfig, 'tableName' | 'bodiesBucket'> & Partial<IngestConfig>;
  /** @default - a DynamoArticleStore over `ddb` and `s3` */
  readonly store?: ArticleStore;
  /** @default - a Powertools Logger for config.serviceName */
  readonly logger?: Logger;
  /** @default - Powertools Metrics in config.metricsNamespace */
  readonly metrics?: Metrics;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** IngestDeps with every default filled in. */
export interface ResolvedIngestDeps extends ProcessDeps {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export function resolveDeps(deps: IngestDeps): ResolvedIngestDeps {
  const serviceName = deps.config.serviceName ?? DEFAULT_SERVICE_NAME;
  return {
    s3: deps.s3,
    store:
      deps.store ??
      new DynamoArticleStore({ ddb: deps.ddb, s3: deps.s3, tableName: deps.config.tableName, bodiesBucket: deps.config.bodiesBucket }),
    maxObjectBytes: deps.config.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES,
    logger: deps.logger ?? new Logger({ serviceName }),
    metrics: deps.metrics ?? new Metrics({ serviceName, namespace: deps.config.metricsNamespace ?? DEFAULT_METRICS_NAMESPACE }),
    ...(deps.now === undefined ? {} : { now: deps.now }),
  };
}

/**
 * The deployed function's deps: configuration and the role's credentials from the environment
 * (throws ConfigError), clients with the default endpoints of AWS_REGION. Credentials are passed
 * explicitly so the Lambda bundle can leave out the SDK's default credential chain (see credentials.ts).
 */
export function defaultDeps(env: Readonly<Record<string, string | undefined>> = process.env): IngestDeps {
  const config = env === process.env ? getConfig() : loadConfig(env);
  return { ...createClients({ credentials: credentialsFromEnv(env) }), config };
}
