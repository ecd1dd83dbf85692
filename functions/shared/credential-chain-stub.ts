/**
 * Stand-in for `@aws-sdk/credential-provider-node` in the Lambda bundle ONLY (esbuild alias in
 * lib/defaults.ts `bundlingDefaults()`); never imported by project code.
 *
 * The SDK clients import the default credential chain statically, as the fallback for a client
 * built without `credentials`. The deployed function always passes them (`credentialsFromEnv()`
 * in functions/ingest/deps.ts), so the chain is dead code there, ~115 KB minified. If a client in
 * the bundle is ever built without credentials, its first request fails with this error instead
 * of silently trying profiles and instance metadata.
 */
import { CredentialsNotBundledError } from './errors.ts';

/** Same export as the real package: `defaultProvider(init)` -> a credential provider. */
export const defaultProvider =
  (_init: unknown = {}) =>
  (): Promise<never> =>
    Promise.reject(
      new CredentialsNotBundledError(
        'the default credential chain is not in the Lambda bundle: build SDK clients with explicit credentials (credentialsFromEnv())',
      ),
    );
