/** Errors of the operator tools in ops/. */
export class OpsError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OpsError';
  }
}

/** Listing the bodies bucket failed: the sweep cannot decide anything and stops. */
export class BodyListError extends OpsError {
  public readonly bucket: string;

  public constructor(message: string, bucket: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BodyListError';
    this.bucket = bucket;
  }
}
