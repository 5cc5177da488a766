import type { Kysely } from 'kysely';

/**
 * SAML 2.0 (server/src/saml): `applications.saml_config` the app's service provider (JSON: its
 * assertion consumer service URL, entity ID and NameID format, Authing's `samlConfig`), and
 * `saml_credentials` the identity provider's signing key with its self-signed certificate, kept so
 * that service providers holding the metadata keep verifying after a restart.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('saml_config', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema
    .createTable('saml_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('private_key_pem', 'text', (c) => c.notNull())
    .addColumn('certificate_pem', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('saml_credentials').execute();
  await db.schema.alterTable('applications').dropColumn('saml_config').execute();
}
