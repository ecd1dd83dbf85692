import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS, createClients } from '../../functions/shared/clients.ts';

const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };

describe('createClients', () => {
  it('points both clients at injected endpoints (the only local/AWS difference)', async () => {
    const { s3, ddb } = createClients({
      endpoints: { s3: 'http://127.0.0.1:4569', dynamodb: 'http://127.0.0.1:4567' },
      region: 'eu-west-1',
      credentials,
      forcePathStyle: true,
    });
    const s3Endpoint = await s3.config.endpoint?.();
    const ddbEndpoint = await ddb.config.endpoint?.();
    expect(`${s3Endpoint?.hostname}:${s3Endpoint?.port}`).toBe('127.0.0.1:4569');
    expect(`${ddbEndpoint?.hostname}:${ddbEndpoint?.port}`).toBe('127.0.0.1:4567');
    expect(s3.config.forcePathStyle).toBe(true);
    expect(await s3.config.region()).toBe('eu-west-1');
  });

  it('only checksums when required (s3rver stores aws-chunked bodies verbatim otherwise)', async () => {
    const { s3 } = createClients({ region: 'eu-west-1', credentials });
    expect(await s3.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await s3.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
  });

  it('retries up to 4 attempts by default', async () => {
    const { s3, ddb } = createClients({ region: 'eu-west-1', credentials });
    expect(DEFAULT_MAX_ATTEMPTS).toBe(4);
    expect(await s3.config.maxAttempts()).toBe(4);
    expect(await ddb.config.maxAttempts()).toBe(4);
    expect(s3.config.forcePathStyle).toBe(false);
  });

  it('drops undefined attributes when marshalling', () => {
    const { ddb } = createClients({ region: 'eu-west-1', credentials });
    expect(ddb.config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
  });
});
