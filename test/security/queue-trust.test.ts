/**
 * Who can put work on the ingest queue, and what a forged notification can do.
 *
 * The handler trusts the notification it receives: bucket, key, event type and sequencer. So the
 * ingest queue must accept S3 notifications only from this account's raw bucket. Bucket ARNs carry
 * no account id (arn:aws:s3:::name): a condition on aws:SourceArn alone also matches a bucket
 * of the same name re-created in another account after this one is deleted (the confused-deputy
 * case AWS documents for S3 -> SQS); aws:SourceAccount closes it.
 *
 * The runtime half shows what a principal allowed to SendMessage (an operator, the CLI's
 * reprocess/redrive, or stolen credentials) could do with a forged message.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ArticleIngestStack } from '../../lib/article-ingest-stack.ts';
import { articleIdFor } from '../../functions/shared/record.ts';
import { disposeApp, testApp } from '../cdk/helpers.ts';
import { createFakeBucket, type FakeBucket } from '../reliability/support/fake-s3.ts';
import { createFakeTable, type FakeTable } from '../reliability/support/fake-table.ts';
import { articleText, BUCKET, failedIds, makeHandler, sqsRecordFor, type Invoke } from '../reliability/support/harness.ts';

type Json = Record<string, any>;

describe('ingest queue policy (synthesised template)', () => {
  let app: ReturnType<typeof testApp>;
  let statements: Json[];

  beforeAll(() => {
    app = testApp({ bundle: false });
    const template = Template.fromStack(new ArticleIngestStack(app, 'ArticleIngest'));
    statements = Object.values(template.findResources('AWS::SQS::QueuePolicy')).flatMap(
      (p: Json) => p.Properties.PolicyDocument.Statement as Json[],
    );
  }, 240_000);
  afterAll(() => disposeApp(app));

  const s3Allows = (): Json[] =>
    statements.filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal ?? {}).includes('s3.amazonaws.com'));

  it('lets the S3 service send only on behalf of the raw bucket', () => {
    expect(s3Allows().length).toBeGreaterThan(0);
    for (const s of s3Allows()) expect(JSON.stringify(s.Condition)).toContain('aws:SourceArn');
  });

  // Was a finding: the S3 -> SQS statement CDK generates conditions on aws:SourceArn only.
  // lib/ingest-queue.ts adds a Deny of sqs:SendMessage for s3.amazonaws.com unless aws:SourceAccount
  // is this stack's account.
  it('also pins aws:SourceAccount (bucket names can be re-registered by another account)', () => {
    const pinned = statements.some(
      (s) =>
        JSON.stringify(s.Principal ?? {}).includes('s3.amazonaws.com') &&
        JSON.stringify(s.Condition ?? {}).includes('aws:SourceAccount'),
    );
    expect(pinned).toBe(true);
  });
});

describe('what a forged notification can do (runtime)', () => {
  let table: FakeTable;
  let bucket: FakeBucket;
  let invoke: Invoke;
  const key = 'politics/story.txt';
  const id = articleIdFor(BUCKET, key);

  beforeEach(async () => {
    table = createFakeTable('articles');
    bucket = createFakeBucket();
    invoke = makeHandler({ s3: bucket.s3, ddb: table.ddb, tableName: 'articles' });
    bucket.put(BUCKET, key, articleText('genuine'));
    await invoke([sqsRecordFor({ kind: 'Put', bucket: BUCKET, key, sequencer: '0055AED6DCD9028100' })]);
    expect(table.items.get(id)).toMatchObject({ status: 'ok' });
  });
  afterEach(() => {
    table.restore();
    bucket.restore();
  });

  it('a forged ObjectCreated cannot inject content: the body always comes from S3', async () => {
    // The message claims a new upload; the handler reads the object itself.
    await invoke([sqsRecordFor({ kind: 'Put', bucket: BUCKET, key, sequencer: '0055AED6DCD9028200', size: 10 })]);
    expect(String(table.items.get(id)!.body)).toContain('genuine');
  });

  it('a notification for another bucket cannot overwrite this bucket\'s record (articleId covers the bucket)', async () => {
    // In AWS the role may read only the raw bucket (test/cdk pins it), so this would fail with
    // AccessDenied and end in the DLQ; even where it can be read, it lands in its own record.
    bucket.put('someone-elses-bucket', key, articleText('forged'));
    expect(failedIds(await invoke([sqsRecordFor({ kind: 'Put', bucket: 'someone-elses-bucket', key, sequencer: 'F'.repeat(32) }, 'm-x')]))).toEqual([]);
    expect(String(table.items.get(id)!.body)).toContain('genuine');
    expect(table.items.get(articleIdFor('someone-elses-bucket', key))).toMatchObject({ sourceBucket: 'someone-elses-bucket' });
  });

  // Was a finding (defence in depth): an ObjectRemoved notification was trusted without checking
  // S3, so a forged delete with a large sequencer tombstoned a live article and every later genuine
  // event for the key was refused as 'stale'. Every ObjectRemoved now reads the key first.
  it('a forged ObjectRemoved for an object that still exists does not hide the article', async () => {
    await invoke([sqsRecordFor({ kind: 'Delete', bucket: BUCKET, key, sequencer: 'F'.repeat(32) })]);
    expect(table.items.get(id)).toMatchObject({ status: 'ok' });
  });

  it('a forged ObjectRemoved with a huge sequencer does not block later genuine events', async () => {
    await invoke([sqsRecordFor({ kind: 'Delete', bucket: BUCKET, key, sequencer: 'F'.repeat(32) })]);
    bucket.put(BUCKET, key, articleText('updated'));
    await invoke([sqsRecordFor({ kind: 'Put', bucket: BUCKET, key, sequencer: '0055AED6DCD9028300' })]);
    expect(table.items.get(id)).toMatchObject({ status: 'ok', sourceSequencer: '0055AED6DCD902830000000000000000' });
    expect(String(table.items.get(id)!.body)).toContain('updated');
  });

  it('a genuine delete (the object is gone) still writes the tombstone', async () => {
    bucket.remove(BUCKET, key);
    await invoke([sqsRecordFor({ kind: 'Delete', bucket: BUCKET, key, sequencer: '0055AED6DCD9028300' })]);
    expect(table.items.get(id)).toMatchObject({ status: 'deleted' });
  });
});
