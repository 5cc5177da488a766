import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The initial schema. Foreign keys have no ON DELETE action on purpose: services delete children
 * explicitly (and emit the matching fact changes), so a forgotten cascade fails loudly instead of
 * silently leaving the permission index out of step with the tables.
 */

/** Numeric auto-increment primary key in the dialect at hand. */
function withAutoId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const text = 'text' as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('userpools')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('secret', text, (c) => c.notNull())
    .addColumn('jwt_secret', text, (c) => c.notNull())
    .addColumn('rsa_public_pem', text, (c) => c.notNull())
    .addColumn('rsa_private_pem', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull().references('userpools.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('identifier', text, (c) => c.notNull())
    .addColumn('secret', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('logo', text)
    .addColumn('redirect_uris', text, (c) => c.notNull())
    .addColumn('default_strategy', text, (c) => c.notNull())
    .addColumn('permission_enabled', 'integer', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_pool').on('applications').column('userpool_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull().references('userpools.id'))
    .addColumn('username', text)
    .addColumn('email', text)
    .addColumn('phone', text)
    .addColumn('password_hash', text)
    .addColumn('profile', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('logins_count', 'integer', (c) => c.notNull())
    .addColumn('last_login', text)
    .addColumn('last_ip', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  // NULLs never collide in a unique index (SQLite and PostgreSQL alike): "unique where not null".
  await db.schema.createIndex('users_pool_username').on('users').columns(['userpool_id', 'username']).unique().execute();
  await db.schema.createIndex('users_pool_email').on('users').columns(['userpool_id', 'email']).unique().execute();
  await db.schema.createIndex('users_pool_phone').on('users').columns(['userpool_id', 'phone']).unique().execute();
  await db.schema.createIndex('users_pool_created').on('users').columns(['userpool_id', 'created_at']).execute();

  await withAutoId(db, db.schema.createTable('namespaces'))
    .addColumn('userpool_id', text, (c) => c.notNull().references('userpools.id'))
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('app_id', text, (c) => c.references('applications.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('namespaces_pool_code').on('namespaces').columns(['userpool_id', 'code']).unique().execute();

  await db.schema
    .createTable('resources')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('namespace_id', 'integer', (c) => c.notNull().references('namespaces.id'))
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('actions', text, (c) => c.notNull())
    .addColumn('api_identifier', text)
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resources_ns_code').on('resources').columns(['namespace_id', 'code']).unique().execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('namespace_id', 'integer', (c) => c.notNull().references('namespaces.id'))
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('parent_code', text)
    .addColumn('is_system', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roles_ns_code').on('roles').columns(['namespace_id', 'code']).unique().execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('role_id', text, (c) => c.notNull().references('roles.id'))
    .addColumn('holder_type', text, (c) => c.notNull())
    .addColumn('holder_id', text, (c) => c.notNull())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('role_assignments_pk', ['role_id', 'holder_type', 'holder_id'])
    .execute();
  await db.schema.createIndex('role_assignments_holder').on('role_assignments').columns(['holder_type', 'holder_id']).execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull().references('userpools.id'))
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_pool_code').on('groups').columns(['userpool_id', 'code']).unique().execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', text, (c) => c.notNull().references('groups.id'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_members_user').on('group_members').column('user_id').execute();

  await db.schema
    .createTable('orgs')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull().references('userpools.id'))
    .addColumn('root_node_id', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('nodes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull().references('orgs.id'))
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('parent_id', text, (c) => c.references('nodes.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('name_i18n', text)
    .addColumn('code', text)
    .addColumn('description', text)
    .addColumn('description_i18n', text)
    .addColumn('sort_order', 'integer')
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nodes_org').on('nodes').column('org_id').execute();
  await db.schema.createIndex('nodes_parent').on('nodes').column('parent_id').execute();

  await db.schema
    .createTable('node_members')
    .addColumn('node_id', text, (c) => c.notNull().references('nodes.id'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('is_main_department', 'integer', (c) => c.notNull())
    .addColumn('joined_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('node_members_pk', ['node_id', 'user_id'])
    .execute();
  await db.schema.createIndex('node_members_user').on('node_members').column('user_id').execute();

  await db.schema
    .createTable('grants')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('namespace_id', 'integer', (c) => c.notNull().references('namespaces.id'))
    .addColumn('target_type', text, (c) => c.notNull())
    .addColumn('target_id', text, (c) => c.notNull())
    .addColumn('resource', text, (c) => c.notNull())
    .addColumn('resource_type', text, (c) => c.notNull())
    .addColumn('actions', text)
    .addColumn('effect', text, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('grants_key')
    .on('grants')
    .columns(['namespace_id', 'target_type', 'target_id', 'resource', 'effect'])
    .unique()
    .execute();
  await db.schema.createIndex('grants_target').on('grants').columns(['target_type', 'target_id']).execute();
  await db.schema.createIndex('grants_ns_resource').on('grants').columns(['namespace_id', 'resource']).execute();

  await db.schema
    .createTable('app_access')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('app_id', text, (c) => c.notNull().references('applications.id'))
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('namespace', text, (c) => c.notNull())
    .addColumn('target_type', text, (c) => c.notNull())
    .addColumn('target_id', text, (c) => c.notNull())
    .addColumn('effect', text, (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('inherit_by_children', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('app_access_key')
    .on('app_access')
    .columns(['app_id', 'target_type', 'target_id', 'effect'])
    .unique()
    .execute();
  await db.schema.createIndex('app_access_target').on('app_access').columns(['target_type', 'target_id']).execute();

  await db.schema
    .createTable('programmatic_access_accounts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('app_id', text, (c) => c.notNull().references('applications.id'))
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('secret', text, (c) => c.notNull())
    .addColumn('remarks', text)
    .addColumn('token_lifetime', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('user_id', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('programmatic_app').on('programmatic_access_accounts').column('app_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'programmatic_access_accounts',
    'app_access',
    'grants',
    'node_members',
    'nodes',
    'orgs',
    'group_members',
    'groups',
    'role_assignments',
    'roles',
    'resources',
    'namespaces',
    'users',
    'applications',
    'userpools',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
