/**
 * The articles table's shape: the one source of truth for the CDK stack (lib/),
 * the article store (functions/shared/) and the embedded local stack (local/).
 * Plain data, no CDK or SDK imports, so every side can read it.
 */

/**
 * The record attributes copied into each index besides the keys: enough to list and triage
 * articles (ArticleSummary in reader/types.ts) from the index alone. Bodies, removed lines and
 * images stay in the table: an index entry is a few hundred bytes (1 write unit) instead of a copy
 * of the whole item (about 11 write units per index for a typical 10 KB article).
 */
export const SUMMARY_ATTRIBUTES = [
  'status', 'title', 'language', 'wordCount', 'publishedAt', 'contentHash', 'sourceBucket', 'sourceKey', 'cleanerVersion',
] as const;

export const ARTICLES_TABLE = {
  partitionKey: 'articleId',
  indexes: {
    /** Articles ingested on a day, newest first (ScanIndexForward: false). */
    byDay: { name: 'byIngestDay', partitionKey: 'ingestDay', sortKey: 'ingestedAt' },
    /** Articles with the same cleaned body (duplicates). */
    byContentHash: { name: 'byContentHash', partitionKey: 'contentHash', sortKey: 'ingestedAt' },
  },
} as const;

/** Every key attribute above is a DynamoDB string (S). */
export const KEY_ATTRIBUTE_TYPE = 'S' as const;

/** An index of ARTICLES_TABLE. */
export type ArticlesIndex = (typeof ARTICLES_TABLE.indexes)[keyof typeof ARTICLES_TABLE.indexes];

/**
 * The non-key attributes an index projects (INCLUDE): SUMMARY_ATTRIBUTES minus the keys, which
 * DynamoDB always projects and refuses in NonKeyAttributes.
 */
export function projectedAttributes(index: ArticlesIndex): string[] {
  const keys = new Set<string>([ARTICLES_TABLE.partitionKey, index.partitionKey, index.sortKey]);
  return SUMMARY_ATTRIBUTES.filter((a) => !keys.has(a));
}
