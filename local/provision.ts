/**
 * Create what the CDK stack would: the raw and bodies buckets and the articles table, whose
 * keys and indexes come from lib/table-schema.ts (the one source of truth).
 */
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { ARTICLES_TABLE, KEY_ATTRIBUTE_TYPE, projectedAttributes } from '../lib/table-schema.ts';

/** CreateTable input for the articles table, derived from ARTICLES_TABLE. */
export function articlesTableDefinition(tableName: string) {
  const indexes = Object.values(ARTICLES_TABLE.indexes);
  const attributeNames = new Set<string>([ARTICLES_TABLE.partitionKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributeNames].map((AttributeName) => ({ AttributeName, AttributeType: KEY_ATTRIBUTE_TYPE })),
    KeySchema: [{ AttributeName: ARTICLES_TABLE.partitionKey, KeyType: 'HASH' as const }],
    GlobalSecondaryIndexes: indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: projectedAttributes(i) },
    })),
  };
}

export async function ensureBucket(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return false;
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    return true;
  }
}

export async function ensureTable(dynamo: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  await dynamo.send(new CreateTableCommand(articlesTableDefinition(tableName)));
  // dynalite keeps a table CREATING for createTableMs (0 here); wait for ACTIVE anyway.
  for (let i = 0; i < 100; i++) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}
