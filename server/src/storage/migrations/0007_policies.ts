import type { Kysely } from 'kysely';

/**
 * Policies (PBAC) and their assignments. The policy objects and their CRUD come with the policies
 * issue; this migration lays down both tables so that assignments are read from and written to
 * storage now (a pool starts with no policies, so `policyAssignments` lists empty and assigning an
 * unknown policy is refused). Targets are stored by internal id, as grants are: a user id, a role
 * id, a group id or a node id, so renaming a role or group never orphans an assignment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('policies')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('namespace_id', 'integer', (c) => c.notNull().references('namespaces.id'))
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('description', text)
    // JSON array of {resource, actions, effect, condition}.
    .addColumn('statements', text, (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_auto', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policies_code').on('policies').columns(['namespace_id', 'code']).unique().execute();

  await db.schema
    .createTable('policy_assignments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('policy_id', text, (c) => c.notNull().references('policies.id').onDelete('cascade'))
    .addColumn('target_type', text, (c) => c.notNull())
    .addColumn('target_id', text, (c) => c.notNull())
    .addColumn('inherit_by_children', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('policy_assignments_key')
    .on('policy_assignments')
    .columns(['policy_id', 'target_type', 'target_id'])
    .unique()
    .execute();
  await db.schema.createIndex('policy_assignments_target').on('policy_assignments').columns(['target_type', 'target_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('policy_assignments').execute();
  await db.schema.dropTable('policies').execute();
}
