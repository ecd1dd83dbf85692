import { fileURLToPath } from 'node:url';
import type { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  bundlingDefaults,
  eventSourceDefaults,
  ingestFunctionDefaults,
  logGroupDefaults,
  mergeProps,
  POWERTOOLS_METRICS_NAMESPACE,
  POWERTOOLS_SERVICE_NAME,
  type IngestFunctionDefaults,
} from './defaults.ts';
import { ConflictingPropsError, InvalidPropError } from './errors.ts';

/** The handler module (exports `handler`), relative to the project root. */
export const INGEST_ENTRY = 'functions/ingest/index.ts';
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Everything the function may do to the articles table: a conditional PutItem (the condition
 * on the S3 sequencer makes writes idempotent and ordered; deletions are tombstone puts) and a
 * GetItem of a record by key. No Update/Delete/Scan/Query/batch or table-level action: the
 * article store (functions/shared/article-store.ts) calls nothing else, and test/cdk checks
 * every SDK command used under functions/ against this role.
 */
export const TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem'] as const;

/**
 * Read of raw objects, by key and by version (events of a versioned bucket carry a versionId).
 * Objects only: no PutObject/DeleteObject on the raw bucket.
 */
export const RAW_OBJECT_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'] as const;

/**
 * ListBucket on the raw bucket (the bucket only, not its objects): without it S3 answers a
 * GetObject of a missing key with 403 AccessDenied instead of 404 NoSuchKey, and the handler
 * could not tell "deleted before we read it" (skip) from a permission problem (fail).
 */
export const RAW_BUCKET_ACTIONS = ['s3:ListBucket'] as const;

/** Writes of cleaned bodies too large for a DynamoDB item. Write only. */
export const BODIES_OBJECT_ACTIONS = ['s3:PutObject'] as const;

/** Environment keys the construct sets itself (an `environment` prop cannot override them). */
export const RESERVED_ENVIRONMENT_KEYS = [
  'TABLE_NAME',
  'BODIES_BUCKET',
  'MAX_OBJECT_BYTES',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'LOG_LEVEL',
  'NODE_OPTIONS',
] as const;

export interface IngestFunctionProps {
  /**
   * Absolute path of the handler module (must export `handler`).
   * @default - functions/ingest/index.ts under the project root
   */
  readonly entry?: string;
  /** The articles table the function writes records to. */
  readonly table: dynamodb.ITable;
  /** The bucket of raw uploads (read only). */
  readonly rawBucket: s3.IBucket;
  /**
   * Restrict object reads to keys under this prefix (match the notification filter).
   * @default - every key of the raw bucket
   */
  readonly rawKeyPrefix?: string;
  /** The bucket for bodies too large for a DynamoDB item (write only). */
  readonly bodiesBucket: s3.IBucket;
  /** The queue of S3 event notifications to consume. */
  readonly queue: sqs.IQueue;
  /**
   * Memory in MB (CPU scales with it).
   * @default 1024
   */
  readonly memorySize?: number;
  /**
   * Function timeout; the queue's visibility timeout must be at least 6 x this.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * Powertools log level (`LOG_LEVEL`).
   * @default 'INFO'
   */
  readonly logLevel?: IngestFunctionDefaults['logLevel'];
  /**
   * Largest raw object (bytes) the handler reads (`MAX_OBJECT_BYTES`).
   * @default 10485760 (10 MiB)
   */
  readonly maxObjectBytes?: number;
  /**
   * Retention of the function's log group.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Messages per invocation (1-10, or up to 10000 with a batching window).
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long the poller gathers messages before invoking.
   * @default Duration.seconds(5)
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Reserved concurrency of the function.
   * @default - none (unreserved account concurrency)
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Maximum concurrent invocations by the SQS event source (2-1000); throttles politely
   * (messages stay in the queue) where reserved concurrency would throttle with retries.
   * @default - no limit
   */
  readonly maxConcurrency?: number;
  /**
   * Extra environment variables. Cannot set the keys in RESERVED_ENVIRONMENT_KEYS.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * The ingest Lambda: a `NodejsFunction` bundled from `functions/ingest/index.ts` (export
 * `handler`), fed by the ingest queue.
 *
 * Defaults (from `ingestFunctionDefaults()`, `bundlingDefaults()`, `eventSourceDefaults()`,
 * `logGroupDefaults()`):
 * - runtime Node.js 22 (`NODEJS_22_X`), `ARM_64`, 1024 MB, 30 s
 * - esbuild ESM bundle, target node22, main fields module-first, createRequire banner, minified,
 *   UTF-8 output, no legal comments, source map (with `NODE_OPTIONS=--enable-source-maps`), AWS SDK
 *   bundled (pinned version) without its default credential chain (the handler uses the role
 *   credentials from the environment), local esbuild (no Docker)
 * - SQS event source: batch size 10, batching window 5 s, `reportBatchItemFailures` always on
 * - its own log group, one-month retention, RETAIN
 * - its own role with least privilege: write to its log group; GetObject/GetObjectVersion on the
 *   raw objects (+ ListBucket on the raw bucket for 404-vs-403); GetItem/PutItem on the table
 *   (no indexes); PutObject on the bodies bucket; consume the queue.
 *   No managed policies.
 * - environment: TABLE_NAME, BODIES_BUCKET, MAX_OBJECT_BYTES, POWERTOOLS_SERVICE_NAME
 *   (article-ingest), POWERTOOLS_METRICS_NAMESPACE (ArticleIngest), LOG_LEVEL, NODE_OPTIONS.
 */
export class IngestFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly eventSource: SqsEventSource;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    validate(props);
    super(scope, id);
    const settings = mergeProps({ ...ingestFunctionDefaults(), ...eventSourceDefaults() }, props, { reportBatchItemFailures: true });

    this.logGroup = new logs.LogGroup(this, 'LogGroup', mergeProps(logGroupDefaults(), { retention: props.logRetention }, {}));
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Article ingest function: read raw articles, write records and bodies',
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      runtime: settings.runtime,
      architecture: settings.architecture,
      memorySize: settings.memorySize,
      timeout: settings.timeout,
      reservedConcurrentExecutions: settings.reservedConcurrentExecutions,
      entry: settings.entry ?? `${PROJECT_ROOT}${INGEST_ENTRY}`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      bundling: bundlingDefaults(),
      role: this.role,
      logGroup: this.logGroup,
      description: 'S3 raw article -> cleaned record in DynamoDB',
      environment: {
        ...props.environment,
        TABLE_NAME: props.table.tableName,
        BODIES_BUCKET: props.bodiesBucket.bucketName,
        MAX_OBJECT_BYTES: String(settings.maxObjectBytes),
        POWERTOOLS_SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE,
        LOG_LEVEL: settings.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });

    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadRawArticles',
        actions: [...RAW_OBJECT_ACTIONS],
        resources: [props.rawBucket.arnForObjects(`${props.rawKeyPrefix ?? ''}*`)],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TellMissingFromForbidden',
        actions: [...RAW_BUCKET_ACTIONS],
        resources: [props.rawBucket.bucketArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteArticleRecords',
        actions: [...TABLE_ACTIONS],
        resources: [props.table.tableArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteLargeBodies',
        actions: [...BODIES_OBJECT_ACTIONS],
        resources: [props.bodiesBucket.arnForObjects('*')],
      }),
    );

    // Grants ReceiveMessage/DeleteMessage/ChangeMessageVisibility/GetQueueAttributes/GetQueueUrl.
    this.eventSource = new SqsEventSource(props.queue, {
      batchSize: settings.batchSize,
      maxBatchingWindow: settings.maxBatchingWindow,
      reportBatchItemFailures: settings.reportBatchItemFailures,
      ...(settings.maxConcurrency === undefined ? {} : { maxConcurrency: settings.maxConcurrency }),
    });
    this.function.addEventSource(this.eventSource);
  }
}

function validate(props: IngestFunctionProps): void {
  const name = 'IngestFunction';
  const { reservedConcurrentExecutions: reserved, maxConcurrency, batchSize, maxBatchingWindow } = props;
  if (reserved !== undefined && maxConcurrency !== undefined && maxConcurrency > reserved) {
    throw new ConflictingPropsError(
      name,
      ['maxConcurrency', 'reservedConcurrentExecutions'],
      `maxConcurrency ${maxConcurrency} exceeds reservedConcurrentExecutions ${reserved}: the poller would be throttled and messages retried toward the DLQ`,
    );
  }
  if (batchSize !== undefined && batchSize > 10 && (maxBatchingWindow === undefined ? eventSourceDefaults().maxBatchingWindow : maxBatchingWindow).toSeconds() === 0) {
    throw new ConflictingPropsError(name, ['batchSize', 'maxBatchingWindow'], 'a batchSize above 10 requires a maxBatchingWindow above 0');
  }
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)) {
    throw new InvalidPropError(name, 'batchSize', `must be an integer from 1 to 10000, got ${batchSize}`);
  }
  if (props.maxObjectBytes !== undefined && (!Number.isSafeInteger(props.maxObjectBytes) || props.maxObjectBytes < 1)) {
    throw new InvalidPropError(name, 'maxObjectBytes', `must be a positive integer, got ${props.maxObjectBytes}`);
  }
  const reservedKeys: readonly string[] = RESERVED_ENVIRONMENT_KEYS;
  const clash = Object.keys(props.environment ?? {}).filter((k) => reservedKeys.includes(k));
  if (clash.length > 0) {
    throw new ConflictingPropsError(
      name,
      clash.map((k) => `environment.${k}`),
      'these variables are set by the construct from its other props (table, bodiesBucket, maxObjectBytes, logLevel)',
    );
  }
}
