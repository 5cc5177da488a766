import type { Kysely } from 'kysely';

/**
 * Tenants (`managementClient.tenant`, services/tenants.ts): `tenants` (the Authing `Tenant` fields;
 * `code` unique in the pool when set; JSON columns hold the branding objects), `tenant_apps` (the
 * applications of a tenant) and `tenant_members` (services/tenant-members.ts: a user in a tenant,
 * whether an admin and whether enabled). Deleting a tenant, an application or a user removes its
 * links (the services delete them explicitly; the foreign keys cascade as a backstop).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('tenants')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull().references('userpools.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('code', text)
    .addColumn('logo', text)
    .addColumn('description', text)
    .addColumn('css', text)
    .addColumn('sso_page_customization_settings', text)
    .addColumn('default_login_tab', text)
    .addColumn('default_register_tab', text)
    .addColumn('password_tab_config', text)
    .addColumn('login_tabs', text)
    .addColumn('register_tabs', text)
    .addColumn('extends_fields', text)
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('tenants_pool_code', ['userpool_id', 'code'])
    .execute();
  await db.schema.createIndex('tenants_pool_seq').on('tenants').columns(['userpool_id', 'seq']).execute();
  await db.schema
    .createTable('tenant_apps')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('app_id', text, (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tenant_apps_pk', ['tenant_id', 'app_id'])
    .execute();
  await db.schema.createIndex('tenant_apps_app').on('tenant_apps').column('app_id').execute();
  await db.schema
    .createTable('tenant_members')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_admin', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('tenant_members_tenant_user', ['tenant_id', 'user_id'])
    .execute();
  await db.schema.createIndex('tenant_members_user').on('tenant_members').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_members').execute();
  await db.schema.dropTable('tenant_apps').execute();
  await db.schema.dropTable('tenants').execute();
}
