import type { Kysely } from 'kysely';

/**
 * What the password flows keep (services/passwords.ts):
 * - `user_passwords`: per user, whether the next password login must first set a new password
 *   (`createUser(..., resetPasswordOnFirstLogin: true)`) and when the password last changed (the
 *   start of the pool's forced-change cycle; a user without a row counts from its creation).
 * - `password_tickets`: the short-lived, single-use tokens a refused login hands out (1639 first
 *   login, 2058 forced change), stored hashed, bound to one user of one pool and to their kind.
 * Times are milliseconds since the epoch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('user_passwords')
    .addColumn('user_id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('reset_on_first_login', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed_at', 'integer')
    .execute();

  await db.schema
    .createTable('password_tickets')
    .addColumn('token_hash', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('consumed_at', 'integer')
    .execute();
  await db.schema.createIndex('password_tickets_user').on('password_tickets').columns(['userpool_id', 'user_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('password_tickets').execute();
  await db.schema.dropTable('user_passwords').execute();
}
