import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AuditEntityType,
  type AuditEntry,
  type AuditRecord,
  AuditRecord as AuditSchema,
  nextAuditRecord,
} from '@carepool/domain';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

const chainPartition = (entityType: string, entityId: string) => keys.audit(entityType, entityId, 0).pk;

function parseAudit(item: Record<string, unknown>): AuditRecord {
  const { pk, sk, entity, ...record } = item;
  return AuditSchema.parse(record);
}

/** The latest record of an entity's chain, read strongly so the next link follows it. */
async function head(db: DynamoDBDocumentClient, tableName: string, entityType: string, entityId: string) {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': chainPartition(entityType, entityId) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = Items?.[0];
  return item ? parseAudit(item) : undefined;
}

/**
 * Turns audit entries into conditional Puts to add to the same transaction as the change. Each
 * Put claims its sequence number with attribute_not_exists, so two writers racing for one link
 * cannot both succeed: the loser's whole transaction fails and is retried from the new head.
 */
export async function auditPuts(
  db: DynamoDBDocumentClient,
  tableName: string,
  entries: readonly AuditEntry[],
  at: Date,
) {
  const heads = new Map<string, Pick<AuditRecord, 'seq' | 'hash'> | undefined>();
  const puts = [];
  for (const entry of entries) {
    const chain = chainPartition(entry.entityType, entry.entityId);
    if (!heads.has(chain)) heads.set(chain, await head(db, tableName, entry.entityType, entry.entityId));
    const record = nextAuditRecord(
      heads.get(chain),
      { entityType: entry.entityType, entityId: entry.entityId },
      entry.event,
      at,
    );
    heads.set(chain, record);
    puts.push({
      Put: {
        TableName: tableName,
        Item: { ...keys.audit(record.entityType, record.entityId, record.seq), entity: 'audit', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  return puts;
}

export async function readAuditTrail(
  db: DynamoDBDocumentClient,
  tableName: string,
  entityType: AuditEntityType,
  entityId: string,
): Promise<AuditRecord[]> {
  const items = await queryAll(db, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': chainPartition(entityType, entityId) },
    ConsistentRead: true,
  });
  return items.map(parseAudit);
}
