import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { mergeProps, tableDefaults } from './defaults.ts';
import { ConflictingPropsError } from './errors.ts';
import { ARTICLES_TABLE, KEY_ATTRIBUTE_TYPE, projectedAttributes } from './table-schema.ts';

/** Overridable settings of the articles table; keys and indexes always come from lib/table-schema.ts. */
export type ArticlesTableProps = Omit<dynamodb.TableProps, 'partitionKey' | 'sortKey'>;

const ATTRIBUTE_TYPES: Record<typeof KEY_ATTRIBUTE_TYPE, dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
};

function attribute(name: string): dynamodb.Attribute {
  return { name, type: ATTRIBUTE_TYPES[KEY_ATTRIBUTE_TYPE] };
}

/**
 * The articles table. Keys and global secondary indexes are read from `ARTICLES_TABLE`
 * (lib/table-schema.ts), the definition shared with the handler and the local stack. GSIs
 * project the keys and SUMMARY_ATTRIBUTES (INCLUDE): listing a day or finding duplicates reads
 * summaries from the index alone, whole records are fetched with BatchGetItem (reader/), and
 * each index entry costs one write unit instead of a copy of the whole item. DynamoDB cannot
 * change an existing index's projection in place: on a table deployed with another projection,
 * remove the index in one deployment and add it back in the next (or give it a new name).
 *
 * Defaults (`tableDefaults()`): on-demand billing, point-in-time recovery, AWS-managed KMS
 * encryption, deletion protection, RETAIN, stream NEW_AND_OLD_IMAGES.
 */
export class ArticlesTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, props: ArticlesTableProps = {}) {
    if (props.encryptionKey !== undefined && props.encryption !== dynamodb.TableEncryption.CUSTOMER_MANAGED) {
      throw new ConflictingPropsError('ArticlesTable', ['encryptionKey', 'encryption'], 'an encryptionKey requires encryption: CUSTOMER_MANAGED');
    }
    const defaults = tableDefaults();
    const billingMode = props.billingMode ?? defaults.billingMode;
    if (billingMode !== dynamodb.BillingMode.PROVISIONED && (props.readCapacity !== undefined || props.writeCapacity !== undefined)) {
      throw new ConflictingPropsError(
        'ArticlesTable',
        ['billingMode', 'readCapacity/writeCapacity'],
        'capacities apply to PROVISIONED billing only (the default is PAY_PER_REQUEST)',
      );
    }
    super(scope, id, mergeProps(defaults, props, { partitionKey: attribute(ARTICLES_TABLE.partitionKey) }));
    for (const index of Object.values(ARTICLES_TABLE.indexes)) {
      this.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.INCLUDE,
        nonKeyAttributes: projectedAttributes(index),
      });
    }
  }
}
