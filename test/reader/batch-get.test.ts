/** The reader's BatchGetItem path, with the document client mocked: chunking, order, retries. */
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ArticleReader, BATCH_GET_ATTEMPTS, BATCH_GET_MAX_KEYS, UnprocessedKeysError } from '../../reader/index.ts';

const TABLE = 'articles';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddbMock = mockClient(ddb);
const reader = new ArticleReader({ ddb, s3: new S3Client({ region: 'us-east-1' }), tableName: TABLE, bodiesBucket: 'bodies' });

const id = (i: number): string => `id-${String(i).padStart(4, '0')}`;
const item = (articleId: string) => ({ articleId, title: `t ${articleId}`, body: 'b', contentHash: 'h', cleanerVersion: '1.0.0' });
type Key = { articleId: string };
const requestedKeys = (call: number): string[] =>
  ((ddbMock.commandCalls(BatchGetCommand)[call]!.args[0].input.RequestItems![TABLE]!.Keys ?? []) as Key[]).map((k) => k.articleId);

afterEach(() => {
  ddbMock.reset();
});

describe('ArticleReader BatchGetItem', () => {
  it('reads index hits in chunks of 100 and returns the records in index order', async () => {
    const ids = Array.from({ length: BATCH_GET_MAX_KEYS + 30 }, (_, i) => id(i));
    ddbMock.on(QueryCommand).resolves({ Items: ids.map((articleId) => ({ articleId })) });
    // Responses come back in any order (as DynamoDB's do).
    ddbMock.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Key[] }> }) => ({
      Responses: { [TABLE]: [...input.RequestItems[TABLE]!.Keys].reverse().map((k) => item(k.articleId)) },
    }));
    const found = await reader.findByContentHash('h');
    expect(found.map((a) => a.articleId)).toEqual(ids);
    expect(ddbMock.commandCalls(BatchGetCommand).map((c, i) => requestedKeys(i).length)).toEqual([BATCH_GET_MAX_KEYS, 30]);
  });

  it('retries unprocessed keys, and leaves out ids that have no record', async () => {
    ddbMock.on(QueryCommand).resolves({ Items: [{ articleId: id(1) }, { articleId: id(2) }, { articleId: id(3) }] });
    ddbMock
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [TABLE]: [item(id(1))] }, UnprocessedKeys: { [TABLE]: { Keys: [{ articleId: id(2) }, { articleId: id(3) }] } } })
      .resolves({ Responses: { [TABLE]: [item(id(3))] } });
    const found = await reader.findByContentHash('h');
    expect(found.map((a) => a.articleId)).toEqual([id(1), id(3)]);
    expect(requestedKeys(1)).toEqual([id(2), id(3)]);
  });

  it('gives up with UnprocessedKeysError naming the keys when throttling does not stop', async () => {
    ddbMock.on(QueryCommand).resolves({ Items: [{ articleId: id(7) }] });
    ddbMock.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: [{ articleId: id(7) }] } } });
    const err = await reader.findByContentHash('h').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessedKeysError);
    expect((err as UnprocessedKeysError).articleIds).toEqual([id(7)]);
    expect(ddbMock.commandCalls(BatchGetCommand)).toHaveLength(BATCH_GET_ATTEMPTS);
  });
});
