import type { Kysely } from 'kysely';

/**
 * External identity providers and their connections (`/api/v2/extIdp`, `/api/v2/extIdpConn`),
 * stored and validated only (authing-local never connects to a provider), and the events
 * published to the event hub (`/api/v3/pub-event`, `/api/v3/pub-userEvent`).
 * `ext_idps.tenant_id` names a tenant of the pool; services/ext-idp.ts checks it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('ext_idps')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull().references('userpools.id').onDelete('cascade'))
    .addColumn('tenant_id', text)
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ext_idps_pool_tenant').on('ext_idps').columns(['userpool_id', 'tenant_id']).execute();
  await db.schema
    .createTable('ext_idp_connections')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('ext_idp_id', text, (c) => c.notNull().references('ext_idps.id').onDelete('cascade'))
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('identifier', text, (c) => c.notNull())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('fields', text, (c) => c.notNull())
    .addColumn('logo', text)
    .addColumn('user_match_fields', text, (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('ext_idp_connections_identifier', ['userpool_id', 'identifier'])
    .execute();
  await db.schema.createIndex('ext_idp_connections_idp').on('ext_idp_connections').column('ext_idp_id').execute();
  await db.schema
    .createTable('events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull().references('userpools.id').onDelete('cascade'))
    .addColumn('event_type', text, (c) => c.notNull())
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('event_data', text, (c) => c.notNull())
    .addColumn('publisher', text, (c) => c.notNull())
    .addColumn('user_id', text)
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_pool_type').on('events').columns(['userpool_id', 'event_type']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('events').execute();
  await db.schema.dropTable('ext_idp_connections').execute();
  await db.schema.dropTable('ext_idps').execute();
}
