import type { Kysely } from 'kysely';

/**
 * Applications, part 2 (services/applications.ts): `applications.app_type` (INDIVIDUAL, Tenant or
 * BOTH, as `changeApplicationType` sets it) and `agreements`, the registration agreements of an
 * application, in `sort_order` (0, 1, ...). Deleting the application deletes its agreements.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('app_type', 'text', (c) => c.notNull().defaultTo('INDIVIDUAL')).execute();
  await db.schema
    .createTable('agreements')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('userpool_id', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agreements_app').on('agreements').columns(['app_id', 'sort_order']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agreements').execute();
  await db.schema.alterTable('applications').dropColumn('app_type').execute();
}
