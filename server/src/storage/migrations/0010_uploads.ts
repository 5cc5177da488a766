import type { Kysely } from 'kysely';

/**
 * `uploads`: files sent to `POST /api/v2/upload` (user avatars), kept with their bytes, the content
 * type they were recognized as and their size, and served back by `GET /__local/files`
 * (services/uploads.ts). A file outlives its uploader: a photo URL stays valid after the account
 * that sent it is merged away.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userpool_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('uploads').execute();
}
