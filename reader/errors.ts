/** Errors of the ArticleReader. */
export class ReaderError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReaderError';
  }
}

/** A record points at an offloaded body (bodyRef) that cannot be read back. */
export class BodyFetchError extends ReaderError {
  public readonly articleId: string;
  public readonly bucket: string;
  public readonly key: string;

  public constructor(articleId: string, bucket: string, key: string, options?: { cause?: unknown }) {
    super(`article ${articleId}: cannot read its offloaded body s3://${bucket}/${key}`, options);
    this.name = 'BodyFetchError';
    this.articleId = articleId;
    this.bucket = bucket;
    this.key = key;
  }
}

/** The offloaded body object is not the `{ body, removed, images }` JSON the ingest function writes. */
export class MalformedBodyError extends ReaderError {
  public readonly articleId: string;

  public constructor(articleId: string, detail: string, options?: { cause?: unknown }) {
    super(`article ${articleId}: offloaded body is malformed: ${detail}`, options);
    this.name = 'MalformedBodyError';
    this.articleId = articleId;
  }
}

/** BatchGetItem kept returning unprocessed keys (throttling) after every retry. */
export class UnprocessedKeysError extends ReaderError {
  public readonly articleIds: readonly string[];

  public constructor(articleIds: readonly string[], attempts: number) {
    super(`${articleIds.length} record(s) still unprocessed by BatchGetItem after ${attempts} attempts (table throttled?)`);
    this.name = 'UnprocessedKeysError';
    this.articleIds = articleIds;
  }
}
