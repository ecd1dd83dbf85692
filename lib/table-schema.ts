/**
 * The articles table's shape: the one source of truth for the CDK stack (lib/),
 * the article store (functions/shared/) and the embedded local stack (local/).
 * Plain data, no CDK or SDK imports, so every side can read it.
 */
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
