import type { Kysely } from 'kysely';

/**
 * `principal_authentications`: the real-name (principal) authentication of a user
 * (services/principal-authentication.ts), at most one per user. `principal_type` is `P`
 * (a person: name and resident id number) or `E` (an enterprise: name and unified social credit
 * code). The bank card number or legal person's name sent with it is checked, never stored: no
 * answer of Authing returns it. Times are ISO strings, as the wire answers them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('principal_authentications')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull().unique())
    .addColumn('principal_type', text, (c) => c.notNull())
    .addColumn('principal_name', text, (c) => c.notNull())
    .addColumn('principal_code', text, (c) => c.notNull())
    .addColumn('authentication_time', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('principal_authentications').execute();
}
