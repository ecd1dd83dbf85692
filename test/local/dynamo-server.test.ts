/** startDynamoServer on a worker thread (what LocalStack uses) and in process (the default): same service, clean shutdown. */
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDynamoServer } from '../../local/dynamo-server.ts';
import { ServerStartError } from '../../local/errors.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

async function createAndList(endpoint: string, table: string): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      }),
    );
    return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  } finally {
    client.destroy();
  }
}

describe('startDynamoServer', () => {
  it.each([
    ['on a worker thread', true],
    ['in process', false],
  ])('%s serves DynamoDB on loopback and closes (twice is fine)', async (_what, worker) => {
    const server = await startDynamoServer({ worker });
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await createAndList(server.endpoint, 'table-one')).toEqual(['table-one']);
    await server.close();
    await server.close();
  });

  it('a worker-thread server on disk keeps its tables across a restart (the LevelDB lock is released)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dynamo-worker-'));
    try {
      const first = await startDynamoServer({ directory: dir, worker: true });
      await createAndList(first.endpoint, 'kept');
      await first.close();
      const second = await startDynamoServer({ directory: dir, worker: true });
      expect(await createAndList(second.endpoint, 'added')).toEqual(['added', 'kept']);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a port in use is a ServerStartError (the worker reports the listen error)', async () => {
    const taken = await startDynamoServer({ worker: true });
    try {
      await expect(startDynamoServer({ port: taken.address.port, worker: true })).rejects.toBeInstanceOf(ServerStartError);
    } finally {
      await taken.close();
    }
  });
});
