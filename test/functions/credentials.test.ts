/**
 * The deployed function's credentials come from the environment Lambda sets, not from the SDK's
 * default chain (which the Lambda bundle leaves out: see lib/defaults.ts BUNDLE_ALIASES).
 */
import { describe, expect, it } from 'vitest';
import { defaultDeps } from '../../functions/ingest/deps.ts';
import { defaultProvider } from '../../functions/shared/credential-chain-stub.ts';
import { CREDENTIAL_ENV, credentialsFromEnv } from '../../functions/shared/credentials.ts';
import { ConfigError, CredentialsNotBundledError } from '../../functions/shared/errors.ts';

const LAMBDA_ENV = {
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'token',
  AWS_REGION: 'eu-west-1',
  TABLE_NAME: 'articles',
  BODIES_BUCKET: 'bodies',
};

describe('credentialsFromEnv', () => {
  it('reads the role credentials Lambda sets', () => {
    expect(credentialsFromEnv(LAMBDA_ENV)).toEqual({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
  });

  it('works without a session token and reads an optional expiration', () => {
    const c = credentialsFromEnv({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z' });
    expect(c).toEqual({ accessKeyId: 'a', secretAccessKey: 'b', expiration: new Date('2030-01-01T00:00:00Z') });
    expect(() => credentialsFromEnv({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_CREDENTIAL_EXPIRATION: 'soon' })).toThrow(CREDENTIAL_ENV.expiration);
  });

  it.each([CREDENTIAL_ENV.accessKeyId, CREDENTIAL_ENV.secretAccessKey])('names the missing variable %s', (name) => {
    const env: Record<string, string> = { ...LAMBDA_ENV };
    delete env[name];
    expect(() => credentialsFromEnv(env)).toThrow(ConfigError);
    expect(() => credentialsFromEnv(env)).toThrow(name);
    expect(() => credentialsFromEnv({ ...LAMBDA_ENV, [name]: ' ' })).toThrow(name);
  });
});

describe('defaultDeps (the deployed handler)', () => {
  it('gives both clients the environment credentials, so the default chain is never consulted', async () => {
    const deps = defaultDeps(LAMBDA_ENV);
    for (const client of [deps.s3, deps.ddb]) {
      const identity = await client.config.credentials();
      expect(identity).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
    }
    expect(deps.config).toMatchObject({ tableName: 'articles', bodiesBucket: 'bodies' });
  });

  it('fails with ConfigError when Lambda credentials are absent', () => {
    const { AWS_ACCESS_KEY_ID: _gone, ...env } = LAMBDA_ENV;
    expect(() => defaultDeps(env)).toThrow(ConfigError);
  });
});

describe('credential-chain-stub (what the Lambda bundle has instead of the default chain)', () => {
  it('exports the same factory and fails loudly if a client without credentials ever reaches it', async () => {
    const provider = defaultProvider({ profile: 'x' });
    await expect(provider()).rejects.toBeInstanceOf(CredentialsNotBundledError);
    await expect(defaultProvider()()).rejects.toThrow('credentialsFromEnv');
  });
});
