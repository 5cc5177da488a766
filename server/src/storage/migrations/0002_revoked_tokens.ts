import type { Kysely } from 'kysely';

/** User tokens ended by logout, kept until they would have expired anyway. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('revoked_tokens')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('userpool_id', 'text', (c) => c.notNull())
    .addColumn('exp', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('revoked_tokens_exp').on('revoked_tokens').column('exp').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('revoked_tokens').execute();
}
