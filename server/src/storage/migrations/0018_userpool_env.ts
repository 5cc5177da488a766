import type { Kysely } from 'kysely';

/**
 * `userpool_env`: the environment variables of each pool (`/api/v2/env`), one row per key; the
 * value is stored as JSON text (services/userpool-env.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('userpool_env')
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('value_json', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('userpool_env_pk', ['userpool_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('userpool_env').execute();
}
