import type { Kysely } from 'kysely';

/**
 * What the end-user flows need to keep:
 * - `verification_codes`: codes sent by SMS or mail (to the outbox: authing-local sends neither),
 *   stored hashed, per channel, recipient and scene, with an expiry, a count of wrong tries and
 *   the time they were used (single use).
 * - `userpool_settings`: the user pool's settings that flows obey (registration switch, whitelist
 *   switches, password strength, ...), one JSON document per pool, read through
 *   services/pool-settings.ts with defaults for every key it lacks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('verification_codes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('channel', text, (c) => c.notNull())
    .addColumn('recipient', text, (c) => c.notNull())
    .addColumn('scene', text, (c) => c.notNull())
    .addColumn('code_hash', text, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Milliseconds since the epoch.
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('consumed_at', 'integer')
    .execute();
  await db.schema
    .createIndex('verification_codes_recipient')
    .on('verification_codes')
    .columns(['userpool_id', 'channel', 'recipient', 'created_at'])
    .execute();

  await db.schema
    .createTable('userpool_settings')
    .addColumn('userpool_id', text, (c) => c.primaryKey())
    .addColumn('settings', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('userpool_settings').execute();
  await db.schema.dropTable('verification_codes').execute();
}
