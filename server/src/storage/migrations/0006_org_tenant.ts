import type { Kysely } from 'kysely';

/** The tenant an organization was created for (`createOrg(tenantId)`), read back by `GET /api/v2/orgs/by-tenant`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').addColumn('tenant_id', 'text').execute();
  await db.schema.createIndex('orgs_tenant').on('orgs').columns(['userpool_id', 'tenant_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('orgs_tenant').execute();
  await db.schema.alterTable('orgs').dropColumn('tenant_id').execute();
}
