/**
 * Best-practice defaults for every resource of the ingest stack, in ONE place.
 *
 * Each function is pure (no scope, no side effects) and returns a fresh props object that the
 * constructs merge as `{ ...defaults, ...props, ...required }`: callers may override a default,
 * never a requirement (the `required` part is set by the construct itself). Changing a policy
 * (retention, encryption, sizing) means editing this file only.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * `{ ...defaults, ...props, ...required }`, except that a prop explicitly set to `undefined`
 * keeps its default (a plain spread would silently erase it, e.g. `versioned: undefined`).
 */
export function mergeProps<D extends object, P extends object, R extends object>(defaults: D, props: P, required: R): D & P & R {
  const given = Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as P;
  return { ...defaults, ...given, ...required };
}

/** Receives of one message before SQS moves it to the dead-letter queue (AWS advises >= 5). */
export const MAX_RECEIVE_COUNT = 5;

/** AWS advises a queue visibility timeout of at least 6 x the consuming function's timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** Largest raw object the function will read (bytes); bigger objects are rejected by the handler. */
export const DEFAULT_MAX_OBJECT_BYTES = 10 * 1024 * 1024;

/** Powertools service name and metrics namespace (dashboards and log queries key on these). */
export const POWERTOOLS_SERVICE_NAME = 'article-ingest';
export const POWERTOOLS_METRICS_NAMESPACE = 'ArticleIngest';

/**
 * ESM banner: esbuild's ESM output has no `require`, but some bundled CommonJS dependencies
 * call it for Node built-ins ("Dynamic require of node:https is not supported").
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Hardened bucket: no public access, TLS only (1.2+), bucket-owner-enforced ACLs, SSE-S3,
 * versioning, RETAIN on stack deletion, incomplete multipart uploads aborted after 7 days,
 * noncurrent versions expired after 90 days and lone delete markers removed (versioning
 * protects against overwrite/delete mistakes without growing forever). Lifecycle actions emit
 * `s3:LifecycleExpiration:*` events, not `ObjectRemoved`, so they never reach the ingest queue.
 *
 * Encryption is S3-managed (SSE-S3, AES-256): objects are encrypted at rest with no KMS request
 * on each GET/PUT (cost and throttling), no key policy to keep in step with S3 notifications,
 * and the same setting works for the access-log bucket, which cannot use SSE-KMS as a server
 * access log destination. Use a customer-managed key only if a separate key policy is required.
 */
export function secureBucketDefaults(): s3.BucketProps {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [
      {
        id: 'abort-incomplete-multipart-uploads',
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
      {
        id: 'expire-noncurrent-versions',
        noncurrentVersionExpiration: Duration.days(90),
        expiredObjectDeleteMarker: true,
      },
    ],
  };
}

/**
 * The bucket that receives S3 server access logs of the other buckets. Same hardening, minus
 * versioning (log objects are written once); logs expire after a year. Access logs must be
 * SSE-S3 (S3 cannot deliver server access logs to an SSE-KMS default-encrypted bucket).
 */
export function accessLogBucketDefaults(): s3.BucketProps {
  return {
    ...secureBucketDefaults(),
    versioned: false,
    lifecycleRules: [
      { id: 'expire-access-logs', expiration: Duration.days(365) },
      { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
    ],
  };
}

/**
 * The ingest queue. SQS-managed server-side encryption (SSE-SQS): S3 event notifications can
 * publish to it without any key policy (S3 cannot use the AWS-managed `alias/aws/sqs` key, and a
 * customer-managed key would add a key policy, rotation and per-request KMS cost for no gain
 * here: the messages hold bucket/key metadata, not article text). TLS is enforced by policy.
 */
export function queueDefaults(): sqs.QueueProps {
  return {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(4),
  };
}

/** The dead-letter queue: same encryption and TLS rule, maximum retention (14 days) for triage. */
export function deadLetterQueueDefaults(): sqs.QueueProps {
  return {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  };
}

/**
 * The articles table: on-demand billing, point-in-time recovery, encryption with the
 * AWS-managed key (`aws/dynamodb`, visible in CloudTrail, no key policy to maintain), deletion
 * protection, RETAIN, and a NEW_AND_OLD_IMAGES stream for downstream consumers.
 */
export function tableDefaults(): Omit<dynamodb.TableProps, 'partitionKey'> {
  return {
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  };
}

/** The function's own log group: one month of logs, kept if the stack is deleted. */
export function logGroupDefaults(): logs.LogGroupProps {
  return {
    retention: logs.RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/**
 * Packages replaced in the Lambda bundle, by esbuild alias (paths relative to the project root,
 * where NodejsFunction runs esbuild). `@aws-sdk/credential-provider-node` is the SDK's default
 * credential chain, which every client imports as its fallback: the deployed function passes its
 * credentials explicitly (functions/shared/credentials.ts), so the chain is dead code there
 * (~115 KB minified with its STS/SSO clients, ~20 ms of init); the stub fails loudly if reached.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': './functions/shared/credential-chain-stub.ts',
};

/**
 * esbuild bundling of the handler: ESM for Node 22, module-first main fields (without them the
 * bundled SDK fails at import with "Dynamic require of node:https"), the createRequire banner,
 * minified, UTF-8 output (the cleaner's tables hold non-ASCII text; escaped as \uXXXX they were
 * ~36 KB bigger), no legal comments, the default credential chain aliased away (BUNDLE_ALIASES),
 * with a source map (stack traces name the .ts file; sources are not embedded to keep the asset
 * small) and with the AWS SDK bundled: the deployed code runs the SDK version pinned in
 * package-lock.json, and importing one tree-shaken file is far cheaper at init than loading the
 * runtime's SDK packages from disk (see README, performance). Bundling runs the local esbuild; no Docker.
 */
export function bundlingDefaults(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: ESM_REQUIRE_BANNER,
    minify: true,
    sourceMap: true,
    sourceMapMode: SourceMapMode.DEFAULT,
    sourcesContent: false,
    bundleAwsSDK: true,
    externalModules: [],
    // As flags: aws-cdk-lib 2.276 declares a `charset` bundling prop but never passes it to esbuild.
    esbuildArgs: {
      '--charset': 'utf8',
      '--legal-comments': 'none',
      '--alias': Object.entries(BUNDLE_ALIASES).map(([from, to]) => `${from}=${to}`),
    },
    forceDockerBundling: false,
  };
}

/** Sizing and runtime of the ingest function (see IngestFunction for the reasoning). */
export interface IngestFunctionDefaults {
  readonly runtime: lambda.Runtime;
  readonly architecture: lambda.Architecture;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readonly maxObjectBytes: number;
}

/**
 * Node.js 22 on Graviton (ARM_64: ~20% cheaper per GB-second). 1024 MB: Lambda allocates CPU
 * in proportion to memory and cleaning is CPU-bound string work; a 10 MiB object is held a few
 * times over as UTF-16 strings while decoding and cleaning, so 1 GB leaves room for a batch of
 * 10. 30 s: a 10-message batch of typical articles takes well under a second; 30 s covers a
 * batch of maximum-size objects without letting a stuck invocation hold messages for long.
 */
export function ingestFunctionDefaults(): IngestFunctionDefaults {
  return {
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: 1024,
    timeout: Duration.seconds(30),
    logLevel: 'INFO',
    maxObjectBytes: DEFAULT_MAX_OBJECT_BYTES,
  };
}

/** SQS -> Lambda polling defaults. */
export interface IngestEventSourceDefaults {
  readonly batchSize: number;
  readonly maxBatchingWindow: Duration;
}

/**
 * Batches of up to 10 messages gathered for at most 5 s: uploads come in bursts, and one
 * invocation per 10 objects amortises cold starts and client set-up, while a lone upload
 * waits 5 s at most. Partial batch failures are always reported (not a default: required).
 */
export function eventSourceDefaults(): IngestEventSourceDefaults {
  return { batchSize: 10, maxBatchingWindow: Duration.seconds(5) };
}

/** Alarm thresholds. */
export interface AlarmDefaults {
  /** Oldest message age in the ingest queue that means the function is not keeping up. */
  readonly queueAgeThreshold: Duration;
}

/** 15 minutes of backlog: far above normal latency (seconds), short enough to act on. */
export function alarmDefaults(): AlarmDefaults {
  return { queueAgeThreshold: Duration.minutes(15) };
}
