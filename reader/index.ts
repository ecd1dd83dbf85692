/** Typed read access to ingested articles for downstream services. */
export { ArticleReader, BATCH_GET_ATTEMPTS, BATCH_GET_MAX_KEYS, DEFAULT_PAGE_SIZE } from './article-reader.ts';
export { BodyFetchError, MalformedBodyError, ReaderError, UnprocessedKeysError } from './errors.ts';
export type {
  Article, ArticlePage, ArticleReaderProps, ArticleRecord, ArticleStatus, ArticleSummary, BodyRef, ListByDayOptions, SummaryPage,
} from './types.ts';
