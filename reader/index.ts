/** Typed read access to ingested articles for downstream services. */
export { ArticleReader, DEFAULT_PAGE_SIZE } from './article-reader.ts';
export { BodyFetchError, MalformedBodyError, ReaderError } from './errors.ts';
export type { Article, ArticlePage, ArticleReaderProps, ArticleRecord, ArticleStatus, BodyRef, ListByDayOptions } from './types.ts';
