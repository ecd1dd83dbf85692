/**
 * An in-memory DynamoDB table behind a real DynamoDBDocumentClient (aws-sdk-client-mock), so the
 * real DynamoArticleStore runs unchanged: PutCommand honours ConditionExpression with the same
 * semantics as DynamoDB (see condition.ts) and throws ConditionalCheckFailedException; GetCommand
 * and DeleteCommand work by partition key. Items are deep-copied in and out, as over the wire.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ARTICLES_TABLE } from '../../../lib/table-schema.ts';
import { evaluateCondition, type Item } from './condition.ts';

const copy = <T>(v: T): T => structuredClone(v);

export interface FakeTable {
  readonly ddb: DynamoDBDocumentClient;
  readonly items: Map<string, Item>;
  /** Every PutCommand input received, in order (including refused ones). */
  readonly puts: PutCommandInput[];
  /** Hook run before each put is applied (inject faults by throwing, or delays by awaiting). */
  beforePut?: (input: PutCommandInput) => void | Promise<void>;
  /** Mutation switch for tests of the tests: apply every put unconditionally. @default false */
  ignoreConditions: boolean;
  restore(): void;
}

export function createFakeTable(tableName: string): FakeTable {
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  const mock = mockClient(ddb);
  const key = ARTICLES_TABLE.partitionKey;
  const table: FakeTable = {
    ddb,
    items: new Map(),
    puts: [],
    ignoreConditions: false,
    restore: () => mock.restore(),
  };
  const checkTable = (name: string | undefined): void => {
    if (name !== tableName) throw new Error(`fake table: unexpected table ${String(name)}`);
  };

  mock.on(PutCommand).callsFake(async (input: PutCommandInput) => {
    checkTable(input.TableName);
    table.puts.push(copy(input));
    await table.beforePut?.(input);
    const item = copy(input.Item ?? {}) as Item;
    const id = item[key];
    if (typeof id !== 'string') throw new Error('fake table: item without a string partition key');
    const current = table.items.get(id);
    if (
      !table.ignoreConditions &&
      input.ConditionExpression !== undefined &&
      !evaluateCondition(input.ConditionExpression, current, input.ExpressionAttributeNames ?? {}, input.ExpressionAttributeValues ?? {})
    ) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });
    }
    table.items.set(id, item);
    return {};
  });
  mock.on(GetCommand).callsFake(async (input: { TableName?: string; Key?: Item }) => {
    checkTable(input.TableName);
    const item = table.items.get(String(input.Key?.[key]));
    return item === undefined ? {} : { Item: copy(item) };
  });
  mock.on(DeleteCommand).callsFake(async (input: { TableName?: string; Key?: Item; ConditionExpression?: string }) => {
    checkTable(input.TableName);
    if (input.ConditionExpression !== undefined) throw new Error('fake table: conditional delete not modelled');
    table.items.delete(String(input.Key?.[key]));
    return {};
  });
  return table;
}
