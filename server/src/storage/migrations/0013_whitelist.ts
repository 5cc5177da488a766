import type { Kysely } from 'kysely';

/**
 * `whitelists`: the registration whitelist of each pool, one row per type (USERNAME, EMAIL,
 * PHONE) and value; emails are stored in lower case (services/whitelist.ts). Whether a type's list
 * is enforced is a pool setting (`userpool_settings`, `whitelist.*Enabled`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('whitelists')
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('value', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('whitelists_pk', ['userpool_id', 'type', 'value'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('whitelists').execute();
}
