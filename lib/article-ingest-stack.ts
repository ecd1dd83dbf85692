import { ArnFormat, CfnOutput, Stack, Validations, type CfnResource, type Duration, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct, IConstruct } from 'constructs';
import { ArticlesTable } from './articles-table.ts';
import { eventSourceDefaults, ingestFunctionDefaults, VISIBILITY_TIMEOUT_FACTOR } from './defaults.ts';
import { ConflictingPropsError, InvalidPropError } from './errors.ts';
import { IngestAlarms } from './ingest-alarms.ts';
import { IngestFunction, type IngestFunctionProps } from './ingest-function.ts';
import { IngestQueue } from './ingest-queue.ts';
import { SecureBucket } from './secure-bucket.ts';

/**
 * Logical IDs of the stateful resources, pinned so that refactoring the construct tree never
 * replaces (and so never empties) a bucket, the table or a queue. test/cdk pins them too.
 */
export const LOGICAL_IDS = {
  table: 'ArticlesTable',
  rawBucket: 'RawArticlesBucket',
  bodiesBucket: 'BodiesBucket',
  accessLogsBucket: 'AccessLogsBucket',
  queue: 'IngestQueue',
  deadLetterQueue: 'IngestDeadLetterQueue',
} as const;

/** Construct id of the singleton Lambda that aws-s3 uses to configure bucket notifications. */
const BUCKET_NOTIFICATIONS_HANDLER_ID = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

/** Stack output keys; the `articles` CLI resolves resource names from these. Keep them stable. */
export const OUTPUT_KEYS = {
  rawBucketName: 'RawBucketName',
  bodiesBucketName: 'BodiesBucketName',
  tableName: 'TableName',
  queueName: 'QueueName',
  queueUrl: 'QueueUrl',
  dlqName: 'DlqName',
  dlqUrl: 'DlqUrl',
  functionName: 'IngestFunctionName',
  alarmTopicArn: 'AlarmTopicArn',
} as const;

/** Function, event-source and log settings passed through to IngestFunction. */
export type IngestSettings = Omit<IngestFunctionProps, 'table' | 'rawBucket' | 'bodiesBucket' | 'queue' | 'rawKeyPrefix'>;

export interface ArticleIngestStackProps extends StackProps {
  /**
   * Only raw objects whose key starts with this prefix trigger ingestion (and may be read).
   * @default - every key
   */
  readonly rawKeyPrefix?: string;
  /**
   * Only raw objects whose key ends with this suffix trigger ingestion (e.g. `.txt`).
   * @default - every key
   */
  readonly rawKeySuffix?: string;
  /**
   * Ingest function settings (memory, timeout, batch size, batching window, log level,
   * max object size, log retention, concurrency); see IngestFunctionProps for each default.
   * @default - the defaults of IngestFunction
   */
  readonly ingest?: IngestSettings;
  /**
   * Visibility timeout of the ingest queue (at least 6 x the function timeout).
   * @default - 6 x function timeout + batching window
   */
  readonly queueVisibilityTimeout?: Duration;
  /**
   * Queue backlog alarm threshold (age of the oldest message).
   * @default Duration.minutes(15)
   */
  readonly queueAgeAlarmThreshold?: Duration;
  /**
   * Existing topic for alarm notifications. Conflicts with `createAlarmTopic`.
   * @default - no alarm actions unless `createAlarmTopic`
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * Create a KMS-encrypted, TLS-only SNS topic for alarm notifications (subscribe to it after
   * deployment). Conflicts with `alarmTopic`.
   * @default false
   */
  readonly createAlarmTopic?: boolean;
}

/**
 * S3 (raw articles) -> SQS -> Lambda (ingest) -> DynamoDB (articles) + S3 (large bodies),
 * with access logging, a DLQ and alarms. Composes the constructs of lib/; holds no logic
 * beyond wiring, logical-ID pinning and cdk-nag acknowledgements (each with its reason).
 */
export class ArticleIngestStack extends Stack {
  readonly rawBucket: SecureBucket;
  readonly bodiesBucket: SecureBucket;
  readonly accessLogsBucket: SecureBucket;
  readonly table: ArticlesTable;
  readonly ingestQueue: IngestQueue;
  readonly ingestFunction: IngestFunction;
  readonly alarms: IngestAlarms;
  readonly alarmTopic: sns.ITopic | undefined;

  constructor(scope: Construct, id: string, props: ArticleIngestStackProps = {}) {
    validate(props);
    super(scope, id, props);

    this.accessLogsBucket = new SecureBucket(this, 'AccessLogs', { kind: 'access-logs' });
    this.rawBucket = new SecureBucket(this, 'RawArticles', {
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'raw-articles/',
    });
    this.bodiesBucket = new SecureBucket(this, 'Bodies', {
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'bodies/',
    });
    this.table = new ArticlesTable(this, 'Articles');

    const { timeout, maxBatchingWindow } = resolvedTiming(props.ingest);
    this.ingestQueue = new IngestQueue(this, 'Ingest', {
      consumerTimeout: timeout,
      consumerBatchingWindow: maxBatchingWindow,
      ...(props.queueVisibilityTimeout === undefined ? {} : { visibilityTimeout: props.queueVisibilityTimeout }),
    });

    this.ingestFunction = new IngestFunction(this, 'IngestFunction', {
      ...props.ingest,
      timeout,
      maxBatchingWindow,
      table: this.table,
      rawBucket: this.rawBucket,
      ...(props.rawKeyPrefix === undefined ? {} : { rawKeyPrefix: props.rawKeyPrefix }),
      bodiesBucket: this.bodiesBucket,
      queue: this.ingestQueue.queue,
    });

    const destination = new s3n.SqsDestination(this.ingestQueue.queue);
    const filter: s3.NotificationKeyFilter = {
      ...(props.rawKeyPrefix === undefined ? {} : { prefix: props.rawKeyPrefix }),
      ...(props.rawKeySuffix === undefined ? {} : { suffix: props.rawKeySuffix }),
    };
    const filters = Object.keys(filter).length > 0 ? [filter] : [];
    // OBJECT_CREATED covers Put, Post, Copy and CompleteMultipartUpload; OBJECT_REMOVED covers
    // Delete and DeleteMarkerCreated (the bucket is versioned).
    this.rawBucket.addEventNotification(s3.EventType.OBJECT_CREATED, destination, ...filters);
    this.rawBucket.addEventNotification(s3.EventType.OBJECT_REMOVED, destination, ...filters);

    this.alarmTopic = props.createAlarmTopic === true ? this.createAlarmTopic() : props.alarmTopic;
    this.alarms = new IngestAlarms(this, 'Alarms', {
      queue: this.ingestQueue.queue,
      deadLetterQueue: this.ingestQueue.deadLetterQueue,
      function: this.ingestFunction.function,
      ...(props.queueAgeAlarmThreshold === undefined ? {} : { queueAgeThreshold: props.queueAgeAlarmThreshold }),
      ...(this.alarmTopic === undefined ? {} : { alarmTopic: this.alarmTopic }),
    });

    pinLogicalId(this.table, LOGICAL_IDS.table);
    pinLogicalId(this.rawBucket, LOGICAL_IDS.rawBucket);
    pinLogicalId(this.bodiesBucket, LOGICAL_IDS.bodiesBucket);
    pinLogicalId(this.accessLogsBucket, LOGICAL_IDS.accessLogsBucket);
    pinLogicalId(this.ingestQueue.queue, LOGICAL_IDS.queue);
    pinLogicalId(this.ingestQueue.deadLetterQueue, LOGICAL_IDS.deadLetterQueue);

    this.addOutputs();
    this.acknowledgeNagFindings(props.rawKeyPrefix ?? '');
  }

  /**
   * Lets a downstream service (the typed ArticleReader) read records and large bodies:
   * GetItem/Query/BatchGetItem on the table and its indexes, GetObject on the bodies bucket.
   */
  grantRead(grantee: iam.IGrantable): void {
    this.table.grantReadData(grantee);
    this.bodiesBucket.grantRead(grantee);
  }

  private createAlarmTopic(): sns.Topic {
    // CloudWatch cannot publish to a topic encrypted with the AWS-managed alias/aws/sns key:
    // a customer-managed key (rotated yearly) whose policy lets CloudWatch use it (the key
    // statement is the one AWS documents for alarm topics).
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the article-ingest alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToUseTheKey',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    const topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Article ingest alarms',
      masterKey: key,
      enforceSSL: true,
    });
    // The topic policy CDK writes for enforceSSL replaces SNS's default policy, so the
    // CloudWatch service principal needs an explicit allow, limited to this account's alarms.
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowThisAccountsAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );
    return topic;
  }

  private addOutputs(): void {
    const output = (key: string, value: string, description: string): void => {
      new CfnOutput(this, key, { value, description });
    };
    output(OUTPUT_KEYS.rawBucketName, this.rawBucket.bucketName, 'Upload raw article files here');
    output(OUTPUT_KEYS.bodiesBucketName, this.bodiesBucket.bucketName, 'Cleaned bodies too large for a DynamoDB item');
    output(OUTPUT_KEYS.tableName, this.table.tableName, 'Articles table');
    output(OUTPUT_KEYS.queueName, this.ingestQueue.queue.queueName, 'Ingest queue (S3 event notifications)');
    output(OUTPUT_KEYS.queueUrl, this.ingestQueue.queue.queueUrl, 'Ingest queue URL');
    output(OUTPUT_KEYS.dlqName, this.ingestQueue.deadLetterQueue.queueName, 'Dead-letter queue');
    output(OUTPUT_KEYS.dlqUrl, this.ingestQueue.deadLetterQueue.queueUrl, 'Dead-letter queue URL');
    output(OUTPUT_KEYS.functionName, this.ingestFunction.function.functionName, 'Ingest function');
    if (this.alarmTopic !== undefined) {
      output(OUTPUT_KEYS.alarmTopicArn, this.alarmTopic.topicArn, 'Alarm notifications topic');
    }
  }

  /**
   * cdk-nag (AwsSolutions) findings that hardening cannot remove, each acknowledged on the
   * narrowest construct, with its full finding id and the reason.
   */
  private acknowledgeNagFindings(rawKeyPrefix: string): void {
    acknowledge(
      this.ingestFunction.function,
      'AwsSolutions-L1',
      'Pinned to Node.js 22 on purpose: the esbuild target (node22), the local test runtime and the tested dependency set match it; move to the next LTS deliberately, not implicitly.',
    );
    const policy = this.ingestFunction.role;
    acknowledge(
      policy,
      `AwsSolutions-IAM5[Resource::<${LOGICAL_IDS.rawBucket}.Arn>/${rawKeyPrefix}*]`,
      'Object keys are chosen by uploaders and unknown at deploy time; the statement allows only s3:GetObject and s3:GetObjectVersion on objects of this one bucket.',
    );
    acknowledge(
      policy,
      `AwsSolutions-IAM5[Resource::<${LOGICAL_IDS.bodiesBucket}.Arn>/*]`,
      'Body object keys derive from article ids unknown at deploy time; the statement allows only s3:PutObject on objects of this one bucket.',
    );

    // The S3 notifications custom resource (a CDK-provided singleton Lambda that calls
    // PutBucketNotificationConfiguration; its own policy is scoped to the raw bucket). It is
    // needed because the bucket and the queue policy reference each other, so CloudFormation
    // cannot set NotificationConfiguration on the bucket directly.
    const handler = this.node.tryFindChild(BUCKET_NOTIFICATIONS_HANDLER_ID);
    if (handler !== undefined) {
      acknowledge(
        handler,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'CDK-provided bucket-notifications handler (runs only during deployment); the managed policy only lets it write its own CloudWatch logs, and the construct offers no way to pass a role.',
      );
    }
  }
}

function validate(props: ArticleIngestStackProps): void {
  if (props.alarmTopic !== undefined && props.createAlarmTopic === true) {
    throw new ConflictingPropsError('ArticleIngestStack', ['alarmTopic', 'createAlarmTopic'], 'give an existing topic or ask for a new one, not both');
  }
  const { timeout } = resolvedTiming(props.ingest);
  const minimumVisibility = timeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR;
  if (props.queueVisibilityTimeout !== undefined && props.queueVisibilityTimeout.toSeconds() < minimumVisibility) {
    throw new ConflictingPropsError(
      'ArticleIngestStack',
      ['queueVisibilityTimeout', 'ingest.timeout'],
      `queueVisibilityTimeout ${props.queueVisibilityTimeout.toSeconds()} s is under ${VISIBILITY_TIMEOUT_FACTOR} x ingest.timeout (${minimumVisibility} s)`,
    );
  }
  if (props.rawKeyPrefix !== undefined && (props.rawKeyPrefix === '' || props.rawKeyPrefix.startsWith('/'))) {
    throw new InvalidPropError('ArticleIngestStack', 'rawKeyPrefix', 'must be non-empty and not start with "/" (S3 keys have no leading slash)');
  }
  if (props.rawKeySuffix === '') {
    throw new InvalidPropError('ArticleIngestStack', 'rawKeySuffix', 'must be non-empty when given');
  }
}

/** Function timeout and batching window, defaults applied: the queue sizes itself from them. */
function resolvedTiming(ingest: IngestSettings | undefined): { timeout: Duration; maxBatchingWindow: Duration } {
  return {
    timeout: ingest?.timeout ?? ingestFunctionDefaults().timeout,
    maxBatchingWindow: ingest?.maxBatchingWindow ?? eventSourceDefaults().maxBatchingWindow,
  };
}

function pinLogicalId(construct: IConstruct, logicalId: string): void {
  (construct.node.defaultChild as CfnResource).overrideLogicalId(logicalId);
}

function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
