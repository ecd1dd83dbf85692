/** Public types of the reader: the record as downstream services see it. */
import type { ArticleRecord, ArticleStatus, BodyRef } from '../functions/shared/record.ts';
import type { SUMMARY_ATTRIBUTES } from '../lib/table-schema.ts';

export type { ArticleRecord, ArticleStatus, BodyRef };

/** A record with its body in place (fetched from the bodies bucket when it was offloaded). */
export type Article = ArticleRecord;

export interface ArticleReaderProps {
  /** Document client (lib-dynamodb), e.g. from functions/shared/clients.ts createClients(). */
  readonly ddb: import('@aws-sdk/lib-dynamodb').DynamoDBDocumentClient;
  /** Reads offloaded bodies. */
  readonly s3: import('@aws-sdk/client-s3').S3Client;
  readonly tableName: string;
  /** The bucket bodies are offloaded to (bodyRef.bucket is used when present). */
  readonly bodiesBucket: string;
  /** Consistent reads for get()/getByKey() (GSIs are always eventually consistent). @default false */
  readonly consistentRead?: boolean;
  /** Fetch offloaded bodies; false leaves `body` as stored and keeps `bodyRef`. @default true */
  readonly fetchBodies?: boolean;
}

/**
 * What an index holds of a record: its keys and SUMMARY_ATTRIBUTES (lib/table-schema.ts). Listing
 * summaries reads the index alone (no body, no BatchGetItem): the cheap way to page through a day.
 */
export type ArticleSummary = Pick<ArticleRecord, 'articleId' | 'ingestDay' | 'ingestedAt' | (typeof SUMMARY_ATTRIBUTES)[number]>;

export interface SummaryPage {
  readonly items: readonly ArticleSummary[];
  /** Opaque; pass as `startToken` to continue. Absent on the last page. */
  readonly nextToken?: string;
}

export interface ListByDayOptions {
  /** Items per page (DynamoDB Limit). @default 100 */
  readonly limit?: number;
  /** @default true */
  readonly newestFirst?: boolean;
  /** Continue after a page's `nextToken`. @default - from the start */
  readonly startToken?: string;
}

export interface ArticlePage {
  readonly items: readonly Article[];
  /** Opaque; pass as `startToken` to continue. Absent on the last page. */
  readonly nextToken?: string;
}
