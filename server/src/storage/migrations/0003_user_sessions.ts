import type { Kysely } from 'kysely';

/**
 * The session generation of each user. User tokens carry the generation they were issued in;
 * blocking a user moves it on, which ends every token issued before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('session_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('session_version').execute();
}
