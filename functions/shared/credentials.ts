/**
 * Credentials of the deployed function's own SDK clients: the role credentials Lambda puts in the
 * environment of every execution environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN). Read once, no provider chain.
 *
 * Why not the SDK's default chain: on Lambda it always ends at the environment anyway, and the
 * chain (SSO, ini files, process, web identity, container/IMDS, login: the credential providers and
 * their nested STS/SSO clients) was ~115 KB of the minified bundle and ~20 ms of module init.
 * With this, the Lambda bundle replaces `@aws-sdk/credential-provider-node` by
 * `credential-chain-stub.ts` (esbuild alias in lib/defaults.ts `bundlingDefaults()`).
 *
 * Only `defaultDeps()` (the deployed handler) uses this; the local stack passes static credentials
 * and the CLI keeps the default chain (profiles, SSO) through `createClients()`.
 */
import { envValue, requiredEnv, type Env } from './config.ts';
import { ConfigError } from './errors.ts';

/** The variables Lambda sets for the function's execution role. */
export const CREDENTIAL_ENV = {
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN',
  /** Optional, ISO 8601 (set by some hosts, not by Lambda). */
  expiration: 'AWS_CREDENTIAL_EXPIRATION',
} as const;

/** Static credentials (the shape of the SDK's AwsCredentialIdentity). */
export interface EnvCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/**
 * The credentials in `env`; throws ConfigError naming the missing variable (checked at init, so a
 * broken environment fails every invocation with a clear message rather than a signing error).
 */
export function credentialsFromEnv(env: Env = process.env): EnvCredentials {
  const accessKeyId = requiredEnv(env, CREDENTIAL_ENV.accessKeyId);
  const secretAccessKey = requiredEnv(env, CREDENTIAL_ENV.secretAccessKey);
  const sessionToken = envValue(env, CREDENTIAL_ENV.sessionToken);
  const expirationText = envValue(env, CREDENTIAL_ENV.expiration);
  const expiration = expirationText === undefined ? undefined : new Date(expirationText);
  if (expiration !== undefined && Number.isNaN(expiration.getTime())) {
    throw new ConfigError(`environment variable ${CREDENTIAL_ENV.expiration} must be an ISO 8601 date`, { context: { variable: CREDENTIAL_ENV.expiration } });
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken === undefined ? {} : { sessionToken }),
    ...(expiration === undefined ? {} : { expiration }),
  };
}
