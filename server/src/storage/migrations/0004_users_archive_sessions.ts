import type { Kysely } from 'kysely';

/**
 * Users, part 1 of the management issue:
 * - `users_pool_updated`, and `users_pool_created` rebuilt with `id`, so every `users` listing
 *   order (`sortBy` CREATEDAT/UPDATEDAT, ties broken by id) reads an index, not a sort of the pool;
 * - `archived_users`: a deleted user's last row (deleting a user archives it, `archivedUsers`);
 * - `user_identities`: external identities linked to a user (`users.linkIdentity`);
 * - `user_tokens`: the user tokens issued, by `jti`, so an administrator can see who is logged in
 *   (`users.checkLoginStatus`) and end the sessions of one application (`users.logout`);
 * - `outbox`: the messages authing-local would have sent (it sends no mail).
 * No ON DELETE actions, as in 0001: the cascades delete explicitly.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_pool_created').execute();
  await db.schema.createIndex('users_pool_created').on('users').columns(['userpool_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('users_pool_updated').on('users').columns(['userpool_id', 'updated_at', 'id']).execute();

  await db.schema
    .createTable('archived_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userpool_id', 'text', (c) => c.notNull().references('userpools.id'))
    .addColumn('username', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('logins_count', 'integer', (c) => c.notNull())
    .addColumn('last_login', 'text')
    .addColumn('last_ip', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('archived_users_pool').on('archived_users').columns(['userpool_id', 'archived_at', 'id']).execute();

  await db.schema
    .createTable('user_identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userpool_id', 'text', (c) => c.notNull().references('userpools.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('user_id_in_idp', 'text', (c) => c.notNull())
    .addColumn('is_social', 'integer', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('ext_idp_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('user_identities_key')
    .on('user_identities')
    .columns(['userpool_id', 'provider', 'user_id_in_idp'])
    .unique()
    .execute();
  await db.schema.createIndex('user_identities_user').on('user_identities').column('user_id').execute();

  await db.schema
    .createTable('user_tokens')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('userpool_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text')
    .addColumn('session_version', 'integer', (c) => c.notNull())
    .addColumn('exp', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_tokens_user').on('user_tokens').columns(['user_id', 'exp']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userpool_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_pool').on('outbox').columns(['userpool_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outbox', 'user_tokens', 'user_identities', 'archived_users']) await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('users_pool_updated').execute();
  await db.schema.dropIndex('users_pool_created').execute();
  await db.schema.createIndex('users_pool_created').on('users').columns(['userpool_id', 'created_at']).execute();
}
