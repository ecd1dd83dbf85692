/**
 * Errors of the ingest path. One base class; every subclass sets `name`, keeps the
 * underlying error as `cause` and carries the context a reader needs (bucket, key,
 * variable). Messages never embed untrusted text beyond the key the error is about;
 * loggers should read `context` as structured fields.
 */

/** Context attached to an ingest error; all optional, all plain data. */
export interface IngestErrorContext {
  readonly bucket?: string;
  readonly key?: string;
  readonly articleId?: string;
  readonly variable?: string;
  readonly messageId?: string;
  readonly [extra: string]: unknown;
}

export interface IngestErrorOptions {
  readonly cause?: unknown;
  readonly context?: IngestErrorContext;
}

export class IngestError extends Error {
  public readonly context: IngestErrorContext;

  public constructor(message: string, options: IngestErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IngestError';
    this.context = options.context ?? {};
  }
}

/** A required environment variable is missing or malformed. */
export class ConfigError extends IngestError {
  public constructor(message: string, options: IngestErrorOptions = {}) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** An SQS message body is not an S3 notification we can read. The message must fail (retry, then DLQ). */
export class EventParseError extends IngestError {
  public constructor(message: string, options: IngestErrorOptions = {}) {
    super(message, options);
    this.name = 'EventParseError';
  }
}

/** Reading the uploaded object from S3 failed for a reason other than "it is gone". */
export class ObjectReadError extends IngestError {
  public constructor(message: string, options: IngestErrorOptions = {}) {
    super(message, options);
    this.name = 'ObjectReadError';
  }
}

/** Writing the record (or its offloaded body) failed. */
export class StoreError extends IngestError {
  public constructor(message: string, options: IngestErrorOptions = {}) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** The item is over the size budget even with body, removed and images offloaded (thousands of authors, say). */
export class RecordTooLargeError extends StoreError {
  /** Estimated size of the item with its content offloaded. */
  public readonly bytes: number;

  public constructor(message: string, bytes: number, options: IngestErrorOptions = {}) {
    super(message, options);
    this.name = 'RecordTooLargeError';
    this.bytes = bytes;
  }
}

/** An SDK client of the Lambda bundle was built without credentials (the default chain is not bundled). */
export class CredentialsNotBundledError extends IngestError {
  public constructor(message: string, options: IngestErrorOptions = {}) {
    super(message, options);
    this.name = 'CredentialsNotBundledError';
  }
}
