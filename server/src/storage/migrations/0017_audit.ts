import type { Kysely } from 'kysely';

/**
 * `user_actions`: what end users did (register, login success or failure, logout, password,
 * email, phone and profile changes), listed by `GET /api/v2/analysis/user-action`.
 * `audit_logs`: what the management side changed (operator, operation, resource), listed by
 * `GET /api/v2/analysis/audit`. `timestamp` is epoch milliseconds, so time ranges compare as numbers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('user_actions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('user_id', text)
    .addColumn('user_name', text)
    .addColumn('app_id', text)
    .addColumn('client_ip', text, (c) => c.notNull())
    .addColumn('operation_name', text, (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .addColumn('timestamp', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_actions_pool_time').on('user_actions').columns(['userpool_id', 'timestamp']).execute();
  await db.schema
    .createTable('audit_logs')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('operator_type', text, (c) => c.notNull())
    .addColumn('operator_id', text, (c) => c.notNull())
    .addColumn('operator_name', text, (c) => c.notNull())
    .addColumn('app_id', text)
    .addColumn('client_ip', text, (c) => c.notNull())
    .addColumn('operation_name', text, (c) => c.notNull())
    .addColumn('resource_type', text, (c) => c.notNull())
    .addColumn('resource_desc', text, (c) => c.notNull())
    .addColumn('timestamp', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_logs_pool_time').on('audit_logs').columns(['userpool_id', 'timestamp']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_logs').execute();
  await db.schema.dropTable('user_actions').execute();
}
