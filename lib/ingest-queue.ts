import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueueDefaults, eventSourceDefaults, MAX_RECEIVE_COUNT, mergeProps, queueDefaults, VISIBILITY_TIMEOUT_FACTOR } from './defaults.ts';
import { ConflictingPropsError, InvalidPropError } from './errors.ts';

export interface IngestQueueProps {
  /** Timeout of the function that consumes the queue; sets the minimum visibility timeout. */
  readonly consumerTimeout: Duration;
  /**
   * The consumer's maximum batching window: messages wait in the poller's batch for up to this
   * long before the function runs, so it is added to the visibility timeout.
   * @default - eventSourceDefaults().maxBatchingWindow (5 s)
   */
  readonly consumerBatchingWindow?: Duration;
  /**
   * Visibility timeout of the ingest queue. Must be at least 6 x `consumerTimeout`.
   * @default - 6 x consumerTimeout + consumerBatchingWindow (AWS guidance)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * Deliveries of one message before it moves to the dead-letter queue.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * How long the ingest queue keeps an unprocessed message.
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;
}

/**
 * The ingest queue and its dead-letter queue.
 *
 * Defaults (`queueDefaults()`, `deadLetterQueueDefaults()`): SQS-managed encryption (S3 can
 * publish to it; see defaults.ts for why not a KMS key), TLS enforced by queue policy on both
 * queues, redrive to the DLQ after 5 receives, DLQ retention 14 days, visibility timeout
 * 6 x the consumer's timeout plus its batching window. The S3 service may send to the ingest
 * queue only on behalf of this stack's account (`aws:SourceAccount`): bucket ARNs carry no account
 * id, so the `aws:SourceArn` condition of the S3 notification grant alone would also match a
 * bucket of the same name re-created in another account (the confused-deputy case).
 */
export class IngestQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly visibilityTimeout: Duration;

  constructor(scope: Construct, id: string, props: IngestQueueProps) {
    super(scope, id);
    const minimum = props.consumerTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR;
    if (props.visibilityTimeout !== undefined && props.visibilityTimeout.toSeconds() < minimum) {
      throw new ConflictingPropsError(
        'IngestQueue',
        ['visibilityTimeout', 'consumerTimeout'],
        `visibilityTimeout ${props.visibilityTimeout.toSeconds()} s is under ${VISIBILITY_TIMEOUT_FACTOR} x consumerTimeout (${minimum} s): ` +
          'a message would reappear while the function still works on it',
      );
    }
    const maxReceiveCount = props.maxReceiveCount ?? MAX_RECEIVE_COUNT;
    if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1) {
      throw new InvalidPropError('IngestQueue', 'maxReceiveCount', `must be a positive integer, got ${maxReceiveCount}`);
    }
    const window = props.consumerBatchingWindow ?? eventSourceDefaults().maxBatchingWindow;
    this.visibilityTimeout = props.visibilityTimeout ?? Duration.seconds(minimum + window.toSeconds());

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', deadLetterQueueDefaults());
    this.queue = new sqs.Queue(
      this,
      'Queue',
      mergeProps(queueDefaults(), { retentionPeriod: props.retentionPeriod }, {
        visibilityTimeout: this.visibilityTimeout,
        deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
      }),
    );
    this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyS3NotificationsFromOtherAccounts',
        effect: iam.Effect.DENY,
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: { StringNotEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
  }
}
