import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { accessLogBucketDefaults, mergeProps, secureBucketDefaults } from './defaults.ts';
import { ConflictingPropsError, InvalidPropError } from './errors.ts';

/** What a bucket is for: data buckets must log access; the access-log bucket must not log to itself. */
export type SecureBucketKind = 'data' | 'access-logs';

export interface SecureBucketProps extends s3.BucketProps {
  /**
   * `data`: versioned, server access logs required. `access-logs`: the destination of the others'
   * access logs (no versioning, logs expire after a year, no access logs of its own).
   * @default 'data'
   */
  readonly kind?: SecureBucketKind;
}

/**
 * An S3 bucket with the hardening of `secureBucketDefaults()` (or `accessLogBucketDefaults()`):
 * - block all public access, TLS-only bucket policy (TLS 1.2+), ACLs disabled (bucket owner enforced)
 * - SSE-S3 encryption, versioning (data buckets), RETAIN on stack deletion
 * - lifecycle: abort incomplete multipart uploads after 7 days, expire noncurrent versions after 90 days
 *
 * Any `s3.BucketProps` may override a default; public access and plain-HTTP access cannot be
 * turned back on (those are required, not defaults).
 */
export class SecureBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: SecureBucketProps = {}) {
    const { kind = 'data', ...bucketProps } = props;
    validate(kind, bucketProps);
    const defaults = kind === 'data' ? secureBucketDefaults() : accessLogBucketDefaults();
    super(
      scope,
      id,
      mergeProps(defaults, bucketProps, {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        publicReadAccess: false,
        enforceSSL: true,
      }),
    );
  }
}

function validate(kind: SecureBucketKind, props: s3.BucketProps): void {
  const name = 'SecureBucket';
  if (props.publicReadAccess === true) {
    throw new InvalidPropError(name, 'publicReadAccess', 'public access is always blocked on a SecureBucket');
  }
  if (props.enforceSSL === false) {
    throw new InvalidPropError(name, 'enforceSSL', 'plain-HTTP access is always denied on a SecureBucket');
  }
  if (props.blockPublicAccess !== undefined && props.blockPublicAccess !== s3.BlockPublicAccess.BLOCK_ALL) {
    throw new InvalidPropError(name, 'blockPublicAccess', 'only BlockPublicAccess.BLOCK_ALL is allowed');
  }
  if (kind === 'data' && props.serverAccessLogsBucket === undefined) {
    throw new ConflictingPropsError(name, ['kind', 'serverAccessLogsBucket'], "a 'data' bucket needs a serverAccessLogsBucket");
  }
  if (kind === 'access-logs' && props.serverAccessLogsBucket !== undefined) {
    throw new ConflictingPropsError(
      name,
      ['kind', 'serverAccessLogsBucket'],
      "an 'access-logs' bucket cannot itself log to a bucket (logs of logs loop or sprawl)",
    );
  }
  if (props.versioned === false && props.lifecycleRules === undefined && kind === 'data') {
    throw new ConflictingPropsError(
      name,
      ['versioned', 'lifecycleRules'],
      'versioned: false keeps the default noncurrent-version rules; pass lifecycleRules explicitly',
    );
  }
}
