/**
 * The ingest function's configuration, read from the environment once into a typed object.
 * `loadConfig(env)` is pure (tests pass their own env); `getConfig()` caches the result for
 * `process.env`. Missing or malformed variables raise a ConfigError naming the variable.
 */
import { ConfigError } from './errors.ts';

/** 10 MiB: larger uploads are recorded as 'rejected' without being downloaded. */
export const DEFAULT_MAX_OBJECT_BYTES = 10 * 1024 * 1024;
export const DEFAULT_SERVICE_NAME = 'article-ingest';
export const DEFAULT_METRICS_NAMESPACE = 'ArticleIngest';

/** Environment variable names, in one place for the CDK stack and the local stack. */
export const ENV = {
  tableName: 'TABLE_NAME',
  bodiesBucket: 'BODIES_BUCKET',
  maxObjectBytes: 'MAX_OBJECT_BYTES',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
} as const;

export interface IngestConfig {
  /** DynamoDB table of article records (required, `TABLE_NAME`). */
  readonly tableName: string;
  /** Bucket for bodies too large for one DynamoDB item (required, `BODIES_BUCKET`). */
  readonly bodiesBucket: string;
  /** Objects larger than this are rejected unread. @default 10485760 (`MAX_OBJECT_BYTES`) */
  readonly maxObjectBytes: number;
  /** @default 'article-ingest' (`POWERTOOLS_SERVICE_NAME`) */
  readonly serviceName: string;
  /** @default 'ArticleIngest' (`POWERTOOLS_METRICS_NAMESPACE`) */
  readonly metricsNamespace: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The variable's value, trimmed; undefined when unset or blank. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** The variable's value; throws ConfigError naming it when unset or blank. */
export function requiredEnv(env: Env, name: string): string {
  const value = envValue(env, name);
  if (value === undefined) throw new ConfigError(`missing required environment variable ${name}`, { context: { variable: name } });
  return value;
}

function positiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0 || !Number.isSafeInteger(Number(raw))) {
    throw new ConfigError(`environment variable ${name} must be a positive integer (bytes), got ${JSON.stringify(raw)}`, {
      context: { variable: name },
    });
  }
  return Number(raw);
}

/** Reads and validates the configuration from `env` (pure; throws ConfigError). */
export function loadConfig(env: Env = process.env): IngestConfig {
  return Object.freeze({
    tableName: requiredEnv(env, ENV.tableName),
    bodiesBucket: requiredEnv(env, ENV.bodiesBucket),
    maxObjectBytes: positiveInteger(env, ENV.maxObjectBytes, DEFAULT_MAX_OBJECT_BYTES),
    serviceName: envValue(env, ENV.serviceName) ?? DEFAULT_SERVICE_NAME,
    metricsNamespace: envValue(env, ENV.metricsNamespace) ?? DEFAULT_METRICS_NAMESPACE,
  });
}

let cached: IngestConfig | undefined;

/** The configuration of this process, read from `process.env` on first use and then cached. */
export function getConfig(): IngestConfig {
  cached ??= loadConfig(process.env);
  return cached;
}
