import type { Kysely } from 'kysely';

/**
 * Custom data, one design for every target type: the fields of a target type (`udf_fields`, keyed
 * by pool + target type + key) and the values of its entities (`udf_values`, keyed by pool +
 * target type + target id + key). Values are stored decoded, as the field's type reads them.
 * As in 0001, no ON DELETE actions: the service and the cascades delete values explicitly, so a
 * forgotten cascade fails on the foreign key instead of leaving values behind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('udf_fields')
    .addColumn('userpool_id', 'text', (c) => c.notNull().references('userpools.id'))
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('options', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('udf_fields_pk', ['userpool_id', 'target_type', 'key'])
    .execute();
  await db.schema
    .createTable('udf_values')
    .addColumn('userpool_id', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('udf_values_pk', ['userpool_id', 'target_type', 'target_id', 'key'])
    .addForeignKeyConstraint('udf_values_field_fk', ['userpool_id', 'target_type', 'key'], 'udf_fields', ['userpool_id', 'target_type', 'key'])
    .execute();
  await db.schema.createIndex('udf_values_by_field').on('udf_values').columns(['userpool_id', 'target_type', 'key']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('udf_values').execute();
  await db.schema.dropTable('udf_fields').execute();
}
