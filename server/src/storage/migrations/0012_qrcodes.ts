import type { Kysely } from 'kysely';

/**
 * `qrcodes`: QR-code logins (services/qrcode.ts). One row per generated code (`random`), for the
 * application that generated it, in a scene (`APP_AUTH`, `WXAPP_AUTH`, `WECHATMP_AUTH`), with its
 * state (0 unscanned, 1 scanned, 2 confirmed, 3 cancelled), the user who scanned it, and, once
 * confirmed, the single-use ticket the web page exchanges for the user's token. Times are
 * milliseconds since the epoch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('qrcodes')
    .addColumn('random', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('app_id', text, (c) => c.notNull())
    .addColumn('scene', text, (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('user_id', text)
    // JSON of the generating call's `params` (custom data) and `context`, as given.
    .addColumn('custom_data', text)
    .addColumn('context', text)
    .addColumn('ticket', text, (c) => c.unique())
    .addColumn('ticket_expires_at', 'integer')
    .addColumn('exchanged_at', 'integer')
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('qrcodes_pool_created').on('qrcodes').columns(['userpool_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('qrcodes').execute();
}
