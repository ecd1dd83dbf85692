/**
 * Props: a non-default configuration (prefix/suffix filters, alarm topic, bigger function,
 * concurrency limits) reaches the template, and conflicting or invalid props are rejected at
 * the top of the constructor with a message naming them. One synth (the variant), no bundling.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleIngestStack, type ArticleIngestStackProps } from '../../lib/article-ingest-stack.ts';
import { ArticlesTable } from '../../lib/articles-table.ts';
import { ConflictingPropsError, InvalidPropError } from '../../lib/errors.ts';
import { IngestAlarms } from '../../lib/ingest-alarms.ts';
import { IngestQueue } from '../../lib/ingest-queue.ts';
import { SecureBucket } from '../../lib/secure-bucket.ts';
import { SYNTH_TIMEOUT_MS, disposeApp, getAtt, ref, testApp as newTestApp } from './helpers.ts';

const apps: ReturnType<typeof newTestApp>[] = [];
function testApp(): ReturnType<typeof newTestApp> {
  const app = newTestApp();
  apps.push(app);
  return app;
}
afterAll(() => apps.forEach(disposeApp));

describe('a non-default configuration', () => {
  let stack: ArticleIngestStack;
  let template: Template;
  let readerTemplate: Template;

  beforeAll(() => {
    const app = testApp();
    stack = new ArticleIngestStack(app, 'Variant', {
      rawKeyPrefix: 'incoming/',
      rawKeySuffix: '.txt',
      createAlarmTopic: true,
      queueAgeAlarmThreshold: Duration.minutes(30),
      ingest: {
        memorySize: 2048,
        timeout: Duration.seconds(60),
        batchSize: 5,
        maxBatchingWindow: Duration.seconds(2),
        reservedConcurrentExecutions: 10,
        maxConcurrency: 5,
        maxObjectBytes: 1_000_000,
        logLevel: 'DEBUG',
      },
    });
    const readerStack = new Stack(app, 'Reader');
    stack.grantRead(new iam.Role(readerStack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
    template = Template.fromStack(stack);
    readerTemplate = Template.fromStack(readerStack);
  }, SYNTH_TIMEOUT_MS);

  it('grantRead gives a reader the table, its indexes and the bodies bucket, read only', () => {
    const policies = Object.values(readerTemplate.findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    const statements = policies[0]?.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 's3:GetObject*']));
    expect(actions.filter((a) => /Put|Delete|Update|Write/.test(a))).toEqual([]);
    expect(JSON.stringify(statements)).toContain('/index/*');
  });

  it('filters notifications by prefix and suffix and scopes object reads to the prefix', () => {
    const filter = { Key: { FilterRules: [{ Name: 'suffix', Value: '.txt' }, { Name: 'prefix', Value: 'incoming/' }] } };
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          { Events: ['s3:ObjectCreated:*'], QueueArn: getAtt('IngestQueue', 'Arn'), Filter: filter },
          { Events: ['s3:ObjectRemoved:*'], QueueArn: getAtt('IngestQueue', 'Arn'), Filter: filter },
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Resource: { 'Fn::Join': ['', [getAtt('RawArticlesBucket', 'Arn'), '/incoming/*']] },
          }),
        ]),
      },
    });
  });

  it('sizes the queue from the function timeout and batching window', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 6 * 60 + 2, RedrivePolicy: Match.anyValue() });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 5,
      MaximumBatchingWindowInSeconds: 2,
      ScalingConfig: { MaximumConcurrency: 5 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 2048,
      Timeout: 60,
      ReservedConcurrentExecutions: 10,
      Environment: { Variables: Match.objectLike({ MAX_OBJECT_BYTES: '1000000', LOG_LEVEL: 'DEBUG' }) },
    });
  });

  it('creates a KMS-encrypted, TLS-only alarm topic that CloudWatch can publish to, and wires every alarm', () => {
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
    const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
    expect(keyId && topicId).toBeTruthy();
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: getAtt(keyId as string, 'Arn') });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
          }),
        ]),
      },
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([ref(topicId as string)]);
      expect(alarm.Properties.OKActions).toEqual([ref(topicId as string)]);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 1800 });
    template.hasOutput('AlarmTopicArn', { Value: ref(topicId as string) });
  });

  it('stays free of unacknowledged cdk-nag findings', () => {
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });
});

describe('rejected props', () => {
  /** Builds a stack in a fresh App (no bundling); returns the thrown error. */
  function stackError(props: ArticleIngestStackProps): unknown {
    try {
      new ArticleIngestStack(testApp(), 'Rejected', props);
    } catch (err) {
      return err;
    }
    return undefined;
  }

  it('alarmTopic with createAlarmTopic', () => {
    const app = testApp();
    const topic = sns.Topic.fromTopicArn(new Stack(app, 'Other'), 'T', 'arn:aws:sns:eu-west-1:111111111111:t');
    const err = stackError({ alarmTopic: topic, createAlarmTopic: true });
    expect(err).toBeInstanceOf(ConflictingPropsError);
    expect((err as Error).message).toMatch(/`alarmTopic` and `createAlarmTopic`/);
  });

  it('a queue visibility timeout under 6 x the function timeout', () => {
    const err = stackError({ queueVisibilityTimeout: Duration.seconds(100), ingest: { timeout: Duration.seconds(20) } });
    expect(err).toBeInstanceOf(ConflictingPropsError);
    expect((err as Error).message).toMatch(/`queueVisibilityTimeout` and `ingest.timeout`.*100 s.*120 s/);
    expect(stackError({ queueVisibilityTimeout: Duration.seconds(120), ingest: { timeout: Duration.seconds(20) } })).toBeUndefined();
  });

  it('maxConcurrency above reservedConcurrentExecutions', () => {
    const err = stackError({ ingest: { reservedConcurrentExecutions: 2, maxConcurrency: 5 } });
    expect(err).toBeInstanceOf(ConflictingPropsError);
    expect((err as Error).message).toMatch(/`maxConcurrency` and `reservedConcurrentExecutions`/);
  });

  it('a batch size above 10 without a batching window', () => {
    const err = stackError({ ingest: { batchSize: 100, maxBatchingWindow: Duration.seconds(0) } });
    expect((err as Error).message).toMatch(/`batchSize` and `maxBatchingWindow`/);
    expect(stackError({ ingest: { batchSize: 0 } })).toBeInstanceOf(InvalidPropError);
  });

  it('environment variables the construct owns', () => {
    const err = stackError({ ingest: { environment: { TABLE_NAME: 'other', EXTRA: 'ok' } } });
    expect(err).toBeInstanceOf(ConflictingPropsError);
    expect((err as Error).message).toMatch(/`environment.TABLE_NAME`/);
  });

  it('a raw key prefix with a leading slash, an empty suffix, a non-positive max object size', () => {
    expect((stackError({ rawKeyPrefix: '/incoming' }) as Error).message).toMatch(/`rawKeyPrefix`/);
    expect((stackError({ rawKeySuffix: '' }) as Error).message).toMatch(/`rawKeySuffix`/);
    expect((stackError({ ingest: { maxObjectBytes: 0 } }) as Error).message).toMatch(/`maxObjectBytes`/);
  });

  it('SecureBucket: public access, plain HTTP, a data bucket without access logs, an access-log bucket that logs', () => {
    const stack = new Stack(testApp(), 'Buckets');
    const logs = new SecureBucket(stack, 'Logs', { kind: 'access-logs' });
    expect(() => new SecureBucket(stack, 'A', { serverAccessLogsBucket: logs, publicReadAccess: true })).toThrow(/`publicReadAccess`/);
    expect(() => new SecureBucket(stack, 'B', { serverAccessLogsBucket: logs, enforceSSL: false })).toThrow(/`enforceSSL`/);
    expect(() => new SecureBucket(stack, 'C')).toThrow(/`kind` and `serverAccessLogsBucket`/);
    expect(() => new SecureBucket(stack, 'D', { kind: 'access-logs', serverAccessLogsBucket: logs })).toThrow(/`kind` and `serverAccessLogsBucket`/);
  });

  it('ArticlesTable: capacities with on-demand billing, a key without customer-managed encryption', () => {
    const stack = new Stack(testApp(), 'Tables');
    expect(() => new ArticlesTable(stack, 'A', { readCapacity: 5 })).toThrow(/`billingMode` and `readCapacity\/writeCapacity`/);
    const key = new kms.Key(stack, 'Key');
    expect(() => new ArticlesTable(stack, 'B', { encryptionKey: key })).toThrow(/`encryptionKey` and `encryption`/);
    expect(() => new ArticlesTable(stack, 'C', { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key })).not.toThrow();
  });

  it('IngestQueue and IngestAlarms: their own range checks', () => {
    const stack = new Stack(testApp(), 'Parts');
    expect(() => new IngestQueue(stack, 'Q', { consumerTimeout: Duration.seconds(30), visibilityTimeout: Duration.seconds(60) })).toThrow(
      /`visibilityTimeout` and `consumerTimeout`/,
    );
    expect(() => new IngestQueue(stack, 'R', { consumerTimeout: Duration.seconds(30), maxReceiveCount: 0 })).toThrow(/`maxReceiveCount`/);
    const queue = new sqs.Queue(stack, 'S');
    const fn = new lambda.Function(stack, 'F', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('export const handler = () => {}') });
    expect(() => new IngestAlarms(stack, 'A', { queue, deadLetterQueue: queue, function: fn, queueAgeThreshold: Duration.seconds(30) })).toThrow(
      /`queueAgeThreshold`/,
    );
  });
});
