import type { Kysely } from 'kysely';

/**
 * The identity-protocol provider (server/src/oidc): `oidc_models` holds what oidc-provider stores
 * (sessions, interactions, grants, authorization codes, access and refresh tokens), one row per
 * model and id with its JSON payload and expiry; `oidc_keys` the provider's signing keys (private
 * JWKs), so tokens issued before a restart still verify after it; `applications.oidc_config` the
 * app's per-protocol settings (JSON: token endpoint auth method, id_token algorithm, lifetimes,
 * consent), as Authing's `oidcConfig`; `cas_sessions` the browser sessions of the CAS login (by the
 * id in the session cookie) and `cas_tickets` its service tickets, each valid once for one service.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oidc_models')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    /** Seconds since the epoch; null never expires. */
    .addColumn('expires_at', 'integer')
    .addColumn('consumed_at', 'integer')
    .addPrimaryKeyConstraint('oidc_models_pk', ['model', 'id'])
    .execute();
  await db.schema.createIndex('oidc_models_grant').on('oidc_models').column('grant_id').execute();
  await db.schema.createIndex('oidc_models_uid').on('oidc_models').columns(['model', 'uid']).execute();
  await db.schema
    .createTable('oidc_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('cas_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userpool_id', 'text', (c) => c.notNull().references('userpools.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** Seconds since the epoch. */
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('cas_tickets')
    .addColumn('ticket', 'text', (c) => c.primaryKey())
    .addColumn('userpool_id', 'text', (c) => c.notNull().references('userpools.id').onDelete('cascade'))
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('applications').addColumn('oidc_config', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('oidc_config').execute();
  await db.schema.dropTable('cas_tickets').execute();
  await db.schema.dropTable('cas_sessions').execute();
  await db.schema.dropTable('oidc_keys').execute();
  await db.schema.dropTable('oidc_models').execute();
}
